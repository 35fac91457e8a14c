import type { I18nService } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import './people.i18n';

/** A user as the API shows it (`GET /users`). */
export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  departmentId: string | null;
  locale: string | null;
  active: boolean;
  createdAt?: string;
}

/** A role of `GET /roles`; plugin roles may bring a `name` (plain or per language). */
export interface Role {
  code: string;
  description?: string;
  name?: unknown;
}

export interface Department {
  id: string;
  name: string;
  headId: string | null;
  parentId: string | null;
  createdAt?: string;
}

export interface Absence {
  id: string;
  userId: string;
  from: string;
  to: string;
  reason: string;
  createdAt?: string;
}

export interface ListOf<T> {
  items: T[];
  nextCursor: string | null;
}

export const BUILT_IN_ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'] as const;

function known(i18n: I18nService, key: string): key is TextKey {
  return i18n.t(key as TextKey) !== key;
}

/** A role in words: the built-in ones translated, a plugin's by its own name, else its code. */
export function roleName(i18n: I18nService, code: string, role?: Role): string {
  const key = `people.role.${code}`;
  if (known(i18n, key)) return i18n.t(key);
  const name = role?.name === undefined ? '' : i18n.localized(role.name);
  return name || code;
}

/** What a role may do, in words: the built-in ones translated, others as the API describes them. */
export function roleDescription(i18n: I18nService, code: string, role?: Role): string {
  const key = `people.roleHint.${code}`;
  if (known(i18n, key)) return i18n.t(key);
  return role?.description ?? '';
}

/** A password a person can retype: 14 characters without look-alikes (0/O, 1/l/I), from the crypto RNG. */
export function generatePassword(length = 14): string {
  const lower = 'abcdefghijkmnopqrstuvwxyz';
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = lower + upper + digits;
  const pick = (set: string, n: number): string[] => {
    const bytes = new Uint32Array(n);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => set[b % set.length]);
  };
  // At least one of each kind, the rest from all of them, shuffled.
  const chars = [...pick(lower, 1), ...pick(upper, 1), ...pick(digits, 1), ...pick(all, Math.max(0, length - 3))];
  const order = new Uint32Array(chars.length);
  globalThis.crypto.getRandomValues(order);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = order[i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** `YYYY-MM-DD` → a date in the current language ("1 груд. 2026 р."); the date is taken as it is, no time zone. */
export function formatDay(lang: string, day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return day;
  try {
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  } catch {
    return day;
  }
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** Today as `YYYY-MM-DD` in the browser's own calendar. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Users by name in the current language's order. */
export function byName(lang: string): (a: { name: string }, b: { name: string }) => number {
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  return (a, b) => collator.compare(a.name, b.name);
}
