/**
 * Which rows of the row store changed since a version of it, so a view can
 * patch its rows after a local edit instead of selecting from every row
 * again. Ids are noted with the version the store had when they changed; a
 * view that read the rows at version V asks for everything noted at V or
 * later (a change noted after its read but before V was published is then
 * seen twice, which patching tolerates, and never missed).
 */
export class ChangeJournal {
  private entries: { version: number; id: string }[] = [];
  /** The oldest version whose changes are all listed. */
  private from = 0;

  /** At most `limit` ids are kept: more (a load, a sync round) is "everything changed". */
  constructor(private readonly limit = 5_000) {}

  /** `id` changed while the store was at `version`. */
  note(id: string, version: number): void {
    // Already "everything changed" at this version (a load of 100k rows
    // stops listing after the first `limit`).
    if (version < this.from) return;
    if (this.entries.length >= this.limit) this.forget(version);
    else this.entries.push({ version, id });
  }

  /** Every row may have changed at `version` (cleared, or too many to list). */
  forget(version: number): void {
    this.entries = [];
    this.from = version + 1;
  }

  /** The ids changed at `version` or later, or null when that is not known. */
  since(version: number): ReadonlySet<string> | null {
    if (version < this.from) return null;
    const out = new Set<string>();
    for (let i = this.entries.length - 1; i >= 0 && this.entries[i]!.version >= version; i--) {
      out.add(this.entries[i]!.id);
    }
    return out;
  }
}
