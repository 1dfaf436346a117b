import { z } from 'zod';
import {
  queueIdSchema,
  roleSchema,
  userIdSchema,
  usernameSchema,
} from '../../shared/domain/accounts';

/**
 * The signed-in user's public profile, kept so the app can open offline with
 * the local store of the right user. Never a token or anything secret: the
 * session lives in an HttpOnly cookie (web) or the OS keychain (desktop).
 */
export const profileSchema = z.object({
  id: userIdSchema,
  username: usernameSchema,
  displayName: z.string(),
  roles: z.array(roleSchema),
  queueIds: z.array(queueIdSchema),
});
export type Profile = z.infer<typeof profileSchema>;

const cachedSchema = z.object({ hubOrigin: z.string(), profile: profileSchema });

export const PROFILE_KEY = 'outpost.profile.v1';

export const toProfile = (user: Profile): Profile => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: [...user.roles],
  queueIds: [...user.queueIds],
});

export interface ProfileCache {
  load(hubOrigin: string): Profile | null;
  save(hubOrigin: string, profile: Profile): void;
  clear(): void;
}

/** Storage errors (private mode, quota) only cost the offline start, never the session. */
export const createProfileCache = (storage: Storage | null): ProfileCache => ({
  load: (hubOrigin) => {
    try {
      const raw = storage?.getItem(PROFILE_KEY);
      if (!raw) return null;
      const parsed = cachedSchema.safeParse(JSON.parse(raw));
      return parsed.success && parsed.data.hubOrigin === hubOrigin ? parsed.data.profile : null;
    } catch {
      return null;
    }
  },
  save: (hubOrigin, profile) => {
    try {
      storage?.setItem(PROFILE_KEY, JSON.stringify({ hubOrigin, profile: toProfile(profile) }));
    } catch {
      // Best effort: see above.
    }
  },
  clear: () => {
    try {
      storage?.removeItem(PROFILE_KEY);
    } catch {
      // Best effort: see above.
    }
  },
});
