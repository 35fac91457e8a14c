import type { Problems } from '@portal/plugin-sdk';

// The request-reading helpers every plugin shares live in the SDK; these are this plugin's own.
export { Problems, UUID_RE, body, decodeCursor, encodeCursor, isUuid, onlyKeys, parseLimit, queryParam } from '@portal/plugin-sdk';
export type { FieldProblem as Problem } from '@portal/plugin-sdk';

/** Reading request bodies and queries by hand, so every 400 names its field exactly as the client sent it. */

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

