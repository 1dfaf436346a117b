import { useEffect, useState } from 'react';

/**
 * The current time, re-rendering every `intervalMs`: SLA countdowns on a
 * screen share one timer instead of one per row.
 */
export const useNow = (intervalMs = 30_000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
};
