import { hlcWallTime, type Hlc } from '../hlc';
import type { ClientId } from '../../ids';
import type { Actor } from '../../domain/actor';
import type { DomainSettings } from '../../domain/settings';
import { changeApprove, requestApprove } from './approvals';
import { ciCreate, ciUpdate } from './ci';
import { ticketAddComment } from './comment';
import { changeCreate } from './create-change';
import { incidentCreate, problemCreate } from './create-incident-problem';
import { requestCreate } from './create-request';
import { kbCreate, kbPublish, kbUpdate } from './knowledge';
import { ticketLink } from './link';
import { createMutationRegistry } from './registry';
import { ticketSetFields } from './set-fields';
import { ticketTransition } from './transition';
import type { Loaded, MutationCtx, MutationDef, MutationUpgrader } from './types';
import { ticketAttach, ticketLogWork } from './work';

/** Every mutation a client may send, newest version of each (SYNC.md "Versioning"). */
export const mutationDefs = [
  incidentCreate,
  requestCreate,
  problemCreate,
  changeCreate,
  ticketSetFields,
  ticketTransition,
  ticketAddComment,
  ticketLogWork,
  ticketAttach,
  ticketLink,
  changeApprove,
  requestApprove,
  kbCreate,
  kbUpdate,
  kbPublish,
  ciCreate,
  ciUpdate,
] as readonly MutationDef<unknown>[];

/** `name@N-1` → `name@N` upgraders; empty while every mutation is at version 1. */
export const upgraders: readonly MutationUpgrader<unknown>[] = [];

const registry = createMutationRegistry(mutationDefs, upgraders);

/** Definitions keyed "name@version". */
export const mutationRegistry = registry.defs;

/** Parse (upgrading old versions), authorize, apply. Errors are values. */
export const runMutation = (
  name: string,
  version: number,
  rawArgs: unknown,
  loaded: Loaded,
  ctx: MutationCtx,
) => registry.run(name, version, rawArgs, loaded, ctx);

/** What the caller must load before runMutation. */
export const readsFor = (name: string, version: number, rawArgs: unknown) =>
  registry.readsFor(name, version, rawArgs);

export const latestMutationVersion = (name: string) => registry.latestVersion(name);

/** The context of one mutation; `now` always comes from its stamp. */
export const mutationCtx = (p: {
  actor: Actor;
  clientId: ClientId;
  hlc: Hlc;
  settings: DomainSettings;
}): MutationCtx => ({ ...p, now: hlcWallTime(p.hlc) });

export { createMutationRegistry } from './registry';
export type { MutationRegistry } from './registry';
export * from './types';
