/**
 * Tax identifiers of the parties of an invoice, Ukraine and Russia. Pure functions, no I/O.
 *
 * - ЄДРПОУ / EDRPOU (UA legal entities, 8 digits, the 8th a control digit)
 * - РНОКПП / RNOKPP (UA individuals and ФОП, 10 digits, the 10th a control digit)
 * - ИНН / INN (RU: 10 digits for organisations, 12 for individuals and ИП)
 *
 * The check-digit algorithms are the publicly documented ones (the Ukrainian Wikipedia articles «Код ЄДРПОУ» and
 * «РНОКПП», the ФНС rules for ИНН); tax-ids.spec.ts lists the vectors they were checked against.
 */

export type TaxCountry = 'UA' | 'RU';
export type TaxKind = 'legal' | 'individual';
/** Which identifier a valid value turned out to be. */
export type TaxIdType = 'UA_EDRPOU' | 'UA_RNOKPP' | 'RU_INN_LEGAL' | 'RU_INN_INDIVIDUAL';

export type TaxIdResult =
  | { ok: true; normalized: string; type: TaxIdType }
  | { ok: false; field: 'taxId'; message: string };

const ALL_WHITESPACE = /\s+/g;

/** Strips every whitespace (spaces, tabs, NBSP) — people paste "1436 0570" or "77 07 083893". */
export function normalizeDigits(value: string): string {
  return value.replace(ALL_WHITESPACE, '');
}

function digitsOf(code: string): number[] {
  return Array.from(code, (c) => c.charCodeAt(0) - 48);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
  return sum;
}

/** Non-negative remainder (JS `%` keeps the sign of the dividend; the РНОКПП sum can be negative). */
function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

const isDigits = (s: string, n: number): boolean => s.length === n && /^\d+$/.test(s);

// ───────────────────────── ЄДРПОУ ─────────────────────────

const EDRPOU_BASE = [1, 2, 3, 4, 5, 6, 7] as const;
const EDRPOU_ALT = [7, 1, 2, 3, 4, 5, 6] as const;

/**
 * The control digit of an ЄДРПОУ code (8 digits; only the first 7 are read).
 *
 * 1. Weights: 1,2,3,4,5,6,7 when the code is < 30 000 000 or > 60 000 000, otherwise 7,1,2,3,4,5,6.
 * 2. Remainder of the weighted sum of the first 7 digits by 11.
 * 3. If it is 10, repeat with every weight + 2 (3..9, or 9,3,4,5,6,7,8); a remainder of 10 again gives 0.
 *
 * The range test uses the whole 8-digit number, as the published description does (the control digit cannot
 * move a code across 30 000 000 or 60 000 000, except 60 000 000 itself, which is invalid either way).
 */
export function edrpouControlDigit(code: string): number {
  const d = digitsOf(code);
  const n = Number(code);
  const base = n < 30_000_000 || n > 60_000_000 ? EDRPOU_BASE : EDRPOU_ALT;
  const r = weightedSum(d, base) % 11;
  if (r < 10) return r;
  return (weightedSum(d, base.map((w) => w + 2)) % 11) % 10;
}

export function isValidEdrpou(value: string): boolean {
  const code = normalizeDigits(value);
  return isDigits(code, 8) && !/^0+$/.test(code) && edrpouControlDigit(code) === digitsOf(code)[7];
}

// ───────────────────────── РНОКПП ─────────────────────────

const RNOKPP_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;

/** The 10th digit of a РНОКПП: (Σ dᵢ·wᵢ over the first 9 digits, w = -1,5,7,9,4,6,10,5,7) mod 11 mod 10. */
export function rnokppControlDigit(code: string): number {
  return mod(weightedSum(digitsOf(code), RNOKPP_WEIGHTS), 11) % 10;
}

export function isValidRnokpp(value: string): boolean {
  const code = normalizeDigits(value);
  return isDigits(code, 10) && !/^0+$/.test(code) && rnokppControlDigit(code) === digitsOf(code)[9];
}

/**
 * What a РНОКПП tells about its holder (informational only — never a validation rule):
 * digits 1–5 are the number of days since 31.12.1899 to the birth date, the 9th digit is odd for men and even
 * for women. Returns null when the value is not a valid РНОКПП.
 */
export function decodeRnokpp(value: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const code = normalizeDigits(value);
  if (!isValidRnokpp(code)) return null;
  const days = Number(code.slice(0, 5));
  const birth = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return { birthDate: birth.toISOString().slice(0, 10), sex: digitsOf(code)[8] % 2 === 1 ? 'male' : 'female' };
}

// ───────────────────────── ИНН ─────────────────────────

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

/** The 10th digit of an organisation's ИНН: Σ dᵢ·wᵢ (w = 2,4,10,3,5,9,4,6,8) mod 11 mod 10. */
export function innLegalControlDigit(code: string): number {
  return (weightedSum(digitsOf(code), INN10_WEIGHTS) % 11) % 10;
}

/**
 * The 11th and 12th digits of an individual's ИНН: the 11th over digits 1–10 with 7,2,4,10,3,5,9,4,6,8, the
 * 12th over digits 1–11 (including the 11th) with 3,7,2,4,10,3,5,9,4,6,8; each mod 11 mod 10.
 */
export function innIndividualControlDigits(code: string): [number, number] {
  const d = digitsOf(code);
  const c11 = (weightedSum(d, INN12_WEIGHTS_11) % 11) % 10;
  const c12 = (weightedSum([...d.slice(0, 10), c11], INN12_WEIGHTS_12) % 11) % 10;
  return [c11, c12];
}

export function isValidInnLegal(value: string): boolean {
  const code = normalizeDigits(value);
  return isDigits(code, 10) && !/^0+$/.test(code) && innLegalControlDigit(code) === digitsOf(code)[9];
}

export function isValidInnIndividual(value: string): boolean {
  const code = normalizeDigits(value);
  if (!isDigits(code, 12) || /^0+$/.test(code)) return false;
  const [c11, c12] = innIndividualControlDigits(code);
  const d = digitsOf(code);
  return c11 === d[10] && c12 === d[11];
}

// ───────────────────────── the API entry point ─────────────────────────

interface Spec {
  type: TaxIdType;
  length: number;
  name: string;
  holder: string;
  valid: (code: string) => boolean;
}

const SPECS: Record<TaxCountry, Record<TaxKind, Spec>> = {
  UA: {
    legal: { type: 'UA_EDRPOU', length: 8, name: 'EDRPOU (ЄДРПОУ) code', holder: 'a Ukrainian legal entity', valid: isValidEdrpou },
    individual: {
      type: 'UA_RNOKPP',
      length: 10,
      name: 'RNOKPP (РНОКПП) number',
      holder: 'a Ukrainian individual or sole proprietor (ФОП)',
      valid: isValidRnokpp,
    },
  },
  RU: {
    legal: { type: 'RU_INN_LEGAL', length: 10, name: 'INN (ИНН)', holder: 'a Russian organisation', valid: isValidInnLegal },
    individual: {
      type: 'RU_INN_INDIVIDUAL',
      length: 12,
      name: 'INN (ИНН)',
      holder: 'a Russian individual or sole proprietor (ИП)',
      valid: isValidInnIndividual,
    },
  },
};

const fail = (message: string): TaxIdResult => ({ ok: false, field: 'taxId', message });

/**
 * Validates and normalizes a tax id (whitespace stripped). When `kind` is undefined it is inferred from the
 * length (UA: 8 → legal, 10 → individual; RU: 10 → legal, 12 → individual). Failure messages are English and
 * name the field `taxId`, ready to be a 400 detail.
 *
 * Not accepted (deliberately): the Ukrainian passport number used instead of a РНОКПП by people who refused one
 * for religious reasons, the 12-digit Ukrainian VAT number (ІПН платника ПДВ), foreign tax ids.
 */
export function validateTaxId(country: TaxCountry, kind: TaxKind | undefined, value: string): TaxIdResult {
  if (country !== 'UA' && country !== 'RU') return fail(`taxId cannot be checked: unsupported country "${String(country)}" (expected UA or RU)`);
  if (kind !== undefined && kind !== 'legal' && kind !== 'individual') {
    return fail(`taxId cannot be checked: unknown kind "${String(kind)}" (expected legal or individual)`);
  }
  if (typeof value !== 'string') return fail('taxId must be a string of digits');
  const code = normalizeDigits(value);
  if (code === '') return fail('taxId is empty');
  if (!/^\d+$/.test(code)) return fail('taxId must contain only digits (spaces are allowed and ignored)');

  let spec: Spec;
  if (kind !== undefined) {
    spec = SPECS[country][kind];
  } else {
    const found = (Object.values(SPECS[country]) as Spec[]).find((s) => s.length === code.length);
    if (!found) {
      const { legal, individual } = SPECS[country];
      return fail(
        `taxId has ${code.length} digits; expected ${legal.length} (${legal.name} of ${legal.holder}) ` +
          `or ${individual.length} (${individual.name} of ${individual.holder})`,
      );
    }
    spec = found;
  }

  if (code.length !== spec.length) {
    return fail(`taxId must be a ${spec.length}-digit ${spec.name} for ${spec.holder}; got ${code.length} digits`);
  }
  if (/^0+$/.test(code)) return fail(`taxId cannot be all zeros`);
  if (!spec.valid(code)) return fail(`taxId is not a valid ${spec.name}: the control digit does not match (check for a typo)`);
  return { ok: true, normalized: code, type: spec.type };
}
