import type { CountryCode } from 'libphonenumber-js';
import { formatMoney, parseMoney } from '../../common/money';
import { normalizePhone } from '../../common/phone';
import { isUuid } from '../../common/uuid';

/** What a value is checked against: a field or a member of a group. */
export interface ValueDef {
  code: string;
  type: string;
  options?: string[] | null;
  required?: boolean;
  repeatable?: boolean;
  fields?: ValueDef[] | null;
}

export interface ValueProblem {
  field: string;
  message: string;
}

/** A type a plugin contributes, as values see it: checked as its base type first, then by the plugin. */
export interface PluginValueType {
  base: string;
  validate?(value: unknown): string | null;
}

/** Looks a plugin's type up by name; undefined when no plugin of this build brings it. */
export type PluginValueTypes = (type: string) => PluginValueType | undefined;

/** References that need the database: checked in one batch after the pure pass. */
export interface PendingRefs {
  users: { id: string; path: string }[];
  files: { id: string; path: string }[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.some(isFilled);
  if (typeof value === 'object') return Object.values(value as object).some(isFilled);
  return true;
}

function isRealDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * Normalises one non-null value of a scalar type, or reports why it is not acceptable. Pure: references to
 * users and files are only collected, and plugins' types are looked up in `pluginTypes`.
 */
export function normalizeScalar(
  def: ValueDef,
  value: unknown,
  path: string,
  country: CountryCode,
  problems: ValueProblem[],
  refs: PendingRefs,
  pluginTypes: PluginValueTypes = () => undefined,
): unknown {
  const bad = (message: string) => {
    problems.push({ field: path, message });
    return undefined;
  };
  switch (def.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return bad('must be a string');
      const max = def.type === 'string' ? 1000 : 100000;
      if (value.length > max) return bad(`must be at most ${max} characters`);
      return value;
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad('must be a number');
      return n;
    }
    case 'money': {
      const m = parseMoney(value);
      if (!m) return bad('must be an amount of money with at most two decimals, e.g. "1500.00"');
      return formatMoney(m);
    }
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) return bad('must be a date YYYY-MM-DD');
      return value;
    case 'datetime': {
      if (typeof value !== 'string' || !DATETIME_RE.test(value) || Number.isNaN(Date.parse(value))) return bad('must be an ISO 8601 date-time with offset');
      return new Date(value).toISOString();
    }
    case 'boolean':
      if (typeof value !== 'boolean') return bad('must be true or false');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !(def.options ?? []).includes(value)) return bad(`must be one of: ${(def.options ?? []).join(', ')}`);
      return value;
    case 'multienum': {
      if (!Array.isArray(value)) return bad('must be an array of options');
      const unknown = value.find((v) => typeof v !== 'string' || !(def.options ?? []).includes(v));
      if (unknown !== undefined) return bad(`"${String(unknown)}" is not one of: ${(def.options ?? []).join(', ')}`);
      return [...new Set(value as string[])];
    }
    case 'user':
      if (!isUuid(value)) return bad('must be a user id');
      refs.users.push({ id: value, path });
      return value;
    case 'file':
      if (!isUuid(value)) return bad('must be a file id');
      refs.files.push({ id: value, path });
      return value;
    case 'url': {
      if (typeof value !== 'string') return bad('must be a URL');
      try {
        const u = new URL(value.trim());
        if (u.protocol !== 'http:' && u.protocol !== 'https:') return bad('must be an http(s) URL');
        return u.toString();
      } catch {
        return bad('must be a URL');
      }
    }
    case 'phone': {
      const p = typeof value === 'string' ? normalizePhone(value, country) : null;
      if (!p) return bad('must be a phone number');
      return p;
    }
    case 'email': {
      if (typeof value !== 'string' || !EMAIL_RE.test(value.trim()) || value.length > 320) return bad('must be an e-mail address');
      return value.trim().toLowerCase();
    }
    default: {
      const plugin = pluginTypes(def.type);
      // A type whose plugin this build does not ship: stored as given.
      if (!plugin) return value;
      const before = problems.length;
      const normalized = normalizeScalar({ ...def, type: plugin.base }, value, path, country, problems, refs);
      if (problems.length > before) return undefined;
      const message = plugin.validate?.(normalized) ?? null;
      return message ? bad(message) : normalized;
    }
  }
}

/** A group's value: an object of member values, or an array of them when repeatable. */
export function normalizeGroup(
  def: ValueDef,
  value: unknown,
  path: string,
  country: CountryCode,
  problems: ValueProblem[],
  refs: PendingRefs,
  pluginTypes: PluginValueTypes = () => undefined,
): unknown {
  const members = def.fields ?? [];
  const one = (item: unknown, at: string): Record<string, unknown> | undefined => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field: at, message: 'must be an object of the group fields' });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      if (!members.some((m) => m.code === key)) problems.push({ field: `${at}.${key}`, message: 'is not a field of this group' });
    }
    for (const m of members) {
      const v = (item as Record<string, unknown>)[m.code];
      if (v === null || v === undefined || v === '') {
        if (m.required) problems.push({ field: `${at}.${m.code}`, message: 'is required' });
        continue;
      }
      const n = normalizeScalar(m, v, `${at}.${m.code}`, country, problems, refs, pluginTypes);
      if (n !== undefined) out[m.code] = n;
    }
    return out;
  };
  if (def.repeatable) {
    if (!Array.isArray(value)) {
      problems.push({ field: path, message: 'must be an array of group objects' });
      return undefined;
    }
    if (value.length > 200) {
      problems.push({ field: path, message: 'must have at most 200 entries' });
      return undefined;
    }
    return value.map((item, i) => one(item, `${path}[${i}]`));
  }
  return one(value, path);
}
