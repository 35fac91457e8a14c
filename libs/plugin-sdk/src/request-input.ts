import { ValidationFailedError } from '@portal/core';

/**
 * Reading a plugin's request bodies and queries by hand, so every 400 names its field exactly as the client sent it
 * (`items[1].price`), and lists are paged the same way everywhere (API.md: `limit` ≤ 200, default 50, opaque cursors).
 */

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

export type FieldProblem = { field: string; message: string };

/** Collects problems, then throws them all at once as 400 validation_failed. */
export class Problems {
  readonly list: FieldProblem[] = [];
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

/** The body as an object (absent: empty); anything else is a 400 naming `body`. */
export function body(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw ValidationFailedError.field('body', 'the body must be a JSON object');
  return raw as Record<string, unknown>;
}

/** Unknown keys are refused, as the core's DTOs do (whitelist, forbid unknown); `at` prefixes nested paths. */
export function onlyKeys(b: Record<string, unknown>, allowed: readonly string[], p: Problems, at = ''): void {
  for (const k of Object.keys(b)) if (!allowed.includes(k)) p.add(`${at}${k}`, `${k} is not a known property (expected ${allowed.join(', ')})`);
}

/** A query parameter: absent or empty is undefined; a repeated one counts once (the last). */
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

/** The cursor's values when they have the list's shape; otherwise a problem naming `cursor`. */
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
