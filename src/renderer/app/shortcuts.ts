import { routes } from './routes';

/**
 * The app's keyboard shortcuts. The matching and the registry live in
 * key-sequences.ts and shortcut-registry.ts (importable from any feature
 * without a cycle through the route table); this module adds the route-based
 * `g <key>` jumps and the global keys, and re-exports the rest.
 */
export {
  createSequenceMatcher,
  isTypingTarget,
  SEQUENCE_TIMEOUT_MS,
  type SequenceMatcher,
} from './key-sequences';
export {
  dispatchKey,
  installShortcutListener,
  modKeyLabel,
  registerShortcutHelp,
  shortcutHelpSections,
  useKeyBindings,
  useShortcutHelpSections,
  type KeyBinding,
  type ShortcutHelp,
  type ShortcutSection,
} from './shortcut-registry';

export interface GoShortcut {
  sequence: string;
  path: string;
  label: string;
  requires: (typeof routes)[number]['requires'];
}

/** `g <key>` for every navigable section, from the route table. */
export const goShortcuts: readonly GoShortcut[] = routes.flatMap((r) =>
  r.nav?.shortcut
    ? [{ sequence: `g ${r.nav.shortcut}`, path: r.path, label: r.nav.label, requires: r.requires }]
    : [],
);

export const SHOW_HELP = '?';
/** The command palette: Ctrl+K, or ⌘K on a Mac. */
export const OPEN_PALETTE = 'mod+k';
/** A new incident from anywhere (a page may claim `n` for itself, as the ticket view does). */
export const NEW_INCIDENT = 'n';
