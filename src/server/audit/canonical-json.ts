/**
 * JSON with object keys sorted at every level and no whitespace, so the same
 * value always yields the same text (and hash), whichever order its keys were
 * built in or whichever database round-tripped it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // Dates and other objects with toJSON serialise as JSON.stringify would.
    const maybe = value as { toJSON?: () => unknown };
    if (typeof maybe.toJSON === 'function') return sortKeys(maybe.toJSON());
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
