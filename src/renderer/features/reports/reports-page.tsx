import {
  Alert,
  Button,
  EmptyState,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { IconAlert, IconRefresh, IconReports } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { Page } from '../../ui/page';
import { useActor, useQueues } from '../queues/use-queue-data';
import type { FactsRun } from './report-facts';
import { BacklogCharts, PeriodCharts } from './report-charts';
import { ReportFigures } from './report-figures';
import { QueueTable } from './report-queues';
import {
  buildReport,
  periodIds,
  periods,
  recordKindIds,
  recordKinds,
  type PeriodId,
  type RecordKind,
  type Report,
  type ReportSelection,
} from './report-model';
import { useReportFacts, type ReportView } from './report-store';
import { useReportView } from './report-view-store';
import { count } from './report-words';

/**
 * `#/reports`: continual-improvement figures and charts (DOMAIN.md),
 * computed on this device from the tickets it holds, so they work offline
 * and cover only the queues the user receives.
 */
const DESCRIPTION =
  'Backlog, time to resolve, SLA attainment, reopens and reassignments, computed on this device.';

const ALL = 'all';

const Loading = ({ view }: { view: ReportView }) => (
  <Paper withBorder radius="md" aria-busy="true" data-testid="report-loading">
    <Stack gap={4} px="md" pt="md">
      <Text size="sm" c="dimmed">
        {view.progress && view.progress.total > 0
          ? `Reading tickets on this device… ${view.progress.done.toLocaleString()} of ${view.progress.total.toLocaleString()}`
          : 'Reading tickets on this device…'}
      </Text>
      {view.progress && view.progress.total > 0 ? (
        <Progress
          value={(100 * view.progress.done) / view.progress.total}
          size="sm"
          aria-hidden="true"
        />
      ) : null}
    </Stack>
    <TableSkeleton rows={4} />
  </Paper>
);

const Failed = ({ message, onRetry }: { message: string; onRetry: () => void }) => (
  <Alert
    variant="light"
    color="red"
    icon={<IconAlert size={18} />}
    title="Could not compute the report"
    role="alert"
  >
    <Stack gap="sm">
      <Text size="sm">{message}. Nothing was changed: your tickets stay on this device.</Text>
      <Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          onClick={onRetry}
        >
          Try again
        </Button>
      </Group>
    </Stack>
  </Alert>
);

/**
 * Reports built from one run, by selection: over 100k tickets one takes 45 ms
 * (30 days) to 190 ms (12 months) on a busy 2-core machine, so switching back
 * to a selection already seen costs nothing.
 */
const built = new WeakMap<FactsRun, Map<string, Report>>();
const reportOf = (run: FactsRun, selection: ReportSelection): Report => {
  let byKey = built.get(run);
  if (!byKey) built.set(run, (byKey = new Map()));
  const key = `${selection.period}|${selection.queueId ?? ''}|${selection.kind}`;
  let report = byKey.get(key);
  if (!report) {
    report = buildReport(run.facts, selection, run.asOf, run.timeZone);
    byKey.set(key, report);
  }
  return report;
};

/** The user's queues and any other queue with tickets here (a lead's group), by name. */
const useQueueChoices = (run: FactsRun | null) => {
  const queues = useQueues();
  const actor = useActor();
  return useMemo(() => {
    const ids = new Set<string>(actor.queueIds);
    for (const f of run?.facts ?? []) ids.add(f.queueId);
    const nameOf = (id: string) => queues.get(id)?.name ?? 'Unknown queue';
    const choices = [...ids]
      .map((id) => ({ value: id, label: nameOf(id) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return { choices, nameOf };
  }, [queues, actor.queueIds, run]);
};

export const ReportsPage = () => {
  const { view, refresh } = useReportFacts();
  const { period, queueId, kind, setPeriod, setQueueId, setKind } = useReportView();
  const run = view.run;
  const { choices, nameOf } = useQueueChoices(run);
  const queue = queueId !== null && choices.some((c) => c.value === queueId) ? queueId : null;
  const report = useMemo(
    () => (run ? reportOf(run, { period, queueId: queue, kind }) : null),
    [run, period, queue, kind],
  );
  // Tickets in the selection that the SLA clock could not measure.
  const unmeasured = useMemo(() => {
    if (!run || run.problems.length === 0) return 0;
    const ids = new Set(run.problems.map((p) => p.ticketId));
    const types: readonly string[] = recordKinds[kind].types;
    return run.facts.filter(
      (f) => ids.has(f.id) && (queue === null || f.queueId === queue) && types.includes(f.type),
    ).length;
  }, [run, queue, kind]);

  if (!run || !report) {
    return (
      <Page title="Reports" description={DESCRIPTION}>
        {view.error ? <Failed message={view.error} onRetry={refresh} /> : <Loading view={view} />}
      </Page>
    );
  }
  if (run.facts.length === 0) {
    return (
      <Page title="Reports" description={DESCRIPTION}>
        <Paper withBorder radius="md" py={56} px="xl">
          <EmptyState
            icon={<IconReports size={28} />}
            title="No tickets on this device yet"
            description="Reports are computed from the tickets of your queues that this device holds. They arrive with sync; once they are here, reports work offline too."
            maw={560}
            mx="auto"
          />
        </Paper>
      </Page>
    );
  }

  const scopeName = queue === null ? 'your queues' : nameOf(queue);
  return (
    <Page
      title="Reports"
      description={DESCRIPTION}
      actions={
        <Group gap="xs">
          {view.busy ? <Loader size="xs" aria-label="Updating the report" /> : null}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={refresh}
          >
            Refresh
          </Button>
        </Group>
      }
    >
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          size="xs"
          aria-label="Period"
          value={period}
          onChange={(v) => setPeriod(v as PeriodId)}
          data={periodIds.map((id) => ({ value: id, label: periods[id].label }))}
        />
        <Group gap="xs">
          <NativeSelect
            size="xs"
            aria-label="Records"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as RecordKind)}
            data={recordKindIds.map((id) => ({ value: id, label: recordKinds[id].label }))}
            w={200}
          />
          <NativeSelect
            size="xs"
            aria-label="Queue"
            value={queue ?? ALL}
            onChange={(e) =>
              setQueueId(e.currentTarget.value === ALL ? null : e.currentTarget.value)
            }
            data={[{ value: ALL, label: 'All queues on this device' }, ...choices]}
            w={240}
          />
        </Group>
      </Group>
      <Text size="sm" c="dimmed" data-testid="report-scope">
        Based on {count(report.inScope, 'ticket')}{' '}
        {queue === null ? 'on this device, all queues' : `of ${scopeName} on this device`}, as of{' '}
        {new Date(run.asOf).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. This
        device holds only the tickets of the queues you work in, so these are not figures for the
        whole organisation.
      </Text>
      {view.error ? <Failed message={view.error} onRetry={refresh} /> : null}
      {unmeasured > 0 ? (
        <Alert variant="light" color="yellow" title="Some tickets have no SLA figures">
          {count(unmeasured, 'ticket')} could not be measured against an SLA (no history, or a
          calendar that is not on this device). They count in the totals but not in time to resolve
          or SLA attainment.
        </Alert>
      ) : null}
      <ReportFigures report={report} />
      <Title order={2} fz="lg" mt="sm">
        Backlog now
      </Title>
      <BacklogCharts report={report} nameOf={nameOf} />
      <Title order={2} fz="lg" mt="sm">
        {periods[period].label}
      </Title>
      {report.period.tickets === 0 ? (
        <Paper withBorder radius="md" py={40} px="xl" data-testid="report-period-empty">
          <EmptyState
            icon={<IconReports size={28} />}
            title={`No tickets in the ${periods[period].label.toLowerCase()}`}
            description={`No ${recordKinds[kind].noun} of ${scopeName} were created or resolved in this period, so there is no time to resolve, SLA attainment or category to chart. Choose a longer period, other records or another queue.`}
            maw={560}
            mx="auto"
          />
        </Paper>
      ) : (
        <PeriodCharts report={report} />
      )}
      {report.byQueue.length > 1 ? <QueueTable report={report} nameOf={nameOf} /> : null}
    </Page>
  );
};
