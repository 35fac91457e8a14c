import Decimal from 'decimal.js';

/** Money is a decimal with two places; never a float. Inputs may be numbers or strings. */
export type MoneyInput = string | number;

const MONEY_RE = /^-?\d{1,12}(\.\d{1,2})?$/;
const MAX = new Decimal('999999999999.99');

export function parseMoney(value: unknown): Decimal | null {
  if (value === null || value === undefined || value === '') return null;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim().replace(',', '.');
  } else return null;
  if (!MONEY_RE.test(text)) return null;
  const d = new Decimal(text);
  if (d.abs().gt(MAX)) return null;
  return d;
}

export function isMoney(value: unknown): boolean {
  return parseMoney(value) !== null;
}

/** Formats for the API and the database: always two places. */
export function formatMoney(value: Decimal | string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toFixed(2);
}

export { Decimal };
