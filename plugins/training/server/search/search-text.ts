import { isStopWord, normalizeWord, stemUk, tokenize } from './uk-stemmer';

/**
 * The text side of search: Markdown material as plain text (what is indexed and what snippets are cut from), the
 * words of a query with their Ukrainian stems, and the snippet around the best hit with the matched words wrapped in
 * `[[` and `]]`.
 */

/** At most this many words of a query are searched for (the rest are ignored). */
export const MAX_QUERY_WORDS = 8;

/** Markdown → plain text: markup out, link and image texts kept, URLs and HTML tags dropped, whitespace evened. */
export function markdownToText(md: string): string {
  return md
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s*/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, ' ')
    .replace(/^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$/gm, ' ')
    .replace(/[*_~`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    // A mark stripped next to punctuation ("`Рахунки`.", "«_Звіти_»") leaves no space inside it.
    .replace(/ ([.,;:!?)»])/g, '$1')
    .replace(/([(«]) /g, '$1')
    .trim();
}

export interface QueryWord {
  /** The word as typed (letters and digits only): what 'russian' and 'english' analyse. */
  word: string;
  /** Its Ukrainian stem: what the 'simple' vector of stems is searched for. */
  stem: string;
  /** Whether the stem is long enough to match as a prefix (so "ворон" finds "воронка"). */
  prefix: boolean;
}

/** The searchable words of a query: stop words and one-letter words out, duplicates once, at most MAX_QUERY_WORDS. */
export function queryWords(q: string): QueryWord[] {
  const seen = new Set<string>();
  const out: QueryWord[] = [];
  for (const t of tokenize(q)) {
    const word = normalizeWord(t.word);
    if (word.length < 2 || isStopWord(word) || seen.has(word)) continue;
    seen.add(word);
    const stem = stemUk(word);
    out.push({ word, stem, prefix: stem.length >= 4 });
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a word of the text is a hit for a query word, by the same Ukrainian stems the index uses, or (for the
 * Russian and English analyses, whose snowball stems live only in the database) by a long shared beginning.
 */
export function wordMatches(textWord: string, q: QueryWord): boolean {
  const w = normalizeWord(textWord);
  if (w.length < 2) return false;
  const stem = stemUk(w);
  if (q.prefix ? stem.startsWith(q.stem) : stem === q.stem) return true;
  const shared = commonPrefix(w, q.word);
  return shared >= Math.max(4, Math.min(w.length, q.word.length) - 2);
}

const SNIPPET_WORDS = 28;

/**
 * A snippet of `text` around its first hit: about SNIPPET_WORDS words, hits wrapped in `[[` `]]`, "…" where text was
 * cut. Without a hit, the text's beginning. Plain text in, plain text out.
 */
export function snippet(text: string, words: QueryWord[]): string {
  const tokens = tokenize(text);
  if (!tokens.length) return '';
  const hits = new Set<number>();
  tokens.forEach((t, i) => {
    if (words.some((q) => wordMatches(t.word, q))) hits.add(i);
  });
  const first = hits.size ? Math.min(...hits) : 0;
  const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  const start = from === 0 ? 0 : tokens[from].start;
  const end = to === tokens.length ? text.length : tokens[to - 1].end;
  let out = '';
  let at = start;
  for (let i = from; i < to; i++) {
    if (!hits.has(i)) continue;
    out += `${text.slice(at, tokens[i].start)}[[${tokens[i].word}]]`;
    at = tokens[i].end;
  }
  out += text.slice(at, end);
  return `${from > 0 ? '… ' : ''}${out.trim()}${to < tokens.length ? ' …' : ''}`;
}
