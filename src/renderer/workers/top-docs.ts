/**
 * The `k` best-scoring documents of a query, best first, from the documents
 * it touched: those that qualify (matched every word, or enough of them) and
 * are not excluded. One pass with a sorted list of at most `k`; a document
 * scoring no better than the current k-th is skipped without a look. Ties go
 * to the more recently indexed (recently changed) ticket, which was touched
 * later.
 */
export function topDocs(
  touched: readonly number[],
  total: Float32Array,
  qualifies: (doc: number) => boolean,
  k: number,
  excluded: (doc: number) => boolean,
): number[] {
  const top: number[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (const doc of touched) {
    if (!qualifies(doc)) continue;
    const s = total[doc]!;
    if (top.length === k && s <= floor) continue;
    if (excluded(doc)) continue;
    let at = top.length;
    while (at > 0 && total[top[at - 1]!]! <= s) at--;
    top.splice(at, 0, doc);
    if (top.length > k) top.pop();
    if (top.length === k) floor = total[top[k - 1]!]!;
  }
  return top;
}
