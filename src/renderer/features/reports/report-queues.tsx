import { Paper, Stack, Text, Title } from '@mantine/core';
import { DataTable } from './charts';
import type { Report } from './report-model';
import { formatBusiness, formatPercent } from './report-words';

/** Each queue side by side (all queues selected): where the backlog and the misses are. */
export const QueueTable = ({
  report,
  nameOf,
}: {
  report: Report;
  nameOf: (queueId: string) => string;
}) => {
  const rows = [...report.byQueue].sort((a, b) => nameOf(a.key).localeCompare(nameOf(b.key)));
  return (
    <Paper withBorder radius="md" p="md" component="section" data-testid="report-queues">
      <Stack gap="xs">
        <Title order={3} fz="md">
          By queue
        </Title>
        <Text size="xs" c="dimmed">
          Open now, and the tickets of each queue created or resolved in this period. Time to
          resolve is the median in business time.
        </Text>
        <DataTable
          className="report-queue-table"
          caption="Figures by queue"
          head={[
            'Queue',
            'Open now',
            'Created',
            'Resolved',
            'Time to resolve',
            'Response met',
            'Resolution met',
            'Reopen rate',
            'Reassignment rate',
          ]}
          rows={rows.map((q) => ({
            key: q.key,
            cells: [
              nameOf(q.key),
              q.open.toLocaleString(),
              q.created.toLocaleString(),
              q.summary.resolved.toLocaleString(),
              formatBusiness(q.summary.timeToResolveBusiness.medianMs),
              formatPercent(q.summary.responseSla),
              formatPercent(q.summary.resolutionSla),
              formatPercent(q.summary.reopenRate),
              formatPercent(q.summary.reassignmentRate),
            ],
          }))}
        />
      </Stack>
    </Paper>
  );
};
