import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';

/**
 * A fingerprint of what a user may read. When it changes (roles or queue
 * memberships), the client must re-bootstrap and purge what it may no longer
 * hold (SYNC.md "Access control in sync").
 */
export const aclHash = (actor: Actor): string =>
  createHash('sha256')
    .update(
      JSON.stringify({
        v: 1,
        user: actor.userId,
        roles: [...actor.roles].sort(),
        queues: [...actor.queueIds].sort(),
      }),
    )
    .digest('hex')
    .slice(0, 24);
