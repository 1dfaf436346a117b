import pino, { type Logger } from 'pino';
import type { HubConfig } from './config';

/** JSON lines on stdout (what log shippers expect); secrets never reach the log. */
export function createLogger(level: HubConfig['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'outpost-hub' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}
