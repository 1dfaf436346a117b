import type { z } from 'zod';
import type { ArticleId, ClientId, ConfigItemId, TicketId } from '../../ids';
import type { Actor } from '../../domain/actor';
import type { Attachment } from '../../domain/attachment';
import type { Comment } from '../../domain/comment';
import type { ConfigurationItem } from '../../domain/configuration-item';
import type { Conflict } from '../../domain/conflict';
import type { DomainError } from '../../domain/errors';
import type { KnowledgeArticle } from '../../domain/knowledge';
import type { Link } from '../../domain/link';
import type { DomainSettings } from '../../domain/settings';
import type { Ticket } from '../../domain/ticket';
import type { WorklogEntry } from '../../domain/worklog';
import type { Hlc } from '../hlc';

export type { Actor } from '../../domain/actor';
export type { DomainError, DomainErrorCode } from '../../domain/errors';

export interface MutationCtx {
  actor: Actor;
  clientId: ClientId;
  /** The mutation's stamp (clamped by the hub if it was far in the future). */
  hlc: Hlc;
  /** = hlcWallTime(hlc): every time a mutation records comes from its stamp. */
  now: number;
  settings: DomainSettings;
}

export type EntityRef =
  | { kind: 'ticket'; id: TicketId }
  | { kind: 'article'; id: ArticleId }
  | { kind: 'ci'; id: ConfigItemId };

/** The records a mutation read, loaded by the caller (Dexie on a client, SQL on the hub). */
export interface Loaded {
  tickets: Map<TicketId, Ticket>;
  articles: Map<ArticleId, KnowledgeArticle>;
  cis: Map<ConfigItemId, ConfigurationItem>;
}

export type Effect =
  | { type: 'put'; entity: 'ticket'; value: Ticket }
  | { type: 'put'; entity: 'article'; value: KnowledgeArticle }
  | { type: 'put'; entity: 'ci'; value: ConfigurationItem }
  /** insert-if-absent by id: a retried mutation inserts exactly once. */
  | { type: 'insert'; entity: 'comment'; value: Comment }
  | { type: 'insert'; entity: 'worklog'; value: WorklogEntry }
  | { type: 'insert'; entity: 'attachment'; value: Attachment }
  | { type: 'insert'; entity: 'link'; value: Link }
  /** For the author whose value lost (conflict.userId). */
  | { type: 'conflict'; value: Conflict };

export type MutationOutcome = { ok: true; effects: Effect[] } | { ok: false; error: DomainError };

/**
 * A named, versioned command: the only way data changes, on a client (optimistic)
 * and on the hub (authoritative), through the same pure functions. Methods (not
 * arrow properties) so a MutationDef<A> fits a registry of MutationDef<unknown>.
 */
export interface MutationDef<A> {
  name: string;
  version: number;
  args: z.ZodType<A>;
  /** What the caller must load before apply. */
  reads(args: A): EntityRef[];
  /** Role + queue membership; depends only on actor, loaded and args (the hub re-runs it). */
  authorize(actor: Actor, loaded: Loaded, args: A): DomainError | null;
  /** Pure: same inputs, same effects, on every replica. */
  apply(loaded: Loaded, args: A, ctx: MutationCtx): MutationOutcome;
}

/** Turns args of `name@fromVersion` into raw args of `name@fromVersion+1`. */
export interface MutationUpgrader<Old> {
  name: string;
  fromVersion: number;
  args: z.ZodType<Old>;
  upgrade(old: Old): unknown;
}

export const defineMutation = <A>(def: MutationDef<A>): MutationDef<A> => def;
export const defineUpgrader = <Old>(u: MutationUpgrader<Old>): MutationUpgrader<Old> => u;

export const mutationKey = (name: string, version: number): string => `${name}@${version}`;

export const emptyLoaded = (): Loaded => ({
  tickets: new Map(),
  articles: new Map(),
  cis: new Map(),
});
