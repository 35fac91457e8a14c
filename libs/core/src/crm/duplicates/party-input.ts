import { isEmail, isURL } from 'class-validator';
import type { CountryCode } from 'libphonenumber-js';
import { ValidationFailedError } from '../../common/errors';
import { normalizeEmail, normalizePhone } from '../../common/phone';

/**
 * The input contacts and companies share (name, e-mails, phones, tags …), normalised the one way the
 * duplicate finder compares them: e-mails trimmed and lower-cased, phones in E.164 read in the portal's
 * country. Every problem is collected and named by its field (`emails[1]`), then thrown together.
 */
export const MAX_EMAILS = 20;
export const MAX_PHONES = 20;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

export class InputProblems {
  readonly list: { field: string; message: string }[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  throwIfAny(): void {
    if (this.any) throw new ValidationFailedError(this.list);
  }
}

/** A required single-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(raw: unknown, field: string, max: number, problems: InputProblems): string {
  if (typeof raw !== 'string') {
    problems.add(field, `${field} must be a string`);
    return '';
  }
  const text = raw.trim();
  if (!text) problems.add(field, `${field} must not be empty`);
  else if (text.length > max) problems.add(field, `${field} must be at most ${max} characters`);
  return text;
}

/** An optional text: trimmed; null, '' and blanks clear it. */
export function optionalText(raw: unknown, field: string, max: number, problems: InputProblems): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') {
    problems.add(field, `${field} must be a string or null`);
    return null;
  }
  const text = raw.trim();
  if (text.length > max) problems.add(field, `${field} must be at most ${max} characters`);
  return text || null;
}

function listOf(raw: unknown, field: string, max: number, problems: InputProblems): unknown[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(field, `${field} must be an array`);
    return [];
  }
  if (raw.length > max) problems.add(field, `${field} must hold at most ${max} items`);
  return raw;
}

/** E-mails trimmed, lower-cased, valid, each once. */
export function normalizeEmails(raw: unknown, problems: InputProblems, field = 'emails'): string[] {
  const out: string[] = [];
  listOf(raw, field, MAX_EMAILS, problems).forEach((item, i) => {
    if (typeof item !== 'string') return problems.add(`${field}[${i}]`, 'an e-mail must be a string');
    const email = normalizeEmail(item);
    if (!email || email.length > MAX_EMAIL_LENGTH || !isEmail(email)) return problems.add(`${field}[${i}]`, `"${item}" is not a valid e-mail address`);
    if (!out.includes(email)) out.push(email);
  });
  return out;
}

/** Phones in E.164; a national number is read in the portal's country. Each once. */
export function normalizePhones(raw: unknown, country: CountryCode, problems: InputProblems, field = 'phones'): string[] {
  const out: string[] = [];
  listOf(raw, field, MAX_PHONES, problems).forEach((item, i) => {
    if (typeof item !== 'string') return problems.add(`${field}[${i}]`, 'a phone must be a string');
    const phone = normalizePhone(item, country);
    if (!phone) return problems.add(`${field}[${i}]`, `"${item}" is not a valid phone number`);
    if (!out.includes(phone)) out.push(phone);
  });
  return out;
}

/** Tags trimmed, inner whitespace collapsed, each once case-insensitively (the first spelling wins). */
export function normalizeTags(raw: unknown, problems: InputProblems, field = 'tags'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  listOf(raw, field, 1000, problems).forEach((item, i) => {
    if (typeof item !== 'string') return problems.add(`${field}[${i}]`, 'a tag must be a string');
    const tag = item.trim().replace(/\s+/g, ' ');
    if (!tag) return problems.add(`${field}[${i}]`, 'a tag must not be empty');
    if (tag.length > MAX_TAG_LENGTH) return problems.add(`${field}[${i}]`, `a tag is at most ${MAX_TAG_LENGTH} characters`);
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(tag);
  });
  if (out.length > MAX_TAGS) problems.add(field, `at most ${MAX_TAGS} tags`);
  return out;
}

/** A web address: http(s) with a domain; "example.com" is accepted as written. */
export function normalizeWeb(raw: unknown, problems: InputProblems, field = 'web'): string | null {
  const text = optionalText(raw, field, 500, problems);
  if (text === null) return null;
  if (!isURL(text, { protocols: ['http', 'https'], require_tld: true, require_protocol: false })) {
    problems.add(field, `"${text}" is not a web address`);
  }
  return text;
}

/** The names of the keys whose values differ (arrays and objects compared by their JSON). */
export function changedKeys<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): (keyof T)[] {
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** The codes of custom fields a change touched (set, changed or cleared). */
export function changedFieldCodes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const codes = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...codes].filter((c) => JSON.stringify(before?.[c] ?? null) !== JSON.stringify(after?.[c] ?? null)).sort();
}

/** Values present in `next` but not in `prev`: only newly introduced e-mails/phones are checked for duplicates. */
export function added<T>(prev: readonly T[], next: readonly T[]): T[] {
  return next.filter((v) => !prev.includes(v));
}
