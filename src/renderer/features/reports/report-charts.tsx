import { SimpleGrid, Stack, Text } from '@mantine/core';
import { ageBuckets } from '../../../shared/domain/metrics';
import {
  BarChart,
  ChartCard,
  ColumnChart,
  DataTable,
  Legend,
  type BarRow,
  type ColumnGroup,
} from './charts';
import type { Report } from './report-model';
import {
  ageColors,
  ageLabels,
  barColor,
  categoryLabel,
  createdColor,
  formatBusiness,
  formatPercent,
  monthLabel,
  p90Color,
  priorityColors,
  priorityKeyLabel,
  priorityKeys,
  priorityOfKey,
  rateDetail,
  resolutionColor,
  resolvedColor,
  responseColor,
} from './report-words';

/** The report's charts, each with its table. Backlog charts are "now"; the rest cover the period. */
type NameOf = (queueId: string) => string;

const listed = (parts: string[]) => (parts.length === 0 ? 'none.' : `${parts.join(', ')}.`);
const Nothing = ({ text }: { text: string }) => (
  <Text size="sm" c="dimmed" py="lg" ta="center">
    {text}
  </Text>
);

const BacklogByQueue = ({ report, nameOf }: { report: Report; nameOf: NameOf }) => {
  // Biggest backlog first: where to look.
  const queues = [...report.backlogByQueue].sort(
    (a, b) => b.total - a.total || nameOf(a.key).localeCompare(nameOf(b.key)),
  );
  const rows: BarRow[] = queues.map((r) => ({
    key: r.key,
    label: nameOf(r.key),
    segments: priorityKeys.map((p) => ({
      label: priorityKeyLabel(p),
      value: r.cells[p] ?? 0,
      color: priorityColors[priorityOfKey(p)],
    })),
  }));
  return (
    <ChartCard
      testId="chart-backlog-queue"
      title="Open backlog by queue and priority"
      description="Tickets not yet resolved, now"
      summary={`Open tickets by queue: ${listed(queues.map((r) => `${nameOf(r.key)} ${r.total}`))}`}
      chart={
        rows.length === 0 ? (
          <Nothing text="No open tickets." />
        ) : (
          <Stack gap="sm">
            <BarChart rows={rows} />
            <Legend
              items={priorityKeys.map((p) => ({
                label: priorityKeyLabel(p),
                color: priorityColors[priorityOfKey(p)],
              }))}
            />
          </Stack>
        )
      }
      table={
        <DataTable
          caption="Open tickets by queue and priority"
          head={['Queue', ...priorityKeys, 'Total']}
          rows={queues.map((r) => ({
            key: r.key,
            cells: [nameOf(r.key), ...priorityKeys.map((p) => r.cells[p] ?? 0), r.total],
          }))}
        />
      }
    />
  );
};

const BacklogByAge = ({ report }: { report: Report }) => {
  const rows: BarRow[] = ageBuckets.map((b) => ({
    key: b,
    label: ageLabels[b],
    segments: [{ label: ageLabels[b], value: report.backlogByAge[b], color: ageColors[b] }],
  }));
  return (
    <ChartCard
      testId="chart-backlog-age"
      title="Open backlog by age"
      description="Wall-clock time since each open ticket was created"
      summary={`Open tickets by age: ${listed(ageBuckets.map((b) => `${ageLabels[b]} ${report.backlogByAge[b]}`))}`}
      chart={report.backlog === 0 ? <Nothing text="No open tickets." /> : <BarChart rows={rows} />}
      table={
        <DataTable
          caption="Open tickets by age"
          head={['Age', 'Open tickets']}
          rows={ageBuckets.map((b) => ({ key: b, cells: [ageLabels[b], report.backlogByAge[b]] }))}
        />
      }
    />
  );
};

/** Whether the desk keeps up, month by month: the headline's created / resolved, split. */
const FlowPerMonth = ({ report }: { report: Report }) => {
  const groups: ColumnGroup[] = report.months.map((m) => ({
    key: m.month,
    label: monthLabel(m.month),
    bars: [
      { label: 'Created', value: m.created, text: m.created.toLocaleString(), color: createdColor },
      {
        label: 'Resolved',
        value: m.resolved,
        text: m.resolved.toLocaleString(),
        color: resolvedColor,
      },
    ],
  }));
  const max = Math.max(0, ...report.months.map((m) => Math.max(m.created, m.resolved)));
  return (
    <ChartCard
      testId="chart-flow"
      title="Created and resolved per month"
      description="Tickets created and tickets resolved in each month of the period"
      summary={`Created and resolved: ${listed(
        report.months.map(
          (m) => `${monthLabel(m.month)} ${m.created} created, ${m.resolved} resolved`,
        ),
      )}`}
      chart={
        <Stack gap="sm">
          <ColumnChart groups={groups} max={max} />
          <Legend
            items={[
              { label: 'Created', color: createdColor },
              { label: 'Resolved', color: resolvedColor },
            ]}
          />
        </Stack>
      }
      table={
        <DataTable
          caption="Tickets created and resolved per month"
          head={['Month', 'Created', 'Resolved']}
          rows={report.months.map((m) => ({
            key: m.month,
            cells: [monthLabel(m.month), m.created, m.resolved],
          }))}
        />
      }
    />
  );
};

const TimeToResolve = ({ report }: { report: Report }) => {
  const groups: ColumnGroup[] = report.months.map((m) => ({
    key: m.month,
    label: monthLabel(m.month),
    bars: [
      {
        label: 'Median',
        value: m.timeToResolve.medianMs,
        text: formatBusiness(m.timeToResolve.medianMs),
        color: barColor,
      },
    ],
    marker: {
      value: m.timeToResolve.p90Ms,
      label: `90th percentile: ${formatBusiness(m.timeToResolve.p90Ms)}`,
      text: `90th ${formatBusiness(m.timeToResolve.p90Ms)}`,
    },
  }));
  const max = Math.max(0, ...report.months.map((m) => m.timeToResolve.p90Ms ?? 0));
  return (
    <ChartCard
      testId="chart-mttr"
      title="Time to resolve per month"
      description="Business time, pauses excluded, of the tickets resolved each month"
      summary={`Median business time to resolve: ${listed(
        report.months.map(
          (m) =>
            `${monthLabel(m.month)} ${m.resolved === 0 ? 'nothing resolved' : formatBusiness(m.timeToResolve.medianMs)}`,
        ),
      )}`}
      chart={
        max === 0 ? (
          <Nothing text="Nothing was resolved in this period." />
        ) : (
          <Stack gap="sm">
            <ColumnChart groups={groups} max={max} />
            <Legend
              items={[
                { label: 'Median', color: barColor },
                { label: '90th percentile (dashed line)', color: p90Color },
              ]}
            />
          </Stack>
        )
      }
      table={
        <DataTable
          caption="Business time to resolve per month"
          head={['Month', 'Resolved', 'Median', '90th percentile']}
          rows={report.months.map((m) => ({
            key: m.month,
            cells: [
              monthLabel(m.month),
              m.resolved,
              formatBusiness(m.timeToResolve.medianMs),
              formatBusiness(m.timeToResolve.p90Ms),
            ],
          }))}
        />
      }
    />
  );
};

const SlaPerMonth = ({ report }: { report: Report }) => {
  const groups: ColumnGroup[] = report.months.map((m) => ({
    key: m.month,
    label: monthLabel(m.month),
    bars: [
      {
        label: 'Response',
        value: m.responseSla.rate,
        text: formatPercent(m.responseSla),
        color: responseColor,
      },
      {
        label: 'Resolution',
        value: m.resolutionSla.rate,
        text: formatPercent(m.resolutionSla),
        color: resolutionColor,
      },
    ],
  }));
  const decided = report.months.some((m) => m.responseSla.of + m.resolutionSla.of > 0);
  return (
    <ChartCard
      testId="chart-sla"
      title="SLA attainment per month"
      description="Share of targets met by the tickets resolved each month"
      summary={`SLA targets met: ${listed(
        report.months.map(
          (m) =>
            `${monthLabel(m.month)} response ${formatPercent(m.responseSla)}, resolution ${formatPercent(m.resolutionSla)}`,
        ),
      )}`}
      chart={
        decided ? (
          <Stack gap="sm">
            <ColumnChart groups={groups} max={1} />
            <Legend
              items={[
                { label: 'Response met', color: responseColor },
                { label: 'Resolution met', color: resolutionColor },
              ]}
            />
          </Stack>
        ) : (
          <Nothing text="No SLA target was decided in this period." />
        )
      }
      table={
        <DataTable
          caption="SLA targets met per month"
          head={['Month', 'Response met', 'Resolution met']}
          rows={report.months.map((m) => ({
            key: m.month,
            cells: [
              monthLabel(m.month),
              `${formatPercent(m.responseSla)} (${rateDetail(m.responseSla, 'decided')})`,
              `${formatPercent(m.resolutionSla)} (${rateDetail(m.resolutionSla, 'decided')})`,
            ],
          }))}
        />
      }
    />
  );
};

const TopCategories = ({ report }: { report: Report }) => {
  const rows: BarRow[] = report.topCategories.map((c) => ({
    key: c.key,
    label: categoryLabel(c.key),
    segments: [{ label: categoryLabel(c.key), value: c.count, color: barColor }],
  }));
  return (
    <ChartCard
      testId="chart-categories"
      title="Top categories"
      description="Of the tickets created in this period"
      summary={`Most frequent categories: ${listed(rows.map((r) => `${r.label} ${r.segments[0]!.value}`))}`}
      chart={
        rows.length === 0 ? (
          <Nothing text="No tickets were created in this period." />
        ) : (
          <BarChart rows={rows} />
        )
      }
      table={
        <DataTable
          caption="Most frequent categories of the tickets created in this period"
          head={['Category', 'Tickets']}
          rows={report.topCategories.map((c) => ({
            key: c.key,
            cells: [categoryLabel(c.key), c.count],
          }))}
        />
      }
    />
  );
};

export const BacklogCharts = ({ report, nameOf }: { report: Report; nameOf: NameOf }) => (
  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
    <BacklogByQueue report={report} nameOf={nameOf} />
    <BacklogByAge report={report} />
  </SimpleGrid>
);

export const PeriodCharts = ({ report }: { report: Report }) => (
  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
    <FlowPerMonth report={report} />
    <TimeToResolve report={report} />
    <SlaPerMonth report={report} />
    <TopCategories report={report} />
  </SimpleGrid>
);
