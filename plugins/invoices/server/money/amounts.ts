/**
 * Exact money, quantity and rate values of an invoice. Never a float:
 *  - money    → bigint kopecks        ("1500.5"  → 150050n),   at most 2 decimals;
 *  - quantity → bigint thousandths    ("1.5"     → 1500n),     at most 3 decimals;
 *  - VAT rate → bigint basis points   ("20"      → 2000n, i.e. hundredths of a percent), at most 2 decimals.
 *
 * Accepted input: a finite JS number or a string of plain decimal digits with "." as the decimal separator
 * (surrounding whitespace is trimmed). Rejected, each with an error naming the problem: a comma or thousands
 * separators ("1,5" — ambiguous between 1.5 and 15 thousand in "1,500"; "1 500"), exponents, signs, more
 * decimals than allowed, negatives, and values above the limits below. A JS number is read through its shortest
 * round-trip representation (String(n)), so 0.1 is exactly "0.1" while 0.1 + 0.2 (= 0.30000000000000004) is
 * rejected as having too many decimals rather than silently rounded.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** 999 999 999 999.99 — the largest amount (also the largest one amountInWords writes out: up to "мільярдів"). */
export const MAX_KOPECKS = 99_999_999_999_999n;
/** 999 999 999.999 units. */
export const MAX_QUANTITY_THOUSANDTHS = 999_999_999_999n;
/** 100 %. */
export const MAX_RATE_BASIS_POINTS = 10_000n;

/** Scale and range of one kind of exact decimal. */
interface DecimalKind {
  decimals: number;
  max: bigint;
  maxText: string;
  allowZero: boolean;
}

const MONEY: DecimalKind = { decimals: 2, max: MAX_KOPECKS, maxText: '999999999999.99', allowZero: true };
const QUANTITY: DecimalKind = { decimals: 3, max: MAX_QUANTITY_THOUSANDTHS, maxText: '999999999.999', allowZero: false };
const RATE: DecimalKind = { decimals: 2, max: MAX_RATE_BASIS_POINTS, maxText: '100', allowZero: true };

const PLAIN_DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function parseDecimal(value: unknown, field: string, kind: DecimalKind): Parsed<bigint> {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`${field} must be a finite number, got ${show(value)}`);
    if (value < 0) return fail(`${field} must not be negative, got ${show(value)}`);
    text = String(value);
    // Very large or very small numbers stringify with an exponent ("1e+21", "1e-7").
    if (/e/i.test(text)) {
      return value > 1 ? fail(`${field} is too large (maximum ${kind.maxText}), got ${show(value)}`) : fail(`${field} has more than ${kind.decimals} decimal places, got ${show(value)}`);
    }
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text === '') return fail(`${field} is empty`);
  } else if (value === null || value === undefined) {
    return fail(`${field} is required`);
  } else {
    return fail(`${field} must be a number or a decimal string, got ${typeof value}`);
  }

  const m = PLAIN_DECIMAL_RE.exec(text);
  if (!m) {
    if (text.startsWith('-')) return fail(`${field} must not be negative, got ${show(value)}`);
    if (/^[\d.,]+$/.test(text) && text.includes(',')) {
      return fail(`${field} must use "." as the decimal separator and no thousands separators, got ${show(value)}`);
    }
    if (/^\d[\d \u00a0\u202f']*\d(\.\d+)?$/.test(text)) return fail(`${field} must not contain thousands separators, got ${show(value)}`);
    return fail(`${field} is not a decimal number, got ${show(value)}`);
  }
  const [, whole, frac = ''] = m;
  if (frac.length > kind.decimals) return fail(`${field} has more than ${kind.decimals} decimal places, got ${show(value)}`);
  const scaled = BigInt(whole) * 10n ** BigInt(kind.decimals) + BigInt(frac.padEnd(kind.decimals, '0') || '0');
  if (scaled > kind.max) return fail(`${field} is too large (maximum ${kind.maxText}), got ${show(value)}`);
  if (scaled === 0n && !kind.allowZero) return fail(`${field} must be greater than 0, got ${show(value)}`);
  return { ok: true, value: scaled };
}

/** A price or amount (≥ 0, ≤ 999 999 999 999.99, at most 2 decimals) → kopecks. */
export function parseMoney(value: unknown, field = 'amount'): Parsed<bigint> {
  return parseDecimal(value, field, MONEY);
}

/** A quantity (> 0, ≤ 999 999 999.999, at most 3 decimals) → thousandths. */
export function parseQuantity(value: unknown, field = 'quantity'): Parsed<bigint> {
  return parseDecimal(value, field, QUANTITY);
}

/** A VAT rate in percent (0…100, at most 2 decimals: "20", 7, "7.5") → basis points (hundredths of a percent). */
export function parseRate(value: unknown, field = 'vatRate'): Parsed<bigint> {
  return parseDecimal(value, field, RATE);
}

function formatScaled(n: bigint, decimals: number, trimZeros: boolean): string {
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  const unit = 10n ** BigInt(decimals);
  let frac = String(a % unit).padStart(decimals, '0');
  if (trimZeros) frac = frac.replace(/0+$/, '');
  return `${sign}${a / unit}${frac ? `.${frac}` : ''}`;
}

/** Kopecks → "1500.00" (always two places; a minus sign for a negative value). */
export function formatMoney(kopecks: bigint): string {
  return formatScaled(kopecks, 2, false);
}

/** Thousandths → "1.5", "2", "0.125" (trailing zeros dropped). */
export function formatQuantity(thousandths: bigint): string {
  return formatScaled(thousandths, 3, true);
}

/** Basis points → "20", "7", "7.5" (percent, trailing zeros dropped). */
export function formatRate(basisPoints: bigint): string {
  return formatScaled(basisPoints, 2, true);
}

/** n / d rounded half up (half away from zero for n ≥ 0); n ≥ 0, d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divRoundHalfUp: the divisor must be positive');
  if (n < 0n) throw new RangeError('divRoundHalfUp: the dividend must not be negative');
  const q = n / d;
  return 2n * (n % d) >= d ? q + 1n : q;
}

/** quantity × price to the kopeck, half up: thousandths × kopecks / 1000. */
export function lineAmount(quantityThousandths: bigint, priceKopecks: bigint): bigint {
  return divRoundHalfUp(quantityThousandths * priceKopecks, 1000n);
}
