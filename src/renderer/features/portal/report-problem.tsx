import { Alert, Anchor, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { Level } from '../../../shared/domain/priority';
import { newId, type TicketId } from '../../../shared/ids';
import { incidentCreate } from '../../../shared/sync/mutations/create-incident-problem';
import { hrefFor, navigate } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import { useSyncStatus } from '../../sync/status-store';
import { fieldErrorsFrom } from '../../ui/form-errors';
import { IconAlert, IconCloudOff } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { notifySuccess } from '../../ui/notify';
import { FormActions } from '../create/incident-form';
import { errorsFromDomain, useCreateMutation, type Errors } from '../create/submit';
import { useFocusOnRefusal } from './focus-refusal';
import { useDraft } from '../ticket/drafts';
import { ChoiceGroup } from './choice-group';
import { PORTAL_HOME, portalTicketPath } from './portal-paths';
import { impactChoices, urgencyChoices } from './portal-words';
import { useIntakeQueue } from './use-portal-data';
import './portal.css';

export interface ProblemDraft {
  title: string;
  description: string;
  impact: Level | null;
  urgency: Level | null;
}

const emptyProblem: ProblemDraft = { title: '', description: '', impact: null, urgency: null };
const isBlank = (d: ProblemDraft) =>
  d.title.trim() === '' && d.description.trim() === '' && d.impact === null && d.urgency === null;

export const PROBLEM_DRAFT_KEY = 'draft:portal:problem';

const LABELS = {
  title: 'What is wrong',
  description: 'Details',
  impact: 'Who is affected',
  urgency: 'How much it gets in your way',
  queueId: 'Team',
};

/** Offline is not an error here, only worth knowing: the report waits on the device. */
export const OfflineNote = ({ what }: { what: string }) => {
  const offline = useSyncStatus((s) => s.connection === 'offline');
  if (!offline) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCloudOff size={18} />}
      title="You are offline"
      data-testid="portal-offline-note"
    >
      You can still send {what}. It is kept on this device and reaches the service desk as soon as
      you are connected again.
    </Alert>
  );
};

/** `#/portal/new/problem`: an incident, asked for in everyday words. */
export const ReportProblemPage = () => {
  const draft = useDraft<ProblemDraft>(PROBLEM_DRAFT_KEY, emptyProblem, isBlank);
  const queue = useIntakeQueue();
  return (
    <Stack gap="lg" maw={760} mx="auto" w="100%">
      <Anchor href={hrefFor(PORTAL_HOME)} size="sm" c="dimmed">
        ← My requests
      </Anchor>
      <Stack gap={4}>
        <Title order={1} fz={24}>
          Report a problem
        </Title>
        <Text c="dimmed" size="sm">
          Tell us what is not working. The service desk sees it straight away, and you can follow it
          from My requests.
        </Text>
      </Stack>
      <OfflineNote what="your report" />
      {!draft.loaded || queue === undefined ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={6} />
        </Paper>
      ) : (
        <ProblemForm draft={draft} queueId={queue?.id ?? null} queueName={queue?.name ?? null} />
      )}
    </Stack>
  );
};

const ProblemForm = (props: {
  draft: ReturnType<typeof useDraft<ProblemDraft>>;
  queueId: string | null;
  queueName: string | null;
}) => {
  const { draft } = props;
  const d = draft.value;
  const user = useCurrentUser();
  const mutate = useCreateMutation();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  useFocusOnRefusal(refusals, '#portal-report');
  const refuse = (e: Errors) => {
    setErrors(e);
    setRefusals((n) => n + 1);
  };

  const set = (patch: Partial<ProblemDraft>) => {
    draft.set({ ...d, ...patch });
    const keys = Object.keys(patch);
    if (keys.some((k) => errors[k]) || errors.form) {
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k) && k !== 'form')),
      );
    }
  };

  const submit = async () => {
    if (busy) return;
    const mine: Errors = {};
    if (d.title.trim() === '') mine.title = 'Say in a few words what is wrong';
    if (d.impact === null) mine.impact = 'Choose who is affected';
    if (d.urgency === null) mine.urgency = 'Choose how much it gets in your way';
    if (props.queueId === null) {
      mine.form =
        'The service desk has not set up a team to receive reports yet, so it cannot be sent. Your text is kept; please call the service desk.';
    }
    if (Object.keys(mine).length > 0) return refuse(mine);
    const id = newId<TicketId>();
    const args = {
      id,
      title: d.title,
      description: d.description,
      requesterId: user.id,
      queueId: props.queueId,
      impact: d.impact,
      urgency: d.urgency,
    };
    const parsed = incidentCreate.args.safeParse(args);
    if (!parsed.success) return refuse(fieldErrorsFrom(parsed.error, LABELS) as Errors);
    setBusy(true);
    const r = await mutate('incident.create', args);
    setBusy(false);
    if (!r.ok) return refuse(errorsFromDomain(r.error, LABELS));
    await draft.clear();
    notifySuccess('Thank you. Your report is saved and on its way to the service desk.');
    navigate(portalTicketPath(id));
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      id="portal-report"
      component="form"
      noValidate
      aria-label="Report a problem"
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
      <Stack gap="lg">
        <TextInput
          label="What is wrong?"
          description="A short summary, for example “The printer on floor 2 jams on every page”"
          required
          autoFocus
          data-autofocus
          maxLength={200}
          value={d.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
        />
        <Textarea
          label="Tell us more"
          description="What happens, since when, and what you have tried. Error messages help a lot."
          autosize
          minRows={4}
          maxRows={14}
          value={d.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={errors.description}
        />
        <ChoiceGroup
          name="impact"
          legend="Who is affected?"
          choices={impactChoices}
          value={d.impact}
          onChange={(v) => set({ impact: v })}
          error={errors.impact}
          testId="portal-impact"
        />
        <ChoiceGroup
          name="urgency"
          legend="How much does it get in your way?"
          choices={urgencyChoices}
          value={d.urgency}
          onChange={(v) => set({ urgency: v })}
          error={errors.urgency}
          testId="portal-urgency"
        />
        {props.queueName ? (
          <Text size="xs" c="dimmed">
            Your report goes to the {props.queueName} team, who pass it on if someone else should
            handle it.
          </Text>
        ) : null}
        {errors.form ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlert size={18} />}
            role="alert"
            title="Your report was not sent"
          >
            {errors.form}
          </Alert>
        ) : null}
        <FormActions busy={busy} label="Send report" onDiscard={draft.clear} dirty={!isBlank(d)} />
      </Stack>
    </Paper>
  );
};
