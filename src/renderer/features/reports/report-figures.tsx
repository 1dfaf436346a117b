import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Report } from './report-model';
import { count, formatBusiness, formatPercent, rateDetail } from './report-words';

/** The headline figures: one card each, its number large and what it counts under it. */
const Figure = (props: { id: string; label: string; value: string; detail: string }) => (
  <Paper
    withBorder
    radius="md"
    p="md"
    role="group"
    aria-label={props.label}
    data-testid={`figure-${props.id}`}
  >
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts="0.04em">
      {props.label}
    </Text>
    <Text fz={26} fw={600} lh={1.3} data-testid="figure-value">
      {props.value}
    </Text>
    <Text size="xs" c="dimmed" data-testid="figure-detail">
      {props.detail}
    </Text>
  </Paper>
);

/**
 * Two rows: the flow of work (backlog, created / resolved, time to resolve),
 * then how well it went (SLA, reopens, reassignments), so no row is left with a gap.
 */
export const ReportFigures = ({ report }: { report: Report }) => {
  const p = report.period;
  const mttr = p.timeToResolveBusiness;
  const net = report.created - report.resolved;
  return (
    <Stack gap="sm" data-testid="report-figures">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure
          id="backlog"
          label="Open backlog"
          value={report.backlog.toLocaleString()}
          detail="Tickets not yet resolved, now"
        />
        <Figure
          id="flow"
          label="Created / resolved"
          value={`${report.created.toLocaleString()} / ${report.resolved.toLocaleString()}`}
          detail={
            net === 0
              ? 'As many resolved as created'
              : `${count(Math.abs(net), 'more ticket')} ${net > 0 ? 'created than resolved' : 'resolved than created'}`
          }
        />
        <Figure
          id="mttr"
          label="Time to resolve (MTTR)"
          value={formatBusiness(mttr.medianMs)}
          detail={
            mttr.count === 0
              ? 'Nothing resolved in this period'
              : `Median; 90th percentile ${formatBusiness(mttr.p90Ms)} · business time · ${count(mttr.count, 'ticket')}`
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Figure
          id="response"
          label="Response SLA met"
          value={formatPercent(p.responseSla)}
          detail={rateDetail(p.responseSla, 'decided')}
        />
        <Figure
          id="resolution"
          label="Resolution SLA met"
          value={formatPercent(p.resolutionSla)}
          detail={rateDetail(p.resolutionSla, 'decided')}
        />
        <Figure
          id="reopen"
          label="Reopen rate"
          value={formatPercent(p.reopenRate)}
          detail={
            p.reopenRate.of === 0
              ? 'Nothing resolved in this period'
              : `${p.reopenRate.count.toLocaleString()} of ${count(p.reopenRate.of, 'resolved ticket')} reopened`
          }
        />
        <Figure
          id="reassign"
          label="Reassignment rate"
          value={formatPercent(p.reassignmentRate)}
          detail={`${p.reassignmentRate.count.toLocaleString()} of ${count(p.reassignmentRate.of, 'ticket')} reassigned`}
        />
      </SimpleGrid>
    </Stack>
  );
};
