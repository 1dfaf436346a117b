/**
 * Keyboard sequences like Gmail/Linear: `?` alone, or `g` then a letter
 * within a short window. Kept pure (keys and times in, sequence out) so the
 * timing is tested without timers.
 */
export interface SequenceMatcher {
  /** Feeds one key press; returns the completed sequence ('g i', '?') or null. */
  press(key: string, time: number): string | null;
  reset(): void;
}

export const SEQUENCE_TIMEOUT_MS = 1500;

export const createSequenceMatcher = (
  sequences: readonly string[],
  timeoutMs = SEQUENCE_TIMEOUT_MS,
): SequenceMatcher => {
  const known = new Set(sequences);
  const prefixes = new Set(
    sequences.filter((s) => s.includes(' ')).map((s) => s.slice(0, s.lastIndexOf(' '))),
  );
  let pending: { keys: string; at: number } | null = null;

  const press = (key: string, time: number): string | null => {
    if (pending && time - pending.at <= timeoutMs) {
      const candidate = `${pending.keys} ${key}`;
      pending = null;
      if (known.has(candidate)) return candidate;
      if (prefixes.has(candidate)) {
        pending = { keys: candidate, at: time };
        return null;
      }
    }
    pending = null;
    if (prefixes.has(key)) {
      pending = { keys: key, at: time };
      return null;
    }
    return known.has(key) ? key : null;
  };

  return {
    press,
    reset: () => {
      pending = null;
    },
  };
};

/** Keys typed into a field belong to the field, never to a shortcut. */
export const isTypingTarget = (target: EventTarget | null): boolean => {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable="true"], [role="textbox"]') !== null;
};
