/**
 * Which existing records share an e-mail, a phone or a tax id with the one being saved. The values are
 * already normalised (party-input.ts, tax-id.ts), so a match is plain equality.
 */
export type DuplicateEntity = 'contact' | 'company';
export type DuplicateMatchKind = 'email' | 'phone' | 'taxId';

export const DUPLICATE_ENTITIES: readonly DuplicateEntity[] = ['contact', 'company'];

export interface DuplicateKeys {
  emails: readonly string[];
  phones: readonly string[];
  /** Companies only. */
  taxId?: string | null;
}

export interface DuplicateCandidate {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  taxId?: string | null;
}

export interface DuplicateMatch {
  id: string;
  entity: DuplicateEntity;
  name: string;
  match: DuplicateMatchKind;
  value: string;
}

export function hasKeys(keys: DuplicateKeys): boolean {
  return keys.emails.length > 0 || keys.phones.length > 0 || !!keys.taxId;
}

/** One match per (record, shared value), in the order of the candidates, then tax id, e-mails, phones. */
export function matchesOf(entity: DuplicateEntity, candidates: readonly DuplicateCandidate[], keys: DuplicateKeys): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  for (const c of candidates) {
    const base = { id: c.id, entity, name: c.name };
    if (keys.taxId && c.taxId === keys.taxId) out.push({ ...base, match: 'taxId', value: keys.taxId });
    for (const email of keys.emails) if (c.emails.includes(email)) out.push({ ...base, match: 'email', value: email });
    for (const phone of keys.phones) if (c.phones.includes(phone)) out.push({ ...base, match: 'phone', value: phone });
  }
  return out;
}

/**
 * The advisory-lock keys a save must hold before it checks for duplicates, so that two concurrent saves
 * of one phone serialise and the second sees the first. Sorted: two saves that share several values
 * take the locks in the same order and cannot deadlock.
 */
export function lockKeysOf(portalId: string, entity: DuplicateEntity, keys: DuplicateKeys): string[] {
  const all = [
    ...keys.emails.map((v) => `email:${v}`),
    ...keys.phones.map((v) => `phone:${v}`),
    ...(keys.taxId ? [`taxId:${keys.taxId}`] : []),
  ].map((k) => `dup:${portalId}:${entity}:${k}`);
  return [...new Set(all)].sort();
}
