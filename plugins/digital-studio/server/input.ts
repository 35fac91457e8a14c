import { ValidationFailedError } from '@portal/plugin-sdk';

/** Reading request bodies and queries by hand, so every 400 names its field exactly as the client sent it. */

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export type Problem = { field: string; message: string };

/** Collects problems, then throws them all at once as 400 validation_failed. */
export class Problems {
  readonly list: Problem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  throwIfAny(): void {
    if (this.list.length) throw new ValidationFailedError(this.list);
  }
}

export function body(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw ValidationFailedError.field('body', 'the body must be a JSON object');
  return raw as Record<string, unknown>;
}

/** Unknown keys are refused, as the core's DTOs do (whitelist, forbid unknown). */
export function onlyKeys(b: Record<string, unknown>, allowed: string[], p: Problems): void {
  for (const k of Object.keys(b)) if (!allowed.includes(k)) p.add(k, `${k} is not a known property (expected ${allowed.join(', ')})`);
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

export function isRealDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function isDateTime(text: unknown): text is string {
  return typeof text === 'string' && DATETIME_RE.test(text) && !Number.isNaN(Date.parse(text));
}

export function optionalUuid(b: Record<string, unknown>, key: string, p: Problems, what: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!isUuid(v)) p.add(key, `must be ${what} id (a UUID)`);
  return isUuid(v) ? v : undefined;
}

export function optionalText(b: Record<string, unknown>, key: string, max: number, p: Problems): string | null | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'string') {
    p.add(key, 'must be a string');
    return undefined;
  }
  if (v.length > max) p.add(key, `must be at most ${max} characters`);
  if (v.includes('\u0000')) p.add(key, 'must not contain NUL characters');
  return v.trim() || null;
}

/** A query parameter: absent or empty is undefined. */
export function queryParam(v: unknown): string | undefined {
  if (Array.isArray(v)) v = v[v.length - 1];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function parseLimit(raw: unknown, p: Problems, def = 50, max = 200): number {
  const v = queryParam(raw);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    p.add('limit', `must be an integer from 1 to ${max}`);
    return def;
  }
  return n;
}

/** Opaque keyset cursors: base64url of a JSON array of the sort key values. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(raw: unknown, p: Problems, shape: (v: unknown[]) => boolean): unknown[] | null {
  const v = queryParam(raw);
  if (v === undefined) return null;
  try {
    const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && shape(parsed)) return parsed;
  } catch {
    /* falls through */
  }
  p.add('cursor', 'is not a cursor returned by this list');
  return null;
}
