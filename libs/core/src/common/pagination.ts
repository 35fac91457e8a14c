import { ValidationFailedError } from './errors';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function parseLimit(raw: unknown, def = 50): number {
  if (raw === undefined || raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw ValidationFailedError.field('limit', 'must be an integer from 1 to 200');
  return n;
}

/** Keyset cursor over (created_at desc, id desc). Opaque to clients. */
export interface Keyset {
  at: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.at, k.id])).toString('base64url');
}

export function decodeCursor(raw: unknown): Keyset | null {
  if (raw === undefined || raw === null || raw === '') return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new Error();
    return { at, id };
  } catch {
    throw ValidationFailedError.field('cursor', 'is not a cursor returned by this list');
  }
}

export function pageOf<T, R extends { createdAt: Date; id: string }>(rows: R[], limit: number, view: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return {
    items: slice.map(view),
    nextCursor: more && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
