import { Component, signal } from '@angular/core';
import type { PortalHost, PortalLang, PortalUser } from '@portal/portal-kit';

/** An error as the portal's API client throws it: status, code, field messages. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(code);
  }
}

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (call: FakeCall) => unknown;

/**
 * A PortalHost for component specs: answers by "METHOD /path" (query included; a key ending in * matches the
 * start), records the calls; a handler throws a FakeApiError to fail.
 */
export function fakeHost(routes: Record<string, Handler>, user: PortalUser = { id: 'u1', name: 'Олена', roles: ['employee'] }, lang: PortalLang = 'en') {
  const calls: FakeCall[] = [];
  const answer = async (method: string, path: string, body?: unknown): Promise<any> => {
    const call = { method, path, body };
    calls.push(call);
    const key = Object.keys(routes).find((k) => k === `${method} ${path}` || (k.endsWith('*') && `${method} ${path}`.startsWith(k.slice(0, -1))));
    if (!key) throw new Error(`no fake route for ${method} ${path}`);
    return routes[key](call);
  };
  const host: PortalHost = {
    get: (path) => answer('GET', path),
    post: (path, body) => answer('POST', path, body),
    patch: (path, body) => answer('PATCH', path, body),
    put: (path, body) => answer('PUT', path, body),
    delete: (path) => answer('DELETE', path),
    blob: (path) => answer('BLOB', path),
    fieldErrors: (err) => (err instanceof FakeApiError ? err.fieldErrors : {}),
    lang: signal(lang),
    user: signal(user),
    timezone: signal('Europe/Kyiv'),
    localized: (text) => (typeof text === 'string' ? text : (text?.en ?? '')),
    errorText: (err) => (err instanceof FakeApiError ? `error ${err.code}` : String(err)),
  };
  return { host, calls };
}

@Component({ selector: 'tr-blank', template: '' })
export class Blank {}

export function byTestId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector(`[data-testid="${id}"]`);
}

export function text(root: ParentNode, id: string): string {
  return (byTestId(root, id)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Lets pending promises settle. */
export async function settle(times = 6): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

/** Lets pending promises and timers (the router's navigation) settle; with real timers only. */
export async function flush(times = 4): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
