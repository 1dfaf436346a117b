import { ticketPrefixes } from '../../shared/domain/ticket';

/**
 * How ticket text becomes search terms, shared by the index (what it stores)
 * and the snippet builder (what it highlights), so a highlighted word is
 * always one the index matched.
 */

/** Words too common to narrow a search; not indexed, ignored in queries. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his ' +
    'i if in into is it its me my of on or our she so than that the their them then there ' +
    'these they this to too us was we were what when which who will with would you your'
  ).split(' '),
);

export const isStopWord = (term: string): boolean => STOP_WORDS.has(term);

/** Shortest term indexed; a single letter narrows nothing. */
export const MIN_TERM_LENGTH = 2;
/** Longer runs are codes or pasted junk; truncating keeps the dictionary small. */
export const MAX_TERM_LENGTH = 40;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case without accents: "Café" and "cafe" are the same term. */
export const normalizeTerm = (word: string): string => {
  const lower = word.toLowerCase();
  // Plain ASCII (nearly every word) skips the Unicode decomposition.
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(MARKS, '');
  return folded.length > MAX_TERM_LENGTH ? folded.slice(0, MAX_TERM_LENGTH) : folded;
};

export interface Token {
  term: string;
  /** Offsets in the original text, for highlighting. */
  start: number;
  end: number;
}

/** Every word of `text` with its position; stop words and single letters included. */
export function* words(text: string): Generator<Token> {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    yield { term: normalizeTerm(m[0]), start: m.index, end: m.index + m[0].length };
  }
}

export const isIndexable = (term: string): boolean =>
  term.length >= MIN_TERM_LENGTH && !STOP_WORDS.has(term);

/** Counts the indexable terms of a text into `into` (term → occurrences). */
export const countTerms = (text: string, into: Map<string, number>): number => {
  let total = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const term = normalizeTerm(m[0]);
    if (!isIndexable(term)) continue;
    into.set(term, (into.get(term) ?? 0) + 1);
    total++;
  }
  return total;
};

/**
 * Ticket numbers are one term each: "INC0001234" → "inc0001234", a
 * provisional "INC-new-1a2b" → "incnew1a2b".
 */
export const labelTerm = (label: string): string => normalizeTerm(label).replace(/[^a-z0-9]/g, '');

const PREFIXES = Object.values(ticketPrefixes).map((p) => p.toLowerCase());
const NUMBER = new RegExp(`^(${PREFIXES.join('|')})0*(\\d+)$`);

/**
 * The number terms a whole query may name: "INC0001234", "inc 1234" and
 * "inc1234" name INC0001234; "1234" names it and REQ0001234 and so on.
 */
export const numberForms = (query: string): string[] => {
  const whole = labelTerm(query);
  if (whole === '' || (whole.length < 3 && !/^\d+$/.test(whole))) return [];
  const pad = (digits: string) => digits.replace(/^0+(?=\d)/, '').padStart(7, '0');
  const m = NUMBER.exec(whole);
  if (m) return [...new Set([`${m[1]}${pad(m[2]!)}`, whole])];
  if (/^\d+$/.test(whole)) return PREFIXES.map((p) => `${p}${pad(whole)}`);
  return [whole];
};

export interface QueryToken {
  term: string;
  /** The word still being typed: it also matches as a prefix. */
  partial: boolean;
}

/**
 * The words of a query. The last one is partial unless the query ends in a
 * space; stop words are dropped unless being typed ("out" may become "outlook").
 */
export const queryTokens = (query: string): QueryToken[] => {
  const all = [...words(query)];
  const endsOpen = /[\p{L}\p{N}]$/u.test(query);
  const out: QueryToken[] = [];
  const seen = new Set<string>();
  all.forEach((w, i) => {
    const partial = endsOpen && i === all.length - 1;
    if (w.term.length < MIN_TERM_LENGTH) return;
    if (!partial && STOP_WORDS.has(w.term)) return;
    const key = `${w.term}|${partial}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ term: w.term, partial });
  });
  return out;
};
