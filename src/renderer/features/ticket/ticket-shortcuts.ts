import { useEffect, useRef } from 'react';

/** Same shape as the shell's shortcut help rows (app/shortcuts.ts). */
export interface ShortcutHelp {
  keys: string[];
  description: string;
}

/**
 * Keys typed into a field belong to the field. (app/shortcuts.ts has the same
 * test, but importing it from here would make routes.tsx import itself.)
 */
const isTypingTarget = (target: EventTarget | null): boolean => {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable="true"], [role="textbox"]') !== null;
};

/** Keys on the ticket view, for the `?` dialog. */
export const ticketShortcuts: readonly ShortcutHelp[] = [
  { keys: ['e'], description: 'Edit the ticket title' },
  { keys: ['a'], description: 'Change the assignee' },
  { keys: ['c'], description: 'Write a reply' },
  { keys: ['n'], description: 'Write an internal note' },
  { keys: ['w'], description: 'Log work' },
  { keys: ['t'], description: 'Move to the first state offered (Tab for the others)' },
  { keys: ['l'], description: 'Add a link' },
  { keys: ['u'], description: 'Attach files' },
  { keys: ['Ctrl/⌘', 'Enter'], description: 'Send the reply, note or work log' },
  { keys: ['Esc'], description: 'Cancel an edit' },
];

export type TicketKey = 'e' | 'a' | 'c' | 'n' | 'w' | 't' | 'l' | 'u';
const KEYS = new Set<string>(['e', 'a', 'c', 'n', 'w', 't', 'l', 'u']);

/**
 * Single-key actions while the ticket view is open. Skipped while typing, in
 * a dialog, and right after `g` (that is the start of a `g <key>` jump).
 */
export const useTicketKeys = (onKey: (key: TicketKey) => void) => {
  const handler = useRef(onKey);
  useEffect(() => {
    handler.current = onKey;
  });
  useEffect(() => {
    let lastG = -Infinity;
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTypingTarget(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if (e.key === 'g') {
        lastG = e.timeStamp;
        return;
      }
      if (e.timeStamp - lastG < 1500) {
        lastG = -Infinity;
        return;
      }
      if (!KEYS.has(e.key)) return;
      e.preventDefault();
      handler.current(e.key as TicketKey);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
};
