const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3d 4h", "2h 10m", "45m", "<1m": compact, for SLA countdowns and ages. */
export const formatDuration = (ms: number): string => {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return '<1m';
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
};

/** "just now", "5 min ago", "yesterday", else a date: for updated-at columns and timelines. */
export const formatRelative = (at: number, now: number): string => {
  const diff = now - at;
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  if (diff < 2 * DAY) return 'yesterday';
  return dayFormat().format(at);
};

/**
 * One formatter, made on first use: toLocaleDateString with options builds
 * a new Intl.DateTimeFormat per call, and a queue grid formats a date per
 * row on every scroll frame.
 */
let dayFormatter: Intl.DateTimeFormat | null = null;
const dayFormat = () =>
  (dayFormatter ??= new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }));
