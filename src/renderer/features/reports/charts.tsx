import { Box, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { cssColor, type ChartColor } from './report-words';
import './reports.css';

/**
 * Small charts drawn with CSS in the theme's colours (no chart library).
 * Each sits in a ChartCard that switches to the same numbers as a table:
 * the chart itself is one image with a one-sentence summary for screen
 * readers, the table is the full text alternative.
 */
export const ChartCard = (props: {
  title: string;
  description?: string;
  /** The chart's text summary (its accessible name). */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
}) => {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={titleId}
      data-testid={props.testId}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Box>
            <Title order={3} fz="md" id={titleId}>
              {props.title}
            </Title>
            {props.description ? (
              <Text size="xs" c="dimmed" mt={2}>
                {props.description}
              </Text>
            ) : null}
          </Box>
          <Button
            size="compact-xs"
            variant="default"
            aria-describedby={titleId}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? 'Show chart' : 'Show table'}
          </Button>
        </Group>
        {asTable ? (
          props.table
        ) : (
          <div role="img" aria-label={props.summary}>
            {props.chart}
          </div>
        )}
      </Stack>
    </Paper>
  );
};

export const Swatch = ({ color }: { color: ChartColor }) => (
  <span className="report-swatch" style={{ background: cssColor(color) }} />
);

export const Legend = ({ items }: { items: Array<{ label: string; color: ChartColor }> }) => (
  <Group gap="md" aria-hidden="true">
    {items.map((i) => (
      <Group key={i.label} gap={6} wrap="nowrap">
        <Swatch color={i.color} />
        <Text size="xs">{i.label}</Text>
      </Group>
    ))}
  </Group>
);

export interface Segment {
  label: string;
  value: number;
  color: ChartColor;
}
export interface BarRow {
  key: string;
  label: string;
  segments: Segment[];
}

const sum = (segments: readonly Segment[]) => segments.reduce((s, x) => s + x.value, 0);

/** Horizontal bars, stacked when a row has several segments; the total at the end. */
export const BarChart = ({ rows }: { rows: readonly BarRow[] }) => {
  const max = Math.max(1, ...rows.map((r) => sum(r.segments)));
  return (
    <div className="report-bars">
      {rows.map((r) => {
        const total = sum(r.segments);
        return (
          <div key={r.key} className="report-bar-row">
            <span className="report-bar-label" title={r.label}>
              {r.label}
            </span>
            <div className="report-bar-track">
              <div className="report-bar-fill" style={{ width: `${(100 * total) / max}%` }}>
                {r.segments
                  .filter((s) => s.value > 0)
                  .map((s) => (
                    <span
                      key={s.label}
                      className="report-bar-segment"
                      title={`${s.label}: ${s.value.toLocaleString()}`}
                      style={{ flexGrow: s.value, background: cssColor(s.color) }}
                    />
                  ))}
              </div>
            </div>
            <span className="report-bar-value">{total.toLocaleString()}</span>
          </div>
        );
      })}
    </div>
  );
};

export interface ColumnGroup {
  key: string;
  label: string;
  bars: Array<{ label: string; value: number | null; text: string; color: ChartColor }>;
  /** A mark across the group (the 90th percentile over a median bar). */
  marker?: { value: number | null; label: string; text?: string };
}

/** Vertical bars per group (a month), on a scale from 0 to `max`. */
export const ColumnChart = ({ groups, max }: { groups: readonly ColumnGroup[]; max: number }) => {
  const pct = (v: number) => `${Math.min(100, (100 * v) / Math.max(max, 1e-9))}%`;
  // A marker's value is written on it only where it has room: a few wide groups, and
  // well above the bars, whose own labels it would hit.
  const clearOfBars = (g: ColumnGroup, at: number) =>
    groups.length <= 6 && at - Math.max(0, ...g.bars.map((b) => b.value ?? 0)) >= 0.15 * max;
  return (
    <div className="report-columns">
      {groups.map((g) => (
        <div key={g.key} className="report-column-group">
          <div className="report-column-plot">
            {g.bars.map((b) => (
              <div key={b.label} className="report-column-slot" title={`${b.label}: ${b.text}`}>
                <span className="report-column-text">{b.text}</span>
                <div
                  className="report-column"
                  style={{ height: pct(b.value ?? 0), background: cssColor(b.color) }}
                />
              </div>
            ))}
            {g.marker && g.marker.value !== null ? (
              <div
                className="report-column-marker"
                title={g.marker.label}
                style={{ bottom: pct(g.marker.value) }}
              >
                {g.marker.text && clearOfBars(g, g.marker.value) ? (
                  <span className="report-column-marker-text">{g.marker.text}</span>
                ) : null}
              </div>
            ) : null}
          </div>
          <span className="report-column-label">{g.label}</span>
        </div>
      ))}
    </div>
  );
};

/**
 * The text alternative of a chart: a plain table with a caption. On a narrow
 * window it scrolls sideways, so its frame takes focus: keyboard users can
 * scroll it too.
 */
export const DataTable = (props: {
  caption: string;
  head: readonly string[];
  rows: ReadonlyArray<{ key: string; cells: readonly ReactNode[] }>;
  className?: string;
}) => (
  <Table.ScrollContainer
    minWidth={420}
    type="native"
    tabIndex={0}
    role="region"
    aria-label={props.caption}
  >
    <Table
      className={`outpost-table ${props.className ?? ''}`}
      captionSide="top"
      data-testid="chart-table"
    >
      {/* The card's title already says what the table is; the caption names it for screen readers. */}
      <Table.Caption className="report-caption">{props.caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {props.head.map((h, i) => (
            <Table.Th key={h} ta={i === 0 ? undefined : 'right'}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={r.key}>
            {r.cells.map((c, i) =>
              i === 0 ? (
                <Table.Th key={i} scope="row" fw={500}>
                  {c}
                </Table.Th>
              ) : (
                <Table.Td key={i} ta="right">
                  {c}
                </Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);
