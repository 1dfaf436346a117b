import { create } from 'zustand';
import type { SetupStatus } from '../../shared/api/accounts';
import type { Profile } from './profile-cache';

/**
 * Which gate the app is at. The shell only exists in 'signed-in'; every
 * other phase is a full-screen step (connect, set-up, sign-in).
 */
export type SessionPhase =
  | { name: 'starting' }
  /** Desktop only: no hub address configured yet. */
  | { name: 'connect-hub'; error: string | null }
  /** Hub not reachable and nobody signed in on this device before. */
  | { name: 'unreachable'; message: string }
  | { name: 'needs-setup'; setup: SetupStatus }
  | { name: 'signed-out'; notice: string | null }
  | {
      name: 'signed-in';
      user: Profile;
      /** True when opened from the cached profile without the hub confirming it. */
      unverified: boolean;
    };

export interface SessionState {
  phase: SessionPhase;
  /** Origin of the hub this session belongs to (local database name part). */
  hubOrigin: string | null;
  /**
   * The hub rejected the session while the shell was open. The shell stays
   * mounted (so nothing typed is lost) and a sign-in dialog sits on top.
   */
  sessionLost: boolean;
}

export const initialSessionState: SessionState = {
  phase: { name: 'starting' },
  hubOrigin: null,
  sessionLost: false,
};

export const useSession = create<SessionState>()(() => initialSessionState);

/** The signed-in user, for components that only render inside the shell. */
export const useCurrentUser = (): Profile => {
  const phase = useSession((s) => s.phase);
  if (phase.name !== 'signed-in') throw new Error('useCurrentUser outside a signed-in session');
  return phase.user;
};
