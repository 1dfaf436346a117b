import type { UserId } from '../ids';

/**
 * The hub itself, as the author of what happens on a schedule (a resolved
 * incident closing after the waiting period). It is not an account: nobody
 * can sign in as it; history shows it by this id and label.
 */
export const SYSTEM_USER_ID = '00000000-0000-7000-8000-00000000000a' as UserId;
export const SYSTEM_USER_LABEL = 'Outpost (automatic)';
