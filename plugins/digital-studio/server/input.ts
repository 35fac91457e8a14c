import { isUuid, type Problems } from '@portal/plugin-sdk';

// The request-reading helpers every plugin shares live in the SDK; these are this plugin's own.
export { Problems, UUID_RE, body, decodeCursor, encodeCursor, isUuid, onlyKeys, parseLimit, queryParam } from '@portal/plugin-sdk';
export type { FieldProblem as Problem } from '@portal/plugin-sdk';

/** Reading request bodies and queries by hand, so every 400 names its field exactly as the client sent it. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

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

