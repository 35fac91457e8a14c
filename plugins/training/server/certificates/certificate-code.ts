import { randomBytes } from 'node:crypto';

/**
 * Verification codes of certificates: 10 characters from 32 that cannot be mistaken for one another when read off
 * paper (no 0/O, no 1/I), uniformly random (32 divides 256: no modulo bias), 50 bits — far beyond guessing.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;

export function newCertificateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}

/** A code as a person may type it (lower case, spaces, dashes) → the stored form, or null when it cannot be one. */
export function normalizeCertificateCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
