import type { FastifyInstance } from 'fastify';
import { PAIRING_CLAIM_PATH, pairingClaimSchema } from '../../shared/api/pairing';
import type { Session } from '../../shared/api/accounts';
import { appendAudit } from '../audit/audit-log';
import { assertSameOrigin } from '../auth/csrf';
import type { HubContext } from '../context';
import { HubError } from '../http/hub-error';
import { parseInput } from '../http/validate';
import { publicUser } from '../storage/users-repo';
import type { PairingCodes, PairingVerdict } from './pairing-codes';

const refusal = (verdict: Exclude<PairingVerdict, { ok: true }>): HubError => {
  switch (verdict.reason) {
    case 'wrong':
      return new HubError('PAIRING_CODE_INVALID', verdict.message, undefined, { statusCode: 403 });
    case 'rate_limited': {
      const seconds = Math.ceil((verdict.retryAfterMs ?? 60_000) / 1000);
      return new HubError(
        'RATE_LIMITED',
        verdict.message,
        { retryAfterSeconds: seconds },
        { headers: { 'retry-after': String(seconds) } },
      );
    }
    default:
      return new HubError(
        'PAIRING_CODE_EXPIRED',
        verdict.message,
        { reason: verdict.reason },
        {
          statusCode: 410,
        },
      );
  }
};

/**
 * `POST /api/v1/pairing/claim {code, username, password, deviceName?}` on a
 * desktop host: the code shows the host's user let this device in, the
 * password shows who is using it. The answer is an ordinary session, like a
 * sign-in. The code is only used up once both checks pass, so a mistyped
 * password does not cost a new code.
 */
export function registerPairingRoutes(
  app: FastifyInstance,
  ctx: HubContext,
  codes: PairingCodes,
): void {
  app.post(PAIRING_CLAIM_PATH, async (request, reply) => {
    assertSameOrigin(request);
    const input = parseInput(pairingClaimSchema, request.body);
    const verdict = codes.check(input.code, request.ip);
    if (!verdict.ok) throw refusal(verdict);
    const user = await ctx.login.login(
      { username: input.username, password: input.password },
      request.ip,
    );
    if (!codes.consume(input.code)) {
      throw new HubError(
        'PAIRING_CODE_EXPIRED',
        'This pairing code was used or withdrawn a moment ago; ask for a new one',
        { reason: 'used' },
        { statusCode: 410 },
      );
    }
    await appendAudit(ctx.db.kysely, ctx.clock.now(), {
      actorId: user.id,
      action: 'device.paired',
      target: `user:${user.id}`,
      details: { ip: request.ip, ...(input.deviceName ? { deviceName: input.deviceName } : {}) },
    });
    const session = await ctx.auth.startSession(request, reply, user);
    const body: Session = { ...session, user: publicUser(user) };
    return reply.header('cache-control', 'no-store').send(body);
  });
}
