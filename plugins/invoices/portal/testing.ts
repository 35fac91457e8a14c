import { signal } from '@angular/core';
import type { PortalHost, PortalLang, PortalUser } from '@portal/portal-kit';

/** An API refusal as the portal's ApiError carries it (status, code, field messages, details). */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
    readonly details: unknown[] = [],
  ) {
    super(code);
  }
}

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (body: unknown, call: FakeCall) => unknown;

/**
 * A PortalHost for component specs: routes by "METHOD /path" (query string included, or without it as a fallback),
 * records the calls; a handler throws a FakeApiError to refuse.
 */
export function fakeHost(routes: Record<string, Handler>, opts: { lang?: PortalLang; roles?: string[] } = {}): { host: PortalHost; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const run =
    (method: string) =>
    async <T>(path: string, body?: unknown): Promise<T> => {
      const call = { method, path, body };
      calls.push(call);
      const handler = routes[`${method} ${path}`] ?? routes[`${method} ${path.split('?')[0]}`];
      if (!handler) throw new Error(`no fake route for ${method} ${path}`);
      return (await handler(body, call)) as T;
    };
  const user: PortalUser = { id: 'u-1', name: 'Олена', roles: opts.roles ?? ['admin'] };
  const host: PortalHost = {
    get: run('GET'),
    post: run('POST'),
    patch: run('PATCH'),
    put: run('PUT'),
    delete: run('DELETE'),
    blob: async (path) => {
      calls.push({ method: 'BLOB', path, body: undefined });
      return new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    },
    fieldErrors: (err) => (err instanceof FakeApiError ? err.fieldErrors : {}),
    lang: signal(opts.lang ?? 'uk'),
    user: signal(user),
    timezone: signal('Europe/Kyiv'),
    localized: (t) => (typeof t === 'string' ? t : (t?.en ?? '')),
    errorText: (err) => `error: ${err instanceof FakeApiError ? err.code : String(err)}`,
  };
  return { host, calls };
}

/** Lets pending promises settle. */
export async function settle(times = 8): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}

export function byTestId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector(`[data-testid="${id}"]`);
}

/** Types into an input the way a person does (the components listen to `input`). */
export function typeInto(root: ParentNode, id: string, value: string): void {
  const el = byTestId(root, id) as HTMLInputElement | null;
  if (!el) throw new Error(`no element ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
}
