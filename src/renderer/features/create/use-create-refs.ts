import { useLiveQuery } from 'dexie-react-hooks';
import type { Queue, User } from '../../../shared/domain/accounts';
import type { ConfigurationItem } from '../../../shared/domain/configuration-item';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  type DomainSettings,
} from '../../../shared/domain/settings';
import { useOutpostDb } from '../../app/db-context';

/** What the create forms choose from, all from the local store (so they work offline). */
export interface CreateRefs {
  settings: DomainSettings;
  /** Active queues, by name. */
  queues: Queue[];
  /** Active users, by display name. */
  users: User[];
  cis: ConfigurationItem[];
  /** Categories in use: the catalogue's and those of recently changed tickets. */
  categories: string[];
}

const RECENT_FOR_CATEGORIES = 300;

export const useCreateRefs = (): CreateRefs | undefined => {
  const db = useOutpostDb();
  return useLiveQuery(async () => {
    const [row, queues, users, cis, recent] = await Promise.all([
      db.hubSettings.get('domain'),
      db.queues.toArray(),
      db.users.toArray(),
      db.cis.toArray(),
      // The tickets last written on this device (created, edited or synced here).
      db.tickets.orderBy('localSeq').reverse().limit(RECENT_FOR_CATEGORIES).toArray(),
    ]);
    const parsed = domainSettingsSchema.safeParse(row?.value);
    const settings = parsed.success ? parsed.data : defaultDomainSettings;
    const categories = new Set<string>();
    for (const i of settings.catalogItems) if (i.category) categories.add(i.category);
    for (const t of recent) if (t.category) categories.add(t.category);
    const byName = (a: string, b: string) => a.localeCompare(b);
    return {
      settings,
      queues: queues.filter((q) => !q.disabled).sort((a, b) => byName(a.name, b.name)),
      users: users.filter((u) => !u.disabled).sort((a, b) => byName(a.displayName, b.displayName)),
      cis: cis.filter((c) => c.status !== 'retired').sort((a, b) => byName(a.name, b.name)),
      categories: [...categories].sort(byName),
    };
  }, [db]);
};
