import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { fieldName } from './field-name';

/**
 * Branded ids (CONVENTIONS.md rule 7): a TicketId can never be passed where a
 * QueueId is expected, although both are UUIDv7 strings at run time.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<string, 'UserId'>;
export type QueueId = Brand<string, 'QueueId'>;
export type TicketId = Brand<string, 'TicketId'>;
export type CommentId = Brand<string, 'CommentId'>;
export type WorklogId = Brand<string, 'WorklogId'>;
export type AttachmentId = Brand<string, 'AttachmentId'>;
export type LinkId = Brand<string, 'LinkId'>;
export type ArticleId = Brand<string, 'ArticleId'>;
export type ConfigItemId = Brand<string, 'ConfigItemId'>;
export type CalendarId = Brand<string, 'CalendarId'>;
export type SlaId = Brand<string, 'SlaId'>;
export type CatalogItemId = Brand<string, 'CatalogItemId'>;
export type ClientId = Brand<string, 'ClientId'>;
export type ConflictId = Brand<string, 'ConflictId'>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A zod schema for one kind of branded id; accepts any UUID so ids from imports stay
 * valid. Messages name the key the id sits under (requesterId, not userId).
 */
export const idSchema = <T extends string>(kind: string) =>
  z
    .string({ error: (iss) => `${fieldName(iss.path, kind)} must be a string` })
    .regex(UUID_RE, { error: (iss) => `${fieldName(iss.path, kind)} must be a UUID` })
    .transform((s) => s.toLowerCase() as T);

/** Makes a new UUIDv7: time-ordered, so ids sort by creation and index well. */
export const newId = <T extends string>(): T => uuidv7() as T;

export const isUuid = (s: string): boolean => UUID_RE.test(s);
