import { ValidationFailedError } from '../../common/errors';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;

const key = (tag: string) => tag.toLocaleLowerCase();

/**
 * Tags as the deal stores them: trimmed, inner whitespace collapsed, each once (case-insensitively; the
 * first spelling wins), at most MAX_TAGS. Throws 400 naming `field` (or `field[i]`) for a bad tag.
 */
export function normalizeTags(input: readonly unknown[], field = 'tags'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  input.forEach((raw, i) => {
    if (typeof raw !== 'string') throw ValidationFailedError.field(`${field}[${i}]`, 'a tag must be a string');
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) throw ValidationFailedError.field(`${field}[${i}]`, 'a tag must not be empty');
    if (tag.length > MAX_TAG_LENGTH) throw ValidationFailedError.field(`${field}[${i}]`, `a tag is at most ${MAX_TAG_LENGTH} characters`);
    if (seen.has(key(tag))) return;
    seen.add(key(tag));
    out.push(tag);
  });
  if (out.length > MAX_TAGS) throw ValidationFailedError.field(field, `a deal has at most ${MAX_TAGS} tags`);
  return out;
}

/** The current tags plus `added` (already normalised), keeping the current spelling of a tag present in both. */
export function withTags(current: readonly string[], added: readonly string[], field = 'tags'): string[] {
  return normalizeTags([...current, ...added], field);
}

/** The current tags without `removed`, compared case-insensitively. */
export function withoutTags(current: readonly string[], removed: readonly string[]): string[] {
  const drop = new Set(removed.map((t) => key(t.trim())));
  return current.filter((t) => !drop.has(key(t)));
}
