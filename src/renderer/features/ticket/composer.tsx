import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type KeyboardEvent, type RefObject } from 'react';
import { newId } from '../../../shared/ids';
import { Markdown } from '../../ui/markdown';
import { draftKey, useDraft, type DraftKind } from './drafts';
import { useMutate } from './use-mutate';

const isModEnter = (e: KeyboardEvent) => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

const localDate = (at = Date.now()): string => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const textEmpty = (s: string) => s.trim() === '';

/** Public reply or internal note: Markdown with a preview, sent with Ctrl/Cmd+Enter. */
const CommentForm = ({
  inputRef,
  ...props
}: {
  ticketId: string;
  kind: 'reply' | 'note';
  inputRef?: RefObject<HTMLTextAreaElement | null>;
}) => {
  const mutate = useMutate();
  const draft = useDraft<string>(draftKey(props.ticketId, props.kind), '', textEmpty);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const internal = props.kind === 'note';

  const send = async () => {
    if (textEmpty(draft.value) || busy) return;
    setBusy(true);
    setError(null);
    const r = await mutate('ticket.addComment', {
      id: newId(),
      ticketId: props.ticketId,
      body: draft.value,
      visibility: internal ? 'internal' : 'public',
    });
    setBusy(false);
    if (r.ok) {
      await draft.clear();
      setMode('write');
    } else setError(r.error.message);
  };

  const label = internal ? 'Internal note' : 'Reply to the requester';
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {internal
            ? 'Only the service desk sees internal notes.'
            : 'The requester sees this reply. Markdown is supported.'}
        </Text>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as 'write' | 'preview')}
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          aria-label={`${label}: write or preview`}
        />
      </Group>
      {mode === 'write' ? (
        <Textarea
          ref={inputRef}
          aria-label={label}
          placeholder={internal ? 'Write an internal note…' : 'Write a reply…'}
          autosize
          minRows={4}
          maxRows={16}
          value={draft.value}
          onChange={(e) => draft.set(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (isModEnter(e)) {
              e.preventDefault();
              void send();
            }
          }}
          styles={internal ? { input: { background: 'var(--mantine-color-yellow-0)' } } : undefined}
        />
      ) : (
        <Paper withBorder p="sm" mih={96} data-testid="composer-preview">
          {textEmpty(draft.value) ? (
            <Text size="sm" c="dimmed">
              Nothing to preview yet.
            </Text>
          ) : (
            <Markdown text={draft.value} />
          )}
        </Paper>
      )}
      {error ? (
        <Alert color="red" variant="light" role="alert" title="Not sent">
          {error} Your text is kept.
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {draft.value && !textEmpty(draft.value) ? 'Draft saved on this device · ' : ''}Ctrl/⌘ +
          Enter to send
        </Text>
        <Button
          size="sm"
          color={internal ? 'yellow.8' : undefined}
          onClick={() => void send()}
          disabled={textEmpty(draft.value)}
          loading={busy}
        >
          {internal ? 'Add internal note' : 'Send reply'}
        </Button>
      </Group>
    </Stack>
  );
};

interface WorkDraft {
  minutes: number | '';
  note: string;
  date: string;
}

const WorkForm = ({ ticketId }: { ticketId: string }) => {
  const mutate = useMutate();
  const empty: WorkDraft = { minutes: '', note: '', date: '' };
  const draft = useDraft<WorkDraft>(
    draftKey(ticketId, 'work'),
    empty,
    (w) => w.minutes === '' && w.note.trim() === '',
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const w = draft.value;
  const date = w.date || localDate();

  const send = async () => {
    if (busy) return;
    if (w.minutes === '') {
      setError('Enter the minutes you spent (1 to 1440).');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await mutate('ticket.logWork', {
      id: newId(),
      ticketId,
      minutes: w.minutes,
      workDate: date,
      note: w.note,
    });
    setBusy(false);
    if (r.ok) await draft.clear();
    else setError(r.error.message);
  };
  const onKey = (e: KeyboardEvent) => {
    if (isModEnter(e)) {
      e.preventDefault();
      void send();
    }
  };
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <NumberInput
          label="Minutes"
          min={1}
          max={1440}
          allowDecimal={false}
          // Out-of-range minutes get the rule's message rather than a silent clamp.
          clampBehavior="none"
          value={w.minutes}
          onChange={(v) => draft.set({ ...w, minutes: typeof v === 'number' ? v : '' })}
          onKeyDown={onKey}
        />
        <TextInput
          label="Date"
          type="date"
          value={date}
          onChange={(e) => draft.set({ ...w, date: e.currentTarget.value })}
          onKeyDown={onKey}
        />
      </Group>
      <Textarea
        label="What did you do?"
        autosize
        minRows={2}
        value={w.note}
        onChange={(e) => draft.set({ ...w, note: e.currentTarget.value })}
        onKeyDown={onKey}
      />
      {error ? (
        <Alert color="red" variant="light" role="alert" title="Not logged">
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button size="sm" variant="light" onClick={() => void send()} loading={busy}>
          Log work
        </Button>
      </Group>
    </Stack>
  );
};

/** The composer under the timeline; `canWork` hides staff-only tabs from requesters. */
export const Composer = ({
  inputRef,
  ...props
}: {
  ticketId: string;
  canWork: boolean;
  tab: DraftKind;
  onTab: (t: DraftKind) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) => (
  <Paper withBorder radius="md" p="md" data-testid="composer">
    <Tabs value={props.tab} onChange={(v) => v && props.onTab(v as DraftKind)} keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="reply">Reply</Tabs.Tab>
        {props.canWork ? <Tabs.Tab value="note">Internal note</Tabs.Tab> : null}
        {props.canWork ? <Tabs.Tab value="work">Log work</Tabs.Tab> : null}
      </Tabs.List>
      <Tabs.Panel value="reply">
        <CommentForm ticketId={props.ticketId} kind="reply" inputRef={inputRef} />
      </Tabs.Panel>
      {props.canWork ? (
        <Tabs.Panel value="note">
          <CommentForm ticketId={props.ticketId} kind="note" inputRef={inputRef} />
        </Tabs.Panel>
      ) : null}
      {props.canWork ? (
        <Tabs.Panel value="work">
          <WorkForm ticketId={props.ticketId} />
        </Tabs.Panel>
      ) : null}
    </Tabs>
  </Paper>
);
