import { Box, Paper, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Markdown } from '../../ui/markdown';

/** Markdown with a Write / Preview switch; the preview goes through the sanitising renderer. */
export const MarkdownField = (props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  description?: string;
  error?: string;
  minRows?: number;
  onSubmitShortcut?: () => void;
}) => {
  const [tab, setTab] = useState<string | null>('write');
  return (
    <Box>
      <Tabs value={tab} onChange={setTab} variant="outline" radius="sm" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            label={props.label}
            description={props.description ?? 'Markdown: **bold**, lists, `code`, links'}
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
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Text size="sm" fw={500} mb={4}>
            {props.label} (preview)
          </Text>
          <Paper withBorder p="sm" mih={120} radius="sm" data-testid="markdown-preview">
            {props.value.trim() ? (
              <Markdown text={props.value} />
            ) : (
              <Text size="sm" c="dimmed">
                Nothing to preview yet.
              </Text>
            )}
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
};
