import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Kbd,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { canSeeTicket, isStaff } from '../../../shared/domain/access';
import type { Level } from '../../../shared/domain/priority';
import { newId, type TicketId } from '../../../shared/ids';
import { incidentCreate } from '../../../shared/sync/mutations/create-incident-problem';
import { navigate } from '../../app/router';
import { registerShortcutHelp } from '../../app/shortcut-registry';
import { useCurrentUser } from '../../session/session-store';
import { fieldErrorsFrom } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { useNewDraft } from './drafts';
import { DuplicateSuggestions } from './duplicate-suggestions';
import { MarkdownField } from './markdown-field';
import { PriorityPicker } from './priority-picker';
import { errorsFromDomain, useCreateMutation, useFocusFirstError, type Errors } from './submit';
import { useCreateRefs, type CreateRefs } from './use-create-refs';
import './create.css';

registerShortcutHelp({
  id: 'create',
  title: 'New incident or request',
  order: 30,
  items: [
    { keys: ['Ctrl/⌘', 'Enter'], description: 'Create the ticket' },
    { keys: ['Esc'], description: 'Close a ticket preview' },
  ],
});

export interface IncidentDraft {
  title: string;
  description: string;
  requesterId: string | null;
  queueId: string | null;
  category: string;
  impact: Level;
  urgency: Level;
  ciId: string | null;
}

export const emptyIncident: IncidentDraft = {
  title: '',
  description: '',
  requesterId: null,
  queueId: null,
  category: '',
  impact: 3,
  urgency: 3,
  ciId: null,
};

/** Nothing typed or chosen yet: no draft is kept. */
const isBlankIncident = (d: IncidentDraft) =>
  d.title.trim() === '' &&
  d.description.trim() === '' &&
  d.category.trim() === '' &&
  d.requesterId === null &&
  d.queueId === null &&
  d.ciId === null &&
  d.impact === emptyIncident.impact &&
  d.urgency === emptyIncident.urgency;

const LABELS = {
  title: 'Title',
  description: 'Description',
  requesterId: 'Requester',
  queueId: 'Queue',
  category: 'Category',
  impact: 'Impact',
  urgency: 'Urgency',
  ciId: 'Configuration item',
};

export const NewIncidentPage = () => {
  const refs = useCreateRefs();
  const { draft, update, clear, saveError } = useNewDraft(
    'incident',
    emptyIncident,
    isBlankIncident,
  );
  return (
    <Page
      title="New incident"
      description="Something is broken or degraded. It is logged on this device at once and reaches the hub when it is reachable."
    >
      {refs && draft ? (
        <IncidentForm
          refs={refs}
          draft={draft}
          update={update}
          clear={clear}
          saveError={saveError}
        />
      ) : (
        <Paper withBorder radius="md">
          <TableSkeleton rows={6} />
        </Paper>
      )}
    </Page>
  );
};

const IncidentForm = (props: {
  refs: CreateRefs;
  draft: IncidentDraft;
  update: (p: Partial<IncidentDraft>) => void;
  clear: () => Promise<void>;
  saveError: string | null;
}) => {
  const { refs, draft: d, update } = props;
  const user = useCurrentUser();
  const actor = { userId: user.id, roles: user.roles, queueIds: user.queueIds };
  const staff = isStaff(actor);
  const mutate = useCreateMutation();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  useFocusFirstError(errors, '#new-incident');

  // Defaults are shown, not stored, until the user picks: the draft holds only choices.
  const requesterId = staff ? (d.requesterId ?? user.id) : user.id;
  const queueId =
    d.queueId ??
    refs.queues.find((q) => user.queueIds.includes(q.id))?.id ??
    refs.queues[0]?.id ??
    null;
  const userData = useMemo(
    () => refs.users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    [refs.users],
  );
  const queueData = refs.queues.map((q) => ({ value: q.id, label: q.name }));
  const ciData = refs.cis.map((c) => ({ value: c.id, label: `${c.name} · ${c.kind}` }));
  const leavesView =
    queueId !== null && !canSeeTicket(actor, { requesterId, queueId: queueId as never });

  const set = (patch: Partial<IncidentDraft>) => {
    update(patch);
    const cleared = Object.keys(patch);
    if (cleared.some((k) => errors[k] || errors.form)) {
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => !cleared.includes(k) && k !== 'form')),
      );
    }
  };

  const submit = async () => {
    if (busy) return;
    if (!queueId) {
      setErrors({ queueId: 'Choose the queue that should work on this incident' });
      return;
    }
    const id = newId<TicketId>();
    const args = {
      id,
      title: d.title,
      description: d.description,
      requesterId,
      queueId,
      category: d.category,
      impact: d.impact,
      urgency: d.urgency,
      ciId: d.ciId,
    };
    const parsed = incidentCreate.args.safeParse(args);
    if (!parsed.success) {
      setErrors(fieldErrorsFrom(parsed.error, LABELS) as Errors);
      return;
    }
    setBusy(true);
    const r = await mutate('incident.create', args);
    setBusy(false);
    if (!r.ok) {
      setErrors(errorsFromDomain(r.error, LABELS));
      return;
    }
    await props.clear();
    notifySuccess('Incident logged. It gets its number when the hub receives it.');
    navigate(`/tickets/${id}`);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      maw={880}
      id="new-incident"
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <Stack gap="md">
        <Stack gap="xs">
          <TextInput
            label="Title"
            description="One line that says what is wrong, e.g. “VPN drops every few minutes”"
            required
            data-autofocus
            autoFocus
            maxLength={200}
            value={d.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.title}
          />
          <DuplicateSuggestions title={d.title} />
        </Stack>
        <MarkdownField
          label="Description"
          value={d.description}
          onChange={(v) => set({ description: v })}
          placeholder="What happens, since when, who is affected, what was tried"
          error={errors.description}
          onSubmitShortcut={() => void submit()}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {staff ? (
            <Select
              label="Requester"
              description="Who is affected (you, or the caller you log it for)"
              required
              searchable
              limit={30}
              nothingFoundMessage="No user with that name on this device"
              data={userData}
              value={requesterId}
              onChange={(v) => set({ requesterId: v })}
              error={errors.requesterId}
            />
          ) : (
            <TextInput label="Requester" value={`${user.displayName} (you)`} readOnly />
          )}
          <Select
            label="Queue"
            description="The team that should work on it"
            required
            searchable
            data={queueData}
            value={queueId}
            onChange={(v) => set({ queueId: v })}
            error={errors.queueId}
            nothingFoundMessage="No queue with that name"
          />
          <Autocomplete
            label="Category"
            description="Pick one in use or type a new one"
            data={refs.categories}
            limit={20}
            maxLength={80}
            value={d.category}
            onChange={(v) => set({ category: v })}
            error={errors.category}
          />
          <Select
            label="Configuration item"
            description="The service, application or device, if known"
            searchable
            clearable
            limit={30}
            data={ciData}
            value={d.ciId}
            onChange={(v) => set({ ciId: v })}
            error={errors.ciId}
            nothingFoundMessage="No configuration item with that name"
            placeholder={refs.cis.length === 0 ? 'None recorded yet' : 'None'}
          />
        </SimpleGrid>
        {leavesView ? (
          <Text size="xs" c="orange.9" data-testid="queue-note">
            You are not in this queue and not the requester: once the hub accepts the incident it
            leaves your lists.
          </Text>
        ) : null}
        <PriorityPicker
          impact={d.impact}
          urgency={d.urgency}
          matrix={refs.settings.priorityMatrix}
          onChange={(v) => set(v)}
        />
        {errors.form ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlert size={18} />}
            role="alert"
            title="The incident was not created"
          >
            {errors.form} Nothing you typed was lost.
          </Alert>
        ) : null}
        {props.saveError ? (
          <Text size="xs" c="red.8" role="status">
            {props.saveError}
          </Text>
        ) : null}
        <FormActions
          busy={busy}
          label="Create incident"
          onDiscard={props.clear}
          dirty={!isBlankIncident(d)}
        />
      </Stack>
    </Paper>
  );
};

export const FormActions = (props: {
  busy: boolean;
  label: string;
  dirty: boolean;
  onDiscard: () => Promise<void>;
}) => {
  const [confirming, setConfirming] = useState(false);
  return (
    <Group justify="space-between" mt="xs">
      <Group gap="sm">
        <Button type="submit" loading={props.busy}>
          {props.label}
        </Button>
        <Text size="xs" c="dimmed" aria-hidden="true">
          <Kbd size="xs">Ctrl/⌘</Kbd> + <Kbd size="xs">Enter</Kbd>
        </Text>
      </Group>
      {props.dirty ? (
        confirming ? (
          <Group gap="xs">
            <Text size="sm">Discard this draft?</Text>
            <Button
              variant="light"
              color="red"
              size="xs"
              onClick={() => {
                setConfirming(false);
                void props.onDiscard();
              }}
            >
              Discard
            </Button>
            <Button variant="default" size="xs" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </Group>
        ) : (
          <Button variant="subtle" color="gray" onClick={() => setConfirming(true)}>
            Discard draft
          </Button>
        )
      ) : (
        <Text size="xs" c="dimmed">
          Drafts are kept on this device until you create the ticket.
        </Text>
      )}
    </Group>
  );
};
