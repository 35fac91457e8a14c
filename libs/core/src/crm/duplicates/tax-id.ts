import type { CountryCode } from 'libphonenumber-js';

/**
 * Tax ids as companies store them, so that one company entered twice is found by its tax id.
 * Ukraine: ЄДРПОУ (8 digits, legal entities) or РНОКПП (10 digits, individuals / sole traders);
 * Russia: ИНН (10 digits for organisations, 12 for individuals); both with their check digits.
 * Elsewhere: letters and digits, spaces removed, upper-cased.
 */
export type TaxIdResult = { ok: true; value: string } | { ok: false; message: string };

const digitsOf = (s: string) => [...s].map(Number);
const weighted = (digits: number[], weights: number[]) => weights.reduce((sum, w, i) => sum + w * digits[i], 0);
/** A mathematical modulo: the РНОКПП weights start with −1, so the sum may be negative. */
const mod = (n: number, m: number) => ((n % m) + m) % m;

export function isValidEdrpou(code: string): boolean {
  if (!/^\d{8}$/.test(code)) return false;
  const d = digitsOf(code);
  const n = Number(code);
  const middle = n >= 30000000 && n <= 60000000;
  let check = mod(weighted(d, middle ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7]), 11);
  if (check === 10) check = mod(weighted(d, middle ? [9, 3, 4, 5, 6, 7, 8] : [3, 4, 5, 6, 7, 8, 9]), 11) % 10;
  return check === d[7];
}

export function isValidRnokpp(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  const d = digitsOf(code);
  return mod(weighted(d, [-1, 5, 7, 9, 4, 6, 10, 5, 7]), 11) % 10 === d[9];
}

export function isValidInn(code: string): boolean {
  const d = digitsOf(code);
  if (/^\d{10}$/.test(code)) return mod(weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]), 11) % 10 === d[9];
  if (/^\d{12}$/.test(code)) {
    const c11 = mod(weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]), 11) % 10;
    const c12 = mod(weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]), 11) % 10;
    return c11 === d[10] && c12 === d[11];
  }
  return false;
}

export function normalizeTaxId(raw: string, country: CountryCode): TaxIdResult {
  const text = raw.replace(/[\s\u00a0]+/g, '');
  if (!text) return { ok: false, message: 'must not be empty' };
  if (country === 'UA') {
    if (!/^\d+$/.test(text)) return { ok: false, message: 'must contain digits only (ЄДРПОУ: 8 digits, РНОКПП: 10 digits)' };
    if (text.length === 8) return isValidEdrpou(text) ? { ok: true, value: text } : { ok: false, message: 'is not a valid ЄДРПОУ code (check digit mismatch)' };
    if (text.length === 10) return isValidRnokpp(text) ? { ok: true, value: text } : { ok: false, message: 'is not a valid РНОКПП (check digit mismatch)' };
    return { ok: false, message: 'must be 8 digits (ЄДРПОУ) or 10 digits (РНОКПП)' };
  }
  if (country === 'RU') {
    if (!/^\d+$/.test(text)) return { ok: false, message: 'must contain digits only (ИНН: 10 or 12 digits)' };
    if (text.length !== 10 && text.length !== 12) return { ok: false, message: 'must be 10 or 12 digits (ИНН)' };
    return isValidInn(text) ? { ok: true, value: text } : { ok: false, message: 'is not a valid ИНН (check digit mismatch)' };
  }
  const value = text.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9./-]{1,31}$/.test(value)) return { ok: false, message: 'must be 2 to 32 letters, digits, dots, slashes or hyphens' };
  return { ok: true, value };
}
