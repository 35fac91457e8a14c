/**
 * Money as exact kopecks (bigint) for the little arithmetic done outside SQL: "1500.00" ↔ 150000n. Never a float.
 */
const MONEY_RE = /^(-)?(\d{1,12})(?:[.,](\d{1,2}))?$/;

export function toKopecks(value: unknown): bigint | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    value = String(value);
  }
  if (typeof value !== 'string') return null;
  const m = MONEY_RE.exec(value.trim());
  if (!m) return null;
  const k = BigInt(m[2]) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -k : k;
}

export function fromKopecks(k: bigint): string {
  const sign = k < 0n ? '-' : '';
  const a = k < 0n ? -k : k;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** A money input of the API (a number or a string, two decimals at most) as "1500.00", or null when it is not one. */
export function parseMoney(value: unknown): string | null {
  const k = toKopecks(value);
  return k === null ? null : fromKopecks(k);
}
