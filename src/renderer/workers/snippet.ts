import { words } from './search-text';

/**
 * Highlighting as data: text split into plain and matched runs, which the
 * palette turns into React nodes. Ticket text never becomes HTML.
 */
export interface Segment {
  text: string;
  hit: boolean;
}

export type TermMatcher = (term: string) => boolean;

/** Matches the indexed terms a search used, and words starting with the word being typed. */
export const termMatcher = (terms: readonly string[], prefixes: readonly string[]): TermMatcher => {
  const exact = new Set(terms);
  return (term) => exact.has(term) || prefixes.some((p) => term.startsWith(p));
};

const push = (out: Segment[], text: string, hit: boolean) => {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.hit === hit) last.text += text;
  else out.push({ text, hit });
};

/** The whole text with matching words marked. */
export const highlight = (text: string, match: TermMatcher): Segment[] => {
  const out: Segment[] = [];
  let at = 0;
  for (const w of words(text)) {
    if (!match(w.term)) continue;
    push(out, text.slice(at, w.start), false);
    push(out, text.slice(w.start, w.end), true);
    at = w.end;
  }
  push(out, text.slice(at), false);
  return out;
};

/**
 * Markdown is shown as plain words in a result row: markers, link targets
 * and line breaks would only be noise in one line of text.
 */
export const plainText = (markdown: string): string =>
  markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * About `width` characters of `text` around its first matching word, cut at
 * word boundaries, with an ellipsis where text was left out. Null when no
 * word matches.
 */
export const snippet = (text: string, match: TermMatcher, width = 160): Segment[] | null => {
  const plain = plainText(text);
  let first: { start: number; end: number } | null = null;
  for (const w of words(plain)) {
    if (match(w.term)) {
      first = w;
      break;
    }
  }
  if (!first) return null;
  return window(plain, Math.max(0, first.start - Math.floor(width / 4)), width, match);
};

/** The opening of a text, for results that matched elsewhere (title, number). */
export const opening = (text: string, match: TermMatcher, width = 160): Segment[] | null => {
  const plain = plainText(text);
  return plain === '' ? null : window(plain, 0, width, match);
};

const window = (plain: string, from: number, width: number, match: TermMatcher): Segment[] => {
  let start = from;
  if (start > 0) {
    const space = plain.indexOf(' ', start);
    start = space === -1 || space - start > 20 ? start : space + 1;
  }
  let end = Math.min(plain.length, start + width);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  const segments = highlight(plain.slice(start, end), match);
  if (start > 0) segments.unshift({ text: '…', hit: false });
  if (end < plain.length) segments.push({ text: '…', hit: false });
  return mergeAdjacent(segments);
};

const mergeAdjacent = (segments: Segment[]): Segment[] => {
  const out: Segment[] = [];
  for (const s of segments) push(out, s.text, s.hit);
  return out;
};
