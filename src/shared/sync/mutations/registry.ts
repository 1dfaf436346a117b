import { domainError, zodToDomainError } from '../../domain/errors';
import {
  mutationKey,
  type Actor,
  type DomainError,
  type EntityRef,
  type Loaded,
  type MutationCtx,
  type MutationDef,
  type MutationOutcome,
  type MutationUpgrader,
} from './types';

export interface MutationRegistry {
  /** Definitions keyed "name@version". */
  readonly defs: ReadonlyMap<string, MutationDef<unknown>>;
  latestVersion(name: string): number | null;
  /** Parses (upgrading old versions) and returns the args of the newest version. */
  parseArgs(
    name: string,
    version: number,
    rawArgs: unknown,
  ): { ok: true; def: MutationDef<unknown>; args: unknown } | { ok: false; error: DomainError };
  readsFor(
    name: string,
    version: number,
    rawArgs: unknown,
  ): { ok: true; refs: EntityRef[] } | { ok: false; error: DomainError };
  run(
    name: string,
    version: number,
    rawArgs: unknown,
    loaded: Loaded,
    ctx: MutationCtx,
  ): MutationOutcome;
  authorize(
    actor: Actor,
    loaded: Loaded,
    def: MutationDef<unknown>,
    args: unknown,
  ): DomainError | null;
}

/**
 * Versioning (SYNC.md): an old client's `name@N-1` is parsed with its own schema and
 * upgraded step by step to the newest version, never read with a newer schema.
 */
export const createMutationRegistry = (
  defs: readonly MutationDef<unknown>[],
  upgraders: readonly MutationUpgrader<unknown>[] = [],
): MutationRegistry => {
  const byKey = new Map<string, MutationDef<unknown>>();
  for (const d of defs) {
    const key = mutationKey(d.name, d.version);
    if (byKey.has(key)) throw new Error(`mutation ${key} is defined twice`);
    byKey.set(key, d);
  }
  const ups = new Map(upgraders.map((u) => [mutationKey(u.name, u.fromVersion), u]));
  const latestVersion = (name: string): number | null => {
    const versions = defs.filter((d) => d.name === name).map((d) => d.version);
    return versions.length ? Math.max(...versions) : null;
  };
  const unknown = (name: string, version: number) =>
    domainError(
      'UNKNOWN_MUTATION',
      `mutation ${mutationKey(name, version)} is not known to this version of Outpost`,
    );

  const parseArgs: MutationRegistry['parseArgs'] = (name, version, rawArgs) => {
    const latest = latestVersion(name);
    if (latest === null || !Number.isInteger(version) || version < 1 || version > latest) {
      return { ok: false, error: unknown(name, version) };
    }
    let raw = rawArgs;
    for (let v = version; v < latest; v++) {
      const up = ups.get(mutationKey(name, v));
      if (!up) return { ok: false, error: unknown(name, version) };
      const old = up.args.safeParse(raw);
      if (!old.success) return { ok: false, error: zodToDomainError(old.error) };
      raw = up.upgrade(old.data);
    }
    const def = byKey.get(mutationKey(name, latest))!;
    const parsed = def.args.safeParse(raw);
    if (!parsed.success) return { ok: false, error: zodToDomainError(parsed.error) };
    return { ok: true, def, args: parsed.data };
  };

  const authorize: MutationRegistry['authorize'] = (actor, loaded, def, args) =>
    def.authorize(actor, loaded, args);

  return {
    defs: byKey,
    latestVersion,
    parseArgs,
    authorize,
    readsFor(name, version, rawArgs) {
      const p = parseArgs(name, version, rawArgs);
      return p.ok ? { ok: true, refs: p.def.reads(p.args) } : p;
    },
    run(name, version, rawArgs, loaded, ctx) {
      const p = parseArgs(name, version, rawArgs);
      if (!p.ok) return p;
      const denied = p.def.authorize(ctx.actor, loaded, p.args);
      if (denied) return { ok: false, error: denied };
      return p.def.apply(loaded, p.args, ctx);
    },
  };
};
