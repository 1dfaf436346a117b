import type { FastifyRequest } from 'fastify';
import { RAW_UPLOAD_HEADER } from '../../shared/api/blobs';
import { HubError } from '../http/hub-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (request: FastifyRequest): boolean =>
  !SAFE_METHODS.has(request.method);

/** scheme://host[:port] of the hub as this request reached it. */
export const ownOrigin = (request: FastifyRequest): string =>
  `${request.protocol}://${request.host}`;

/**
 * Refuses a request that a browser sent on behalf of another site. The
 * Origin header (and Sec-Fetch-Site, where sent) cannot be forged by page
 * scripts; requests without them come from non-browser clients.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(request)) {
    throw new HubError(
      'FORBIDDEN',
      `Cross-origin request refused: Origin ${origin} does not match ${ownOrigin(request)}`,
    );
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HubError('FORBIDDEN', `Cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
}

/**
 * CSRF guard for cookie-authenticated, state-changing requests: a JSON
 * Content-Type cannot be sent cross-site without a CORS preflight (which the
 * hub never grants), and the origin must be the hub's own.
 */
export function assertCookieRequestIsSafe(request: FastifyRequest): void {
  if (!isStateChanging(request)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // A raw upload's custom header forces the same preflight a JSON type does.
  if (type !== 'application/json' && request.headers[RAW_UPLOAD_HEADER] !== '1') {
    throw new HubError(
      'FORBIDDEN',
      `Requests signed in with the session cookie must send Content-Type: application/json (or, for a file upload, the ${RAW_UPLOAD_HEADER}: 1 header)`,
    );
  }
  assertSameOrigin(request);
}
