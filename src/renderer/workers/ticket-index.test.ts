import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexDocument } from './index-document';
import { TicketIndex } from './ticket-index';

const doc = (id: string, fields: Partial<IndexDocument> = {}): IndexDocument => ({
  id,
  label: `INC${id.padStart(7, '0')}`,
  type: 'incident',
  state: 'new',
  title: '',
  description: '',
  comments: [],
  ...fields,
});

const ids = (index: TicketIndex, query: string, options = {}) =>
  index.search(query, { limit: 100, ...options }).map((h) => h.id);

describe('TicketIndex', () => {
  const desk = () => {
    const index = new TicketIndex();
    index.upsert(doc('1', { title: 'VPN drops every few minutes', description: 'Since Monday.' }));
    index.upsert(
      doc('2', { title: 'Printer jam on floor 3', description: 'Paper stuck in tray.' }),
    );
    index.upsert(
      doc('3', {
        title: 'Laptop will not boot',
        description: 'Black screen after the logo.',
        comments: [{ id: 'c1', body: 'Swapped the flaky motherboard, please retest.' }],
      }),
    );
    return index;
  };

  it('finds tickets by words of the title, the description and the comments', () => {
    const index = desk();
    expect(ids(index, 'vpn ')).toEqual(['1']);
    expect(ids(index, 'paper ')).toEqual(['2']);
    expect(ids(index, 'motherboard ')).toEqual(['3']);
  });

  it('matches the word being typed as a prefix, but a finished word only whole', () => {
    const index = desk();
    expect(ids(index, 'mother')).toEqual(['3']);
    expect(ids(index, 'mother ')).toEqual([]);
    expect(ids(index, 'pri')).toEqual(['2']);
  });

  it('tolerates a typo in longer words', () => {
    const index = desk();
    expect(ids(index, 'priner ')).toEqual(['2']);
    expect(ids(index, 'motherbord ')).toEqual(['3']);
  });

  it('requires every word, and ignores case, accents and stop words', () => {
    const index = desk();
    index.upsert(doc('4', { title: 'Café VPN is slow' }));
    expect(ids(index, 'vpn drops').sort()).toEqual(['1']);
    expect(ids(index, 'VPN').sort()).toEqual(['1', '4']);
    expect(ids(index, 'cafe ')).toEqual(['4']);
    expect(ids(index, 'the vpn drops')).toEqual(['1']);
  });

  it('puts the ticket whose number is typed first, however it is written', () => {
    const index = new TicketIndex();
    // Another ticket mentions the number many times; the numbered ticket still comes first.
    index.upsert(doc('12', { title: 'Keyboard sticky' }));
    index.upsert(
      doc('99', { title: 'Follow-up of INC0000012', description: 'INC0000012 INC0000012' }),
    );
    for (const q of ['INC0000012', 'inc 12', 'inc12', '12']) {
      const hits = index.search(q);
      expect(hits[0]?.id, q).toBe('12');
      expect(hits[0]?.exactNumber, q).toBe(true);
    }
    expect(ids(index, 'INC0000012')).toEqual(['12', '99']);
  });

  it('finds a not-yet-numbered ticket by its provisional label', () => {
    const index = new TicketIndex();
    index.upsert(doc('5', { label: 'INC-new-1a2b', title: 'Monitor flickers' }));
    expect(index.search('INC-new-1a2b')[0]).toMatchObject({ id: '5', exactNumber: true });
  });

  it('ranks a title match above a match deep in a comment', () => {
    const index = new TicketIndex();
    index.upsert(doc('1', { comments: [{ id: 'a', body: 'the monitor was replaced' }] }));
    index.upsert(doc('2', { title: 'Monitor flickers' }));
    expect(ids(index, 'monitor')).toEqual(['2', '1']);
  });

  it('updates a ticket in place: old words stop matching, new ones match', () => {
    const index = desk();
    expect(index.upsert(doc('1', { title: 'Wifi drops every few minutes' }))).toBe(true);
    expect(ids(index, 'vpn ')).toEqual([]);
    expect(ids(index, 'wifi ')).toEqual(['1']);
    expect(index.size).toBe(3);
  });

  it('reports an unchanged ticket as unchanged', () => {
    const index = desk();
    const same = doc('2', { title: 'Printer jam on floor 3', description: 'Paper stuck in tray.' });
    expect(index.upsert(same)).toBe(false);
  });

  it('re-indexes a ticket when a comment is added', () => {
    const index = desk();
    index.upsert(
      doc('2', {
        title: 'Printer jam on floor 3',
        description: 'Paper stuck in tray.',
        comments: [{ id: 'c9', body: 'Fuser unit replaced' }],
      }),
    );
    expect(ids(index, 'fuser ')).toEqual(['2']);
    expect(index.commentCount('2')).toBe(1);
  });

  it('removes tickets, and finds them again when they come back', () => {
    const index = desk();
    expect(index.remove('3')).toBe(true);
    expect(index.remove('3')).toBe(false);
    expect(ids(index, 'motherboard ')).toEqual([]);
    index.merge();
    expect(ids(index, 'laptop ')).toEqual([]);
    index.upsert(doc('3', { title: 'Laptop will not boot' }));
    expect(ids(index, 'laptop ')).toEqual(['3']);
  });

  it('filters to open tickets and leaves excluded ones out', () => {
    const index = desk();
    index.upsert(doc('7', { title: 'VPN drops at night', state: 'resolved' }));
    expect(ids(index, 'vpn drops').sort()).toEqual(['1', '7']);
    expect(ids(index, 'vpn drops', { openOnly: true })).toEqual(['1']);
    expect(ids(index, 'vpn drops', { exclude: new Set(['1']) })).toEqual(['7']);
  });

  it("suggests tickets matching most words of a new title ('some'), best first", () => {
    const index = desk();
    index.upsert(doc('5', { title: 'VPN slow in the evening' }));
    index.upsert(doc('6', { title: 'Printer drops jobs' }));
    const hits = index.search('VPN keeps dropping every few minutes', { match: 'some' });
    expect(hits.map((h) => h.id)).toEqual(['1']);
    expect(hits[0]!.terms.sort()).toEqual(['every', 'few', 'minutes', 'vpn']);
    // Two words of two must both match; 'all' would need every word.
    expect(ids(index, 'vpn slow', { match: 'some' })).toEqual(['5']);
    expect(ids(index, 'vpn drops minutes evening')).toEqual([]);
    expect(ids(index, 'vpn drops minutes evening', { match: 'some' }).sort()).toEqual(['1', '5']);
  });

  it('returns the matched terms for highlighting', () => {
    const index = desk();
    expect(index.search('laptop motherbord')[0]?.terms.sort()).toEqual(['laptop', 'motherboard']);
  });

  it('survives a save and load with the same answers, and keeps indexing after', () => {
    const index = desk();
    index.remove('2');
    const saved = index.serialize();
    // Words only the removed ticket had are not saved; the others are.
    expect(saved.terms.split('\n')).not.toContain('printer');
    expect(saved.terms.split('\n')).toContain('vpn');
    expect(saved.postings.offsets.length).toBe(saved.terms.split('\n').length + 1);
    const loaded = TicketIndex.load(structuredClone(saved))!;
    expect(loaded.size).toBe(2);
    for (const q of ['vpn', 'motherboard ', 'paper ', 'INC0000003']) {
      expect(ids(loaded, q), q).toEqual(ids(index, q));
    }
    loaded.upsert(doc('8', { title: 'Scanner offline' }));
    expect(ids(loaded, 'scanner')).toEqual(['8']);
    expect(loaded.printsOf('1')).toEqual(index.printsOf('1'));
  });

  it('refuses a saved copy of another format or with torn columns', () => {
    const saved = desk().serialize();
    expect(TicketIndex.load({ ...saved, format: 'x' as never })).toBeNull();
    expect(TicketIndex.load({ ...saved, flags: new Uint8Array(1) })).toBeNull();
  });
});

/** A naive reference: which documents contain every (whole) word. */
const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'kappa', 'sigma', 'theta'];
const textArb = fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' '));
const docArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  title: textArb,
  description: textArb,
  comment: fc.option(textArb, { nil: null }),
});
type Op =
  | {
      kind: 'upsert';
      d: { id: string; title: string; description: string; comment: string | null };
    }
  | { kind: 'remove'; id: string }
  | { kind: 'merge' }
  | { kind: 'reload' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: docArb.map((d) => ({ kind: 'upsert' as const, d })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('a', 'b', 'c').map((id) => ({ kind: 'remove' as const, id })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'merge' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

describe('TicketIndex against a naive model', () => {
  it('answers whole-word queries exactly like a scan, through updates, merges and reloads', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 2 }),
        (ops, query) => {
          let index = new TicketIndex(8);
          const model = new Map<string, string>();
          for (const op of ops) {
            if (op.kind === 'upsert') {
              const { id, title, description, comment } = op.d;
              index.upsert(
                doc(id, {
                  title,
                  description,
                  // Comments are never edited (the index trusts their ids): other words, another id.
                  comments: comment === null ? [] : [{ id: `${id}-c-${comment}`, body: comment }],
                }),
              );
              model.set(id, `${title} ${description} ${comment ?? ''}`);
            } else if (op.kind === 'remove') {
              index.remove(op.id);
              model.delete(op.id);
            } else if (op.kind === 'merge') index.merge();
            else index = TicketIndex.load(structuredClone(index.serialize()), 8)!;
          }
          const expected = [...model]
            .filter(([, text]) => query.every((w) => text.split(' ').includes(w)))
            .map(([id]) => id)
            .sort();
          expect(ids(index, `${query.join(' ')} `).sort()).toEqual(expected);
          expect(index.size).toBe(model.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
