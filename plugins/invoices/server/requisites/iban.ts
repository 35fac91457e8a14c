/**
 * IBAN (ISO 13616) validation: normalization, per-country length, the mod-97 check, and the Ukrainian structure.
 * Pure functions, no I/O.
 */

/**
 * IBAN lengths from the SWIFT IBAN registry for the countries our customers deal with (Ukraine, its neighbours,
 * the EU/EEA, the UK and the usual trade partners). A country missing here is still accepted when its length is
 * within ISO 13616's 15..34 and the check digits are right — an invoice may name any foreign bank.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BY: 28, CH: 21, CY: 28, CZ: 24,
  DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GE: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22,
  IL: 23, IS: 26, IT: 27, KZ: 20, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MT: 31,
  NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, RS: 22, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29,
  XK: 20,
};

export const IBAN_MIN_LENGTH = 15;
export const IBAN_MAX_LENGTH = 34;

export type IbanResult =
  | {
      ok: true;
      /** Upper case, no spaces: "UA213223130000026007233566001". */
      normalized: string;
      /** Groups of four for print: "UA21 3223 1300 0002 6007 2335 6600 1". */
      formatted: string;
      country: string;
      /** The Ukrainian parts, present for UA IBANs only. */
      ua?: UaIbanParts;
    }
  | { ok: false; field: 'iban'; message: string };

export interface UaIbanParts {
  /** 6-digit bank code (МФО). */
  mfo: string;
  /** 19-digit account number, zero-padded on the left as the IBAN carries it. */
  account: string;
}

/** Strips every whitespace and upper-cases: " ua21 3223 …" → "UA213223…". */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** "UA213223130000026007233566001" → "UA21 3223 1300 0002 6007 2335 6600 1". */
export function formatIban(value: string): string {
  return normalizeIban(value).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The remainder by 97 of the number an alphanumeric string stands for once letters become numbers
 * (A=10 … Z=35), computed digit by digit so it never leaves the safe integer range.
 */
export function mod97(alnum: string): number {
  let r = 0;
  for (const ch of alnum) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else throw new Error(`mod97: not an upper-case alphanumeric character: "${ch}"`);
  }
  return r;
}

/** ISO 13616 check: move the first four characters to the end; the number must leave remainder 1 by 97. */
export function hasValidIbanChecksum(normalized: string): boolean {
  return mod97(normalized.slice(4) + normalized.slice(0, 4)) === 1;
}

/** The two check digits for a country and BBAN: 98 − (BBAN + country + "00") mod 97, zero-padded. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(normalizeIban(bban) + country.toUpperCase() + '00')).padStart(2, '0');
}

/** The МФО and account of a (normalized, structurally valid) Ukrainian IBAN: UA kk bbbbbb aaaaaaaaaaaaaaaaaaa. */
export function parseUaIban(normalized: string): UaIbanParts | null {
  const m = /^UA\d{2}(\d{6})(\d{19})$/.exec(normalized);
  return m ? { mfo: m[1], account: m[2] } : null;
}

const fail = (message: string): IbanResult => ({ ok: false, field: 'iban', message });

export function validateIban(value: string): IbanResult {
  if (typeof value !== 'string') return fail('iban must be a string');
  const iban = normalizeIban(value);
  if (iban === '') return fail('iban is empty');
  if (!/^[A-Z0-9]+$/.test(iban)) return fail('iban may contain only Latin letters and digits (spaces are ignored)');
  if (!/^[A-Z]{2}\d{2}/.test(iban)) {
    return fail('iban must start with a two-letter country code and two check digits, e.g. "UA21…"');
  }
  const country = iban.slice(0, 2);
  // 98 − (n mod 97) is always 02..98; "00", "01" and "99" alias valid values modulo 97 but are never issued.
  if (['00', '01', '99'].includes(iban.slice(2, 4))) return fail('iban check digits must be between 02 and 98');
  const expected = IBAN_LENGTHS[country];
  if (expected !== undefined && iban.length !== expected) {
    return fail(`iban for ${country} must have ${expected} characters; got ${iban.length}`);
  }
  if (expected === undefined && (iban.length < IBAN_MIN_LENGTH || iban.length > IBAN_MAX_LENGTH)) {
    return fail(`iban must have ${IBAN_MIN_LENGTH} to ${IBAN_MAX_LENGTH} characters; got ${iban.length}`);
  }
  let ua: UaIbanParts | undefined;
  if (country === 'UA') {
    const parts = parseUaIban(iban);
    if (!parts) return fail('iban for UA must be "UA", 2 check digits, a 6-digit bank code (МФО) and a 19-digit account, all digits');
    ua = parts;
  }
  if (!hasValidIbanChecksum(iban)) return fail('iban check digits do not match (check for a typo)');
  return { ok: true, normalized: iban, formatted: formatIban(iban), country, ...(ua ? { ua } : {}) };
}
