import { Box, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { Markdown } from '../../ui/markdown';

/** Markdown with a Write / Preview switch; the preview goes through the sanitising renderer. */
export const MarkdownField = (props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  error?: string;
  minRows?: number;
  onSubmitShortcut?: () => void;
}) => {
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const id = useId();
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Box>
          <Text component="label" htmlFor={id} size="sm" fw={500} display="block">
            {props.label}
          </Text>
          <Text size="xs" c="dimmed" id={`${id}-hint`}>
            Markdown: **bold**, lists, `code`, links
          </Text>
        </Box>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as 'write' | 'preview')}
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          aria-label={`${props.label}: write or preview`}
        />
      </Group>
      {mode === 'write' ? (
        <Textarea
          id={id}
          aria-describedby={`${id}-hint`}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          error={props.error}
          autosize
          minRows={props.minRows ?? 5}
          maxRows={16}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && props.onSubmitShortcut) {
              e.preventDefault();
              props.onSubmitShortcut();
            }
          }}
        />
      ) : (
        <Paper
          withBorder
          p="sm"
          mih={120}
          radius="sm"
          data-testid="markdown-preview"
          aria-label={`${props.label} preview`}
        >
          {props.value.trim() ? (
            <Markdown text={props.value} />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview yet.
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
};
