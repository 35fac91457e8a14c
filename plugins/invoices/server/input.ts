import { ValidationFailedError } from '@portal/plugin-sdk';

/** Reading request bodies and queries by hand, so every 400 names its field exactly as the client sent it. */

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Problem = { field: string; message: string };

/** Collects problems, then throws them all at once as 400 validation_failed. */
export class Problems {
  readonly list: Problem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  has(field: string): boolean {
    return this.list.some((p) => p.field === field);
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
export function onlyKeys(b: Record<string, unknown>, allowed: readonly string[], p: Problems, at = ''): void {
  for (const k of Object.keys(b)) if (!allowed.includes(k)) p.add(`${at}${k}`, `${k} is not a known property (expected ${allowed.join(', ')})`);
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

// Control characters have no place in requisites or line names (tabs and newlines are refused too: one line each).
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/**
 * A text field: undefined when absent, null when null or blank; a problem when not a string, too long or holding
 * control characters. `required` turns absent/blank into a problem.
 */
export function text(b: Record<string, unknown>, key: string, max: number, p: Problems, opts: { required?: boolean; field?: string } = {}): string | null | undefined {
  const field = opts.field ?? key;
  const v = b[key];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (opts.required) p.add(field, 'is required');
    return v === undefined ? undefined : null;
  }
  if (typeof v !== 'string') {
    p.add(field, 'must be a string');
    return undefined;
  }
  const t = v.trim();
  if (t.length > max) p.add(field, `must be at most ${max} characters`);
  else if (CONTROL_RE.test(t)) p.add(field, 'must not contain control characters');
  return t;
}

export function bool(b: Record<string, unknown>, key: string, p: Problems): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    p.add(key, 'must be true or false');
    return undefined;
  }
  return v;
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
