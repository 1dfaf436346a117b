import { createHash, randomBytes } from 'node:crypto';

/** An opaque bearer token: 32 random bytes, base64url. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

/** What the sessions table stores; a stolen database yields no usable token. */
export const hashSessionToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
