/**
 * The list kept under `key` in a map of lists, created empty on first use:
 * grouping rows by table or entity appends in place (spreading the old list
 * into a new one on every row is quadratic in the group's size).
 */
export const listIn = <K, V>(lists: Map<K, V[]>, key: K): V[] => {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
};
