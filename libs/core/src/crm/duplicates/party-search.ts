import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../../common/phone';

/**
 * The `q` of the contact and company lists: a part of the name or of an e-mail, a phone in any format
 * (normalised like a saved one, so "067 123 45 67" finds +380671234567, and a run of digits matches
 * inside a number), or — for companies — the tax id.
 */
export function searchCondition(alias: string, q: string, country: CountryCode, opts: { taxId: boolean }): { sql: string; params: Record<string, unknown> } {
  const text = q.trim();
  const params: Record<string, unknown> = { qLike: `%${escapeLike(text)}%` };
  const any = [`${alias}.name ILIKE :qLike`, `array_to_string(${alias}.emails, ' ') ILIKE :qLike`];
  const phone = normalizePhone(text, country);
  if (phone) {
    any.push(`${alias}.phones @> ARRAY[:qPhone]::text[]`);
    params['qPhone'] = phone;
  }
  const digits = text.replace(/\D/g, '');
  if (/^[\d\s()+\-.]+$/.test(text) && digits.length >= 5) {
    any.push(`array_to_string(${alias}.phones, ' ') LIKE :qDigits`);
    params['qDigits'] = `%${digits}%`;
  }
  if (opts.taxId) {
    const compact = text.replace(/\s+/g, '').toUpperCase();
    if (compact) {
      any.push(`${alias}.tax_id = :qTax`);
      params['qTax'] = compact;
    }
  }
  return { sql: `(${any.join(' OR ')})`, params };
}

/** `%`, `_` and `\` typed by a user are literal characters, not patterns. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
