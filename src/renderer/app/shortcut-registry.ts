import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createSequenceMatcher, isTypingTarget } from './key-sequences';

/**
 * Keyboard shortcuts of the whole app in one place: what the `?` dialog
 * lists (help sections, registered by each feature when its module loads)
 * and what runs (key bindings, active while the component that binds them
 * is mounted). Kept free of the route table so any feature can import it
 * at module level without an import cycle.
 */
export interface ShortcutHelp {
  keys: string[];
  description: string;
}

export interface ShortcutSection {
  id: string;
  title: string;
  items: readonly ShortcutHelp[];
  /** Sections sort by this, then by title (General 0, navigation 10, features 50). */
  order?: number;
}

const sections = new Map<string, ShortcutSection>();
const helpListeners = new Set<() => void>();
let helpVersion = 0;

/** Adds (or replaces, by id) a section of the `?` dialog. */
export const registerShortcutHelp = (section: ShortcutSection): void => {
  sections.set(section.id, section);
  helpVersion++;
  for (const l of helpListeners) l();
};

export const shortcutHelpSections = (): ShortcutSection[] =>
  [...sections.values()].sort(
    (a, b) => (a.order ?? 50) - (b.order ?? 50) || a.title.localeCompare(b.title),
  );

export const useShortcutHelpSections = (): ShortcutSection[] => {
  useSyncExternalStore(
    (l) => {
      helpListeners.add(l);
      return () => helpListeners.delete(l);
    },
    () => helpVersion,
  );
  return shortcutHelpSections();
};

/** "Ctrl" or "⌘": what `mod` means on this keyboard. */
export const modKeyLabel = (): string =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/**
 * One binding: `keys` is a key ('n', '?', 'Escape'), a sequence ('g i') or
 * a combination with the platform modifier ('mod+k': Ctrl, or ⌘ on a Mac).
 */
export interface KeyBinding {
  keys: string;
  run: (e: KeyboardEvent) => void;
  /** Also while typing in a field (combinations like mod+k usually want this). */
  inFields?: boolean;
  /** Also while a dialog is open. */
  inDialogs?: boolean;
}

interface Layer {
  bindings: readonly KeyBinding[];
}

/** Later layers (more recently mounted components) win over earlier ones. */
const layers: Layer[] = [];
let matcher: { version: number; m: ReturnType<typeof createSequenceMatcher> } | null = null;
let layersVersion = 0;

const isCombo = (keys: string) => keys.startsWith('mod+');

const findBinding = (keys: string): KeyBinding | undefined => {
  for (let i = layers.length - 1; i >= 0; i--) {
    const b = layers[i]!.bindings.find((x) => x.keys === keys);
    if (b) return b;
  }
  return undefined;
};

/**
 * Handles one keydown; true when a binding ran. A key a page's own handler
 * already took (preventDefault) is left alone, so page keys win over global
 * ones: `n` on a ticket writes a note rather than opening a new incident.
 */
export const dispatchKey = (e: KeyboardEvent): boolean => {
  if (e.defaultPrevented || e.repeat) return false;
  const typing = isTypingTarget(e.target);
  const inDialog = document.querySelector('[aria-modal="true"]') !== null;
  const allowed = (b: KeyBinding | undefined): b is KeyBinding =>
    b !== undefined && (!typing || b.inFields === true) && (!inDialog || b.inDialogs === true);
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    const b = findBinding(`mod+${e.key.toLowerCase()}`);
    if (!allowed(b)) return false;
    e.preventDefault();
    b.run(e);
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Escape') {
    const b = findBinding('Escape');
    if (!allowed(b)) return false;
    b.run(e);
    return true;
  }
  if (typing && !layers.some((l) => l.bindings.some((b) => b.inFields && !isCombo(b.keys)))) {
    return false;
  }
  if (!matcher || matcher.version !== layersVersion) {
    const all = new Set(layers.flatMap((l) => l.bindings.map((b) => b.keys)));
    const plain = [...all].filter((k) => !isCombo(k) && k !== 'Escape');
    matcher = { version: layersVersion, m: createSequenceMatcher(plain) };
  }
  const done = matcher.m.press(e.key, e.timeStamp);
  if (done === null) return false;
  const b = findBinding(done);
  if (!allowed(b)) return false;
  e.preventDefault();
  b.run(e);
  return true;
};

/**
 * Listens on the window, in the bubbling phase: handlers a page puts on
 * the document run first and can claim a key. Install once (the shell).
 */
export const installShortcutListener = (target: Window = window): (() => void) => {
  const listener = (e: KeyboardEvent) => void dispatchKey(e);
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
};

/**
 * Binds keys while the calling component is mounted. The latest `run`
 * functions are used, so callers need not memoise them; the set of keys is
 * fixed by `keys` (a list of the bindings' keys).
 */
export const useKeyBindings = (bindings: readonly KeyBinding[], enabled = true): void => {
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });
  const signature = bindings.map((b) => `${b.keys}|${b.inFields}|${b.inDialogs}`).join('\u0001');
  useEffect(() => {
    if (!enabled || signature === '') return;
    const layer: Layer = {
      bindings: signature.split('\u0001').map((_, i) => ({
        get keys() {
          return latest.current[i]!.keys;
        },
        get inFields() {
          return latest.current[i]!.inFields;
        },
        get inDialogs() {
          return latest.current[i]!.inDialogs;
        },
        run: (e: KeyboardEvent) => latest.current[i]!.run(e),
      })),
    };
    layers.push(layer);
    layersVersion++;
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      layersVersion++;
    };
  }, [signature, enabled]);
};
