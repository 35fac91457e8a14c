/**
 * Invoice number patterns. Pure functions, no I/O: the caller owns the counter.
 *
 * A pattern is literal text with tokens:
 *   {prefix}  the entity's prefix (e.g. "INV", "СФ")
 *   {YYYY}    the issue year, 4 digits          {YY}  its last two digits
 *   {MM}      the issue month, 01..12
 *   {seq}     the sequence number, as is        {seq:N}  zero-padded to N digits (1..12), never truncated
 * Exactly one {seq} / {seq:N} is required. Braces are reserved: a "{" or "}" that is not part of a known token
 * makes the pattern invalid, so a pattern either means exactly one thing or is refused.
 *
 * The counter and the year. The caller keeps one counter row per entity and per `counterYear(pattern, date)`
 * and locks it (SELECT … FOR UPDATE) while it takes the next value:
 * - a pattern with {YYYY} or {YY} gets a counter that restarts at 1 every calendar year of the issue date —
 *   the year in the number keeps the numbers apart;
 * - a pattern without a year token gets ONE continuous counter (counterYear = 0) that never restarts: a yearly
 *   reset would hand out "INV-0001" again every January. {MM} alone does not make numbers unique across years,
 *   so it does not change this.
 * Switching patterns moves to another counter row but cannot repeat a number of the old pattern unless the
 * literal parts collide; keep a unique index on (entity, number) as the final guard anyway.
 */

export const DEFAULT_PATTERN = '{prefix}-{YYYY}-{seq:4}';
export const MAX_PATTERN_LENGTH = 64;
export const MAX_PREFIX_LENGTH = 20;
/** The longest number formatNumber returns (fits a VARCHAR(100) with room to spare). */
export const MAX_NUMBER_LENGTH = 100;
export const MAX_SEQ_PAD = 12;

export type PatternToken =
  | { kind: 'text'; text: string }
  | { kind: 'prefix' }
  | { kind: 'YYYY' }
  | { kind: 'YY' }
  | { kind: 'MM' }
  | { kind: 'seq'; pad: number };

export type PatternResult = { ok: true; tokens: PatternToken[] } | { ok: false; field: 'pattern'; message: string };

export interface NumberParts {
  /** The entity's prefix; may be empty (then "{prefix}-" leaves a leading "-": choose patterns accordingly). */
  prefix: string;
  /** The issue date in the entity's time zone, "YYYY-MM-DD". */
  date: string;
  /** The counter value, a positive safe integer. */
  seq: number;
}

const TOKEN_RE = /\{([^{}]*)\}/g;
// Control characters (C0, DEL, C1) have no place in a document number.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;

const fail = (message: string): PatternResult => ({ ok: false, field: 'pattern', message });

function parseToken(body: string): PatternToken | string {
  switch (body) {
    case 'prefix':
      return { kind: 'prefix' };
    case 'YYYY':
      return { kind: 'YYYY' };
    case 'YY':
      return { kind: 'YY' };
    case 'MM':
      return { kind: 'MM' };
    case 'seq':
      return { kind: 'seq', pad: 0 };
  }
  const m = /^seq:(\d+)$/.exec(body);
  if (m) {
    const pad = Number(m[1]);
    if (pad < 1 || pad > MAX_SEQ_PAD) return `pattern has {${body}}: {seq:N} needs N between 1 and ${MAX_SEQ_PAD}`;
    return { kind: 'seq', pad };
  }
  return `pattern has an unknown token {${body}}; known tokens are {prefix}, {YYYY}, {YY}, {MM}, {seq} and {seq:N}`;
}

/** Parses and checks a pattern: known tokens only, exactly one {seq}, no stray braces, at most 64 characters. */
export function validatePattern(pattern: string): PatternResult {
  if (typeof pattern !== 'string') return fail('pattern must be a string');
  if (pattern.trim() === '') return fail('pattern is empty');
  if (pattern.length > MAX_PATTERN_LENGTH) return fail(`pattern must be at most ${MAX_PATTERN_LENGTH} characters; got ${pattern.length}`);
  if (CONTROL_RE.test(pattern)) return fail('pattern must not contain control characters');

  const tokens: PatternToken[] = [];
  let last = 0;
  let seqCount = 0;
  for (const m of pattern.matchAll(TOKEN_RE)) {
    const at = m.index ?? 0;
    const text = pattern.slice(last, at);
    if (/[{}]/.test(text)) return fail('pattern has an unmatched "{" or "}"; braces are reserved for tokens');
    if (text) tokens.push({ kind: 'text', text });
    const token = parseToken(m[1]);
    if (typeof token === 'string') return fail(token);
    if (token.kind === 'seq') seqCount++;
    tokens.push(token);
    last = at + m[0].length;
  }
  const tail = pattern.slice(last);
  if (/[{}]/.test(tail)) return fail('pattern has an unmatched "{" or "}"; braces are reserved for tokens');
  if (tail) tokens.push({ kind: 'text', text: tail });

  if (seqCount === 0) return fail('pattern must contain {seq} or {seq:N}');
  if (seqCount > 1) return fail('pattern must contain {seq} only once');
  return { ok: true, tokens };
}

/** A prefix is plain text: at most 20 characters, no braces, no control characters; may be empty. */
export function validatePrefix(prefix: string): { ok: true; prefix: string } | { ok: false; field: 'prefix'; message: string } {
  if (typeof prefix !== 'string') return { ok: false, field: 'prefix', message: 'prefix must be a string' };
  const p = prefix.trim();
  if (p.length > MAX_PREFIX_LENGTH) {
    return { ok: false, field: 'prefix', message: `prefix must be at most ${MAX_PREFIX_LENGTH} characters; got ${p.length}` };
  }
  if (/[{}]/.test(p) || CONTROL_RE.test(p)) {
    return { ok: false, field: 'prefix', message: 'prefix must not contain braces or control characters' };
  }
  return { ok: true, prefix: p };
}

/** Whether the numbers of this (valid) pattern carry the year, i.e. whether its counter restarts yearly. */
export function patternHasYear(pattern: string): boolean {
  const r = validatePattern(pattern);
  if (!r.ok) throw new Error(r.message);
  return r.tokens.some((t) => t.kind === 'YYYY' || t.kind === 'YY');
}

/** "YYYY-MM-DD" → its parts, or null when it is not a real calendar date (years 1000..9999). */
export function parseIssueDate(date: string): { year: number; month: number; day: number } | null {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

/**
 * The key of the counter row for an invoice issued on `date` (entity's time zone, "YYYY-MM-DD"):
 * its year when the pattern carries a year, 0 (one continuous counter) when it does not. See the file comment.
 */
export function counterYear(pattern: string, date: string): number {
  const d = parseIssueDate(date);
  if (!d) throw new Error(`date must be a calendar date "YYYY-MM-DD"; got "${String(date)}"`);
  return patternHasYear(pattern) ? d.year : 0;
}

/**
 * The invoice number for a pattern and its parts. Throws on an invalid pattern, prefix, date or seq — these are
 * programming errors by the time a number is formatted (the pattern and prefix were validated when saved).
 */
export function formatNumber(pattern: string, parts: NumberParts): string {
  const r = validatePattern(pattern);
  if (!r.ok) throw new Error(r.message);
  const p = validatePrefix(parts.prefix);
  if (!p.ok) throw new Error(p.message);
  const d = parseIssueDate(parts.date);
  if (!d) throw new Error(`date must be a calendar date "YYYY-MM-DD"; got "${String(parts.date)}"`);
  if (!Number.isSafeInteger(parts.seq) || parts.seq < 1) throw new Error(`seq must be a positive integer; got ${String(parts.seq)}`);

  let out = '';
  for (const t of r.tokens) {
    switch (t.kind) {
      case 'text':
        out += t.text;
        break;
      case 'prefix':
        out += p.prefix;
        break;
      case 'YYYY':
        out += String(d.year);
        break;
      case 'YY':
        out += String(d.year % 100).padStart(2, '0');
        break;
      case 'MM':
        out += String(d.month).padStart(2, '0');
        break;
      case 'seq':
        out += String(parts.seq).padStart(t.pad, '0');
        break;
    }
  }
  if (out.length > MAX_NUMBER_LENGTH) throw new Error(`invoice number is longer than ${MAX_NUMBER_LENGTH} characters`);
  return out;
}
