import { registerShortcutHelp, useKeyBindings } from '../../app/shortcut-registry';

export type TicketKey = 'e' | 'a' | 'c' | 'n' | 'w' | 't' | 'l' | 'u';

/** Keys on the ticket view, listed in the `?` dialog. */
registerShortcutHelp({
  id: 'ticket',
  title: 'On a ticket',
  order: 30,
  items: [
    { keys: ['e'], description: 'Edit the title' },
    { keys: ['a'], description: 'Change the assignee' },
    { keys: ['c'], description: 'Write a reply' },
    { keys: ['n'], description: 'Write an internal note' },
    { keys: ['w'], description: 'Log work' },
    { keys: ['t'], description: 'Go to the state changes offered (Tab between them)' },
    { keys: ['l'], description: 'Add a link' },
    { keys: ['u'], description: 'Attach files' },
    { keys: ['Ctrl/⌘', 'Enter'], description: 'Send the reply, note or work log' },
    { keys: ['Esc'], description: 'Cancel an edit' },
  ],
});

const KEYS: readonly TicketKey[] = ['e', 'a', 'c', 'n', 'w', 't', 'l', 'u'];

/**
 * Single-key actions while the ticket view is mounted. Bound through the
 * shell's registry, so they are skipped while typing or in a dialog, and a
 * `g <key>` jump still works (the registry matches sequences first).
 */
export const useTicketKeys = (onKey: (key: TicketKey) => void) => {
  useKeyBindings(KEYS.map((k) => ({ keys: k, run: () => onKey(k) })));
};
