/**
 * The field name a validation message should use, read from where the issue sits.
 *
 * A schema reused under several keys (a user id as requesterId, assigneeId or
 * createdBy) names its field through zod's error callback, which receives the
 * issue's full path: the key the value sits under wins over the schema's generic
 * name, unless the generic name is the same key or a qualified form of it
 * ('event.by' for by). Values inside lists keep the generic name, since the last
 * segment there is a position, not a key.
 */
export const fieldName = (path: readonly PropertyKey[] | undefined, fallback: string): string => {
  const last = path?.[path.length - 1];
  if (typeof last !== 'string' || last === fallback || fallback.endsWith(`.${last}`)) {
    return fallback;
  }
  return last;
};

type ObjectIssue = { code?: string; keys?: readonly string[] };

/**
 * The error of a strict object: an unknown key is named as such (a misspelt key must
 * not fall back to a default without a word); any other failure reads `notObject`.
 */
export const strictObjectError =
  (what: string, notObject: string) =>
  (iss: ObjectIssue): string => {
    if (iss.code !== 'unrecognized_keys') return notObject;
    const keys = iss.keys ?? [];
    return keys.length === 1
      ? `${keys[0]} is not a field of ${what}`
      : `${keys.join(', ')} are not fields of ${what}`;
  };
