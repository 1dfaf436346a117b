import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../app/palette';
import { theme } from '../../app/theme';
import {
  ageColors,
  barColor,
  createdColor,
  formatBusiness,
  formatPercent,
  monthLabel,
  p90Color,
  priorityColors,
  rateDetail,
  resolutionColor,
  resolvedColor,
  responseColor,
  type ChartColor,
} from './report-words';

const hex = (c: ChartColor): string =>
  (theme.colors?.[c.palette] ?? DEFAULT_THEME.colors[c.palette])![c.shade]!;

describe('report words', () => {
  it('every chart colour stands out from the white card by 3:1 (WCAG non-text contrast)', () => {
    const all = [
      ...Object.values(priorityColors),
      ...Object.values(ageColors),
      barColor,
      createdColor,
      resolvedColor,
      p90Color,
      responseColor,
      resolutionColor,
    ];
    for (const c of all) expect(contrast(hex(c), '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('business time in hours, never days', () => {
    const M = 60_000;
    expect(
      [null, 30_000, 45 * M, 180 * M, 210 * M, 26 * 60 * M, 7805 * M].map(formatBusiness),
    ).toEqual(['—', '<1m', '45m', '3h', '3h 30m', '26h', '130h']);
  });

  it('rates and months', () => {
    expect(formatPercent({ count: 1, of: 3, rate: 1 / 3 })).toBe('33%');
    expect(formatPercent({ count: 0, of: 0, rate: null })).toBe('—');
    expect(rateDetail({ count: 12, of: 15, rate: 0.8 }, 'decided')).toBe('12 of 15 decided');
    expect(rateDetail({ count: 0, of: 0, rate: null }, 'decided')).toBe('Nothing decided yet');
    expect(monthLabel('2025-03')).toBe('Mar 2025');
  });
});
