import { describe, expect, it } from 'vitest';
import { priorities, priorityLabel } from '../../../shared/domain/priority';
import { allStates, stateLabel } from '../../../shared/domain/states';
import { columns, columnVars, TITLE_MIN_WIDTH } from './queue-grid';

/**
 * Widths in CSS px of Mantine's medium Badge (11 px bold, 0.25 px letter
 * spacing, 10 px padding, 1 px border) around each label, measured in
 * Chromium with DejaVu Sans Bold, the font Linux falls back to and the
 * widest of the app's font stack. A label missing here has not been
 * measured: measure it before showing it in the grid.
 */
const badgeWidths: Record<string, number> = {
  'P1 Critical': 88.3,
  'P2 High': 72.0,
  'P3 Moderate': 103.7,
  'P4 Low': 67.8,
  'P5 Planning': 98.7,
  New: 49.6,
  'In Progress': 95.4,
  'On Hold': 73.2,
  Resolved: 80.3,
  Closed: 64.8,
  Cancelled: 84.4,
  Approval: 79.6,
  Fulfilled: 74.3,
  Rejected: 78.3,
  Assessed: 81.5,
  'Root Cause Analysis': 152.2,
  'Known Error': 101.8,
  Assess: 65.7,
  Authorize: 84.3,
  Scheduled: 88.8,
  Implement: 90.9,
  Review: 68.0,
  // The longest SLA countdowns (formatDuration caps at days and hours).
  'Overdue 999d 23h': 140.2,
  '999d 23h left': 108.2,
};

const CELL_PADDING = 24;
const room = (key: string) => {
  const w = columns.find((c) => c.key === key)!.width;
  if (w === 'fill') throw new Error(`${key} has no fixed width`);
  return w - CELL_PADDING;
};
const unmeasured = (labels: string[]) => labels.filter((l) => !(l in badgeWidths));
const cut = (labels: string[], key: string) => labels.filter((l) => badgeWidths[l]! > room(key));

describe('queue grid columns', () => {
  it('shows every priority label whole, "P3 Moderate" included', () => {
    const labels = priorities.map(priorityLabel);
    expect(unmeasured(labels)).toEqual([]);
    expect(cut(labels, 'priority')).toEqual([]);
  });

  it('shows every state label whole, "Root Cause Analysis" included', () => {
    const labels = allStates.map(stateLabel);
    expect(unmeasured(labels)).toEqual([]);
    expect(cut(labels, 'state')).toEqual([]);
  });

  it('shows the longest SLA countdowns whole', () => {
    expect(cut(['Overdue 999d 23h', '999d 23h left'], 'sla')).toEqual([]);
  });

  it('leaves the title its minimum at 1440 px with the navigation open and a classic scrollbar', () => {
    // 232 px navigation, 2 × 32 px page padding, 2 px grid border, 15 px scrollbar gutter.
    const available = 1440 - 232 - 64 - 2 - 15;
    const fixed = columns.reduce((sum, c) => sum + (c.width === 'fill' ? 0 : c.width), 0);
    expect(available - fixed).toBeGreaterThanOrEqual(TITLE_MIN_WIDTH);
    expect(columnVars).toEqual({
      '--qc-1': '128px',
      '--qc-2': '220px',
      '--qc-3': '136px',
      '--qc-4': '184px',
      '--qc-5': '160px',
      '--qc-6': '168px',
      '--qc-7': '118px',
    });
  });
});
