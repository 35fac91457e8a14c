import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * Everything a request (or a job) knows about who it acts for. Set once by the auth guard; the
 * portal scope of every repository reads it, so no query takes a portal id from the caller.
 */
export interface RequestContextStore {
  requestId?: string;
  portalId?: string;
  userId?: string;
  roles?: string[];
  /** The open transaction, if any: every query inside it must use this manager (PGlite has one connection). */
  manager?: EntityManager;
  /** A sandbox portal's test clock (frozen until advanced); absent means real time. */
  clockNow?: Date;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** The current portal; throws when code that needs a tenant runs outside one (a bug, not user input). */
  portalId(): string {
    const id = storage.getStore()?.portalId;
    if (!id) throw new Error('No portal in the request context');
    return id;
  },
  userId(): string | undefined {
    return storage.getStore()?.userId;
  },
  roles(): string[] {
    return storage.getStore()?.roles ?? [];
  },
  hasRole(...roles: string[]): boolean {
    const mine = storage.getStore()?.roles ?? [];
    return roles.some((r) => mine.includes(r));
  },
  /** Runs fn as the given portal (jobs, sign-up, login) in a child context. */
  asPortal<T>(portalId: string, fn: () => T, userId?: string, roles: string[] = [], clockNow?: Date): T {
    const parent = storage.getStore() ?? {};
    return storage.run({ ...parent, portalId, userId, roles, clockNow }, fn);
  },
};
