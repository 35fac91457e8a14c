import { formatNumber, patternHasYear, validatePattern, validatePrefix } from '../server/requisites/numbering';

/**
 * The live example of an entity's invoice number, drawn by the very function the server numbers invoices with
 * (pure, no I/O), so the example never disagrees with the first real number.
 */
export type NumberExample = { ok: true; example: string; yearly: boolean } | { ok: false; field: 'numberPattern' | 'prefix'; message: string };

export function numberExample(pattern: string, prefix: string, today: string, seq = 1): NumberExample {
  const p = validatePattern(pattern);
  if (!p.ok) return { ok: false, field: 'numberPattern', message: p.message };
  const x = validatePrefix(prefix);
  if (!x.ok) return { ok: false, field: 'prefix', message: x.message };
  try {
    return { ok: true, example: formatNumber(pattern, { prefix: x.prefix, date: today, seq }), yearly: patternHasYear(pattern) };
  } catch (err) {
    return { ok: false, field: 'numberPattern', message: err instanceof Error ? err.message : String(err) };
  }
}
