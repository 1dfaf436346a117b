import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { HubError } from './hub-error';
import { describeJsonError } from './json-error';
import { validationError } from './validate';

const formatBytes = (n: number): string =>
  n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`;

/**
 * JSON bodies are parsed here rather than by Fastify's default parser, whose
 * error hides the reason; the user (or a client developer) needs the
 * position. Keys that could poison prototypes are refused outright.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  // Nothing on the API takes text/plain, and refusing it means a cross-site
  // form can never deliver a body to a handler.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(
        new HubError(
          'INVALID_JSON',
          'The request body is empty, but Content-Type says application/json',
        ),
        undefined,
      );
      return;
    }
    try {
      done(null, parseJsonBody(text));
    } catch (err) {
      const why = err instanceof HubError ? err.message : describeJsonError(text);
      done(new HubError('INVALID_JSON', `The request body is not valid JSON: ${why}`), undefined);
    }
  });
}

/**
 * A key that could name `__proto__` or `constructor` must be spelled with
 * those letters or with \u escapes; text with neither cannot hold one.
 */
const MAYBE_POISON = /__proto__|constructor|\\u/;

/**
 * JSON.parse, refusing keys that could poison prototypes. The reviver that
 * checks each key costs several times the parse itself (it was ~2 % of a busy
 * hub's CPU), so it runs only on text that could hold such a key.
 */
export function parseJsonBody(text: string): unknown {
  return MAYBE_POISON.test(text) ? JSON.parse(text, rejectPoisonKeys) : JSON.parse(text);
}

function rejectPoisonKeys(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') throw new HubError('INVALID_JSON', 'the key "__proto__" is not allowed');
  if (
    key === 'constructor' &&
    value !== null &&
    typeof value === 'object' &&
    'prototype' in value
  ) {
    throw new HubError('INVALID_JSON', 'the key "constructor.prototype" is not allowed');
  }
  return value;
}

/** Maps every error to the shared error body; never leaks stacks or internals. */
export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const hubError = toHubError(err, bodyLimit);
    if (hubError.statusCode >= 500) {
      request.log.error({ err }, 'request failed');
    } else {
      request.log.info({ code: hubError.code, status: hubError.statusCode }, hubError.message);
    }
    void reply
      .code(hubError.statusCode)
      .headers(hubError.headers)
      .type('application/json; charset=utf-8')
      .send(hubError.toBody());
  });
}

function toHubError(err: FastifyError | Error, bodyLimit: number): HubError {
  if (err instanceof HubError) return err;
  if (err instanceof ZodError) return validationError(err);
  const code = (err as FastifyError).code;
  const status = (err as FastifyError).statusCode;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HubError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${formatBytes(bodyLimit)}`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HubError('INVALID_JSON', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HubError(
        'BAD_REQUEST',
        'Unsupported Content-Type: send application/json',
        undefined,
        {
          statusCode: 415,
        },
      );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HubError('BAD_REQUEST', err.message, undefined, { statusCode: status });
  }
  return new HubError('INTERNAL', 'Internal error: the hub could not complete this request');
}
