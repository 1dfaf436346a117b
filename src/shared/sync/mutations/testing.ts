import type { ClientId } from '../../ids';
import type { Actor } from '../../domain/actor';
import type { ConfigurationItem } from '../../domain/configuration-item';
import type { KnowledgeArticle } from '../../domain/knowledge';
import { defaultDomainSettings, type DomainSettings } from '../../domain/settings';
import { stamp } from '../../domain/test-fixtures';
import type { Ticket } from '../../domain/ticket';
import { mutationCtx, runMutation } from './index';
import type { Loaded, MutationCtx, MutationOutcome } from './types';

/** Helpers for tests that run mutations (here and in the client/hub layers). */
export const loadedWith = (
  records: { tickets?: Ticket[]; articles?: KnowledgeArticle[]; cis?: ConfigurationItem[] } = {},
): Loaded => ({
  tickets: new Map((records.tickets ?? []).map((t) => [t.id, t])),
  articles: new Map((records.articles ?? []).map((a) => [a.id, a])),
  cis: new Map((records.cis ?? []).map((c) => [c.id, c])),
});

export const ctxFor = (
  actor: Actor,
  offsetMs = 60_000,
  settings: DomainSettings = defaultDomainSettings,
  node = 'client-a',
): MutationCtx =>
  mutationCtx({ actor, clientId: node as ClientId, hlc: stamp(offsetMs, node), settings });

/** Runs `name@1`, returning the outcome. */
export const run = (
  name: string,
  args: unknown,
  loaded: Loaded,
  ctx: MutationCtx,
): MutationOutcome => runMutation(name, 1, args, loaded, ctx);

interface PutValues {
  ticket: Ticket;
  article: KnowledgeArticle;
  ci: ConfigurationItem;
}

/** The document an outcome puts for `entity`; throws (failing the test) if there is none. */
export const putOf = <E extends keyof PutValues>(out: MutationOutcome, entity: E): PutValues[E] => {
  if (!out.ok) throw new Error(`expected success, got ${out.error.code}: ${out.error.message}`);
  const e = out.effects.find((x) => x.type === 'put' && x.entity === entity);
  if (!e)
    throw new Error(`no put of ${entity} in ${JSON.stringify(out.effects.map((x) => x.type))}`);
  return e.value as PutValues[E];
};

export const conflictsOf = (out: MutationOutcome) =>
  out.ok ? out.effects.flatMap((e) => (e.type === 'conflict' ? [e.value] : [])) : [];

export const errorOf = (out: MutationOutcome) => (out.ok ? null : out.error);

/** Applies an outcome's puts to `loaded`, as a store would, for multi-step tests. */
export const applyPuts = (loaded: Loaded, out: MutationOutcome): Loaded => {
  if (!out.ok) return loaded;
  const next = loadedWith({
    tickets: [...loaded.tickets.values()],
    articles: [...loaded.articles.values()],
    cis: [...loaded.cis.values()],
  });
  for (const e of out.effects) {
    if (e.type !== 'put') continue;
    if (e.entity === 'ticket') next.tickets.set(e.value.id, e.value);
    else if (e.entity === 'article') next.articles.set(e.value.id, e.value);
    else next.cis.set(e.value.id, e.value);
  }
  return next;
};
