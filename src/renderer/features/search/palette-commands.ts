import { hasRole } from '../../../shared/domain/accounts';
import { goShortcuts, NEW_INCIDENT, SHOW_HELP } from '../../app/shortcuts';
import type { Profile } from '../../session/profile-cache';

/** Something the palette can do besides opening a ticket. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** Keys that do the same from anywhere, shown beside the command. */
  keys?: string[];
  /** Where it goes, or 'help' for the shortcut list. */
  action: { kind: 'navigate'; path: string } | { kind: 'help' };
}

export const NEW_INCIDENT_PATH = '/new/incident';
export const NEW_REQUEST_PATH = '/new/request';

export const paletteCommands = (user: Pick<Profile, 'roles'>): PaletteCommand[] => [
  {
    id: 'new-incident',
    label: 'New incident',
    keys: [NEW_INCIDENT],
    action: { kind: 'navigate', path: NEW_INCIDENT_PATH },
  },
  {
    id: 'new-request',
    label: 'New service request',
    action: { kind: 'navigate', path: NEW_REQUEST_PATH },
  },
  ...goShortcuts
    .filter((g) => !g.requires || hasRole(user, g.requires))
    .map((g): PaletteCommand => ({
      id: `go-${g.path}`,
      label: `Go to ${g.label}`,
      keys: g.sequence.split(' '),
      action: { kind: 'navigate', path: g.path },
    })),
  { id: 'help', label: 'Show keyboard shortcuts', keys: [SHOW_HELP], action: { kind: 'help' } },
];

/**
 * Commands whose words start with every word typed ("new inc", "go rep");
 * an empty query lists them all. Ticket words ("vpn") match none.
 */
export const matchCommands = (commands: readonly PaletteCommand[], query: string) => {
  const typed = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (typed.length === 0) return [...commands];
  return commands.filter((c) => {
    const words = c.label.toLowerCase().split(/\s+/);
    return typed.every((t) => words.some((w) => w.startsWith(t)));
  });
};
