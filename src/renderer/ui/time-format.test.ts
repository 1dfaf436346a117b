import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './time-format';

describe('formatDuration', () => {
  it('is compact and never shows more than two units', () => {
    expect(formatDuration(30_000)).toBe('<1m');
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(2 * 3_600_000 + 10 * 60_000)).toBe('2h 10m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe('3d 4h');
    expect(formatDuration(-90 * 60_000)).toBe('1h 30m');
  });
});

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  it('says how long ago in words people use', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 30 * 3_600_000, now)).toBe('yesterday');
  });
});
