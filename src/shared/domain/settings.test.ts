import { describe, expect, it } from 'vitest';
import { zodToDomainError } from './errors';
import {
  defaultPriorityMatrix,
  derivePriority,
  priorityLabel,
  priorityMatrixSchema,
  type Level,
} from './priority';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  holdReasonPausesSla,
  pausingHoldReasons,
} from './settings';
import { isDateOnly, isPlausibleTime } from './time';
import { stateLabel } from './states';

describe('priority', () => {
  it('derives DOMAIN.md matrix', () => {
    const table = ([1, 2, 3] as Level[]).map((i) =>
      ([1, 2, 3] as Level[]).map((u) => priorityLabel(derivePriority(i, u))),
    );
    expect(table).toEqual([
      ['P1 Critical', 'P2 High', 'P3 Moderate'],
      ['P2 High', 'P3 Moderate', 'P4 Low'],
      ['P3 Moderate', 'P4 Low', 'P5 Planning'],
    ]);
  });

  it('uses a replaced matrix', () => {
    const strict = priorityMatrixSchema.parse([
      [1, 1, 2],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(derivePriority(1, 2, strict)).toBe(1);
    expect(derivePriority(1, 2)).toBe(2);
  });

  it('validates a matrix as 3 × 3 priorities of 1..5', () => {
    const err = (m: unknown) => priorityMatrixSchema.safeParse(m).error?.issues[0]?.message;
    expect(
      err([
        [1, 2, 3],
        [2, 3, 4],
      ]),
    ).toMatch(/3 rows/);
    expect(
      err([
        [1, 2],
        [2, 3, 4],
        [3, 4, 5],
      ]),
    ).toMatch(/priorityMatrix row for impact 1 must list 3 priorities/);
    expect(
      err([
        [1, 2, 6],
        [2, 3, 4],
        [3, 4, 5],
      ]),
    ).toMatch(/priorityMatrix \(impact 1, urgency 3\) must hold a whole number from 1/);
    expect(priorityMatrixSchema.safeParse(defaultPriorityMatrix).success).toBe(true);
  });
});

describe('domain settings', () => {
  it('defaults are valid and pause the SLA only while waiting on caller or vendor', () => {
    expect(domainSettingsSchema.parse(defaultDomainSettings)).toEqual(defaultDomainSettings);
    expect(holdReasonPausesSla(defaultDomainSettings, 'awaiting_caller')).toBe(true);
    expect(holdReasonPausesSla(defaultDomainSettings, 'awaiting_vendor')).toBe(true);
    expect(holdReasonPausesSla(defaultDomainSettings, 'awaiting_change')).toBe(false);
    expect(pausingHoldReasons(defaultDomainSettings)).toEqual([
      'awaiting_caller',
      'awaiting_vendor',
    ]);
    expect(
      holdReasonPausesSla({ ...defaultDomainSettings, holdReasons: [] }, 'awaiting_caller'),
    ).toBe(false);
  });

  it('rejects bad settings naming the field', () => {
    const e = (patch: object) => {
      const r = domainSettingsSchema.safeParse({ ...defaultDomainSettings, ...patch });
      return r.success ? 'valid' : zodToDomainError(r.error).message;
    };
    expect(e({ autoCloseDays: -1 })).toMatch(/autoCloseDays must be 0 \(never\) or more/);
    expect(e({ autoCloseDays: 2.5 })).toMatch(/autoCloseDays must be whole days/);
    expect(e({ holdReasons: defaultDomainSettings.holdReasons.slice(1) })).toMatch(
      /holdReasons must list each/,
    );
  });
});

describe('small helpers', () => {
  it('time checks', () => {
    expect(isPlausibleTime(Date.UTC(2025, 0, 1))).toBe(true);
    expect(isPlausibleTime(1_700_000_000)).toBe(false);
    expect(isDateOnly('2024-02-29')).toBe(true);
    expect(isDateOnly('2023-02-29')).toBe(false);
    expect(isDateOnly('2024-2-9')).toBe(false);
  });

  it('state labels fall back to the identifier', () => {
    expect(stateLabel('root_cause_analysis')).toBe('Root Cause Analysis');
    expect(stateLabel('mystery')).toBe('mystery');
  });
});
