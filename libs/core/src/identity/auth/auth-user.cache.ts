import { Injectable } from '@nestjs/common';

export interface AuthUser {
  id: string;
  portalId: string;
  roles: string[];
  /** A sandbox portal runs on its test clock, read on every request (never cached). */
  sandbox: boolean;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Who a token's user is, remembered for a few seconds so that a request costs its own queries, not an extra
 * user lookup. Changes made through this instance (deactivation, roles, deletion) drop the entry at once;
 * another instance sees them within TTL_MS. Never a source of truth: a miss reads the database.
 */
@Injectable()
export class AuthUserCache {
  private readonly entries = new Map<string, { user: AuthUser | null; until: number }>();

  get(userId: string, now = Date.now()): AuthUser | null | undefined {
    const e = this.entries.get(userId);
    if (!e) return undefined;
    if (e.until < now) {
      this.entries.delete(userId);
      return undefined;
    }
    return e.user;
  }

  set(userId: string, user: AuthUser | null, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(userId, { user, until: now + TTL_MS });
  }

  invalidate(userId: string): void {
    this.entries.delete(userId);
  }
}
