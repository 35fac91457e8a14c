import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchErrors } from './browser';

/** A call of the public API as a spec prepares its scene: throws with the answer when it is not a success. */
export async function apiCall(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A browser tab signed in with `token` (the portal keeps its session in localStorage), its errors watched. */
export async function signedInPage(browser: Browser, token: string, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((t) => localStorage.setItem('portal.token', t), token);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}
