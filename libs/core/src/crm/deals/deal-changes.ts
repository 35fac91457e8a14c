import type { StageRuleSubject } from './stage-rules';

/** What field.changed events and the timeline compare: the deal's editable state. */
export interface DealState extends StageRuleSubject {
  contactIds: string[];
  currency: string;
  tags: string[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Built-in properties reported by name; custom fields by their code. */
const BUILT_INS = ['title', 'budget', 'currency', 'responsibleId', 'companyId', 'contactIds', 'tags', 'lostReason'] as const;

/** JSON with object keys sorted, so that equal values compare equal whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const same = (a: unknown, b: unknown) => stableJson(a ?? null) === stableJson(b ?? null);

/** Same elements in the same order. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Every property that differs between two states of a deal, built-ins first, then custom fields by code. */
export function diffDeal(before: DealState, after: DealState): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of BUILT_INS) {
    if (!same(before[field], after[field])) changes.push({ field, from: before[field] ?? null, to: after[field] ?? null });
  }
  const codes = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort();
  for (const code of codes) {
    if (!same(before.fields[code], after.fields[code])) changes.push({ field: code, from: before.fields[code] ?? null, to: after.fields[code] ?? null });
  }
  return changes;
}
