import { Problems, onlyKeys as sdkOnlyKeys, queryParam } from '@portal/plugin-sdk';
import { isUuid } from './sql';

/**
 * Reading request bodies and queries by hand, so every 400 names its field by its path (`lessons[1].title`): the
 * SDK's helpers (Problems, body, queryParam, parseLimit) plus the typed readers and offset cursors this plugin needs.
 */
export { Problems, body, parseLimit, queryParam } from '@portal/plugin-sdk';

export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** `a.b`, `a[1]`: the path of a nested field. */
export const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Unknown keys are refused, as the core's DTOs do (whitelist, forbid unknown); `path` names the object. */
export function onlyKeys(b: Obj, allowed: readonly string[], p: Problems, path = ''): void {
  sdkOnlyKeys(b, allowed, p, path ? `${path}.` : '');
}

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL_RE = /[\u0000-\u001f\u007f]/;

/**
 * A text: undefined when absent, null when null; a problem when not a string, blank while required, too long, or
 * holding control characters (`multiline` allows tabs and newlines). Trimmed.
 */
export function text(v: unknown, field: string, max: number, p: Problems, opts: { required?: boolean; multiline?: boolean; min?: number } = {}): string | null | undefined {
  if (v === undefined || v === null) {
    if (opts.required) p.add(field, 'is required');
    return v as undefined | null;
  }
  if (typeof v !== 'string') {
    p.add(field, 'must be a string');
    return undefined;
  }
  const t = v.trim();
  if (opts.required && t === '') p.add(field, 'must not be empty');
  else if (t.length > max) p.add(field, `must be at most ${max} characters`);
  else if ((opts.multiline ? CONTROL_RE : LINE_CONTROL_RE).test(t)) p.add(field, 'must not contain control characters');
  return t;
}

export function bool(v: unknown, field: string, p: Problems): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    p.add(field, 'must be true or false');
    return undefined;
  }
  return v;
}

/** A whole number in [min, max]; undefined when absent, null when null (`nullable`). */
export function int(v: unknown, field: string, min: number, max: number, p: Problems, opts: { nullable?: boolean } = {}): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) {
    if (!opts.nullable) p.add(field, 'must not be null');
    return null;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    p.add(field, `must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  if (v < min || v > max) {
    p.add(field, `must be from ${min} to ${max}`);
    return undefined;
  }
  return v;
}

/** An array (absent → undefined) of at most `max` items. */
export function list(v: unknown, field: string, max: number, p: Problems, opts: { required?: boolean; min?: number } = {}): unknown[] | undefined {
  if (v === undefined || v === null) {
    if (opts.required) p.add(field, 'is required');
    return undefined;
  }
  if (!Array.isArray(v)) {
    p.add(field, 'must be an array');
    return undefined;
  }
  if (v.length > max) p.add(field, `must have at most ${max} items`);
  else if (opts.min !== undefined && v.length < opts.min) p.add(field, `must have at least ${opts.min} item${opts.min === 1 ? '' : 's'}`);
  return v;
}

/** An http(s) URL of at most 2000 characters. */
export function url(v: unknown, field: string, p: Problems, opts: { required?: boolean } = {}): string | null | undefined {
  const t = text(v, field, 2000, p, { required: opts.required });
  if (!t) return t === '' ? null : t;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    p.add(field, 'must be an http(s) URL');
    return undefined;
  }
  return t;
}

export function optionalUuid(v: unknown, field: string, p: Problems, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isUuid(v)) {
    p.add(field, `must be ${what} id (a UUID)`);
    return undefined;
  }
  return v.toLowerCase();
}

export function queryBool(raw: unknown, field: string, p: Problems): boolean | undefined {
  const v = queryParam(raw);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') {
    p.add(field, 'must be true or false');
    return undefined;
  }
  return v === 'true';
}

/** Opaque list cursors: the offset of the next page (lists here are sorted by computed keys, e.g. rank or overdue). */
export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeOffset(raw: unknown, p: Problems): number {
  const v = queryParam(raw);
  if (v === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (isObject(parsed) && Number.isInteger(parsed['o']) && (parsed['o'] as number) >= 0) return parsed['o'] as number;
  } catch {
    /* falls through */
  }
  p.add('cursor', 'is not a cursor returned by this list');
  return 0;
}

/** A page of `limit` rows out of `rows` fetched with `limit + 1`. */
export function pageOf<T>(rows: T[], limit: number, offset: number): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, nextCursor: more ? encodeOffset(offset + limit) : null };
}

/** An ISO 8601 timestamp with an offset (or Z). */
export function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v));
}

/** A calendar date YYYY-MM-DD that exists. */
export function isRealDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
