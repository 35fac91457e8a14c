/**
 * The plugin test kit: boots the whole portal with the given plugins against the real database (a fresh
 * PostgreSQL database when DATABASE_URL is set, otherwise an embedded PGlite), signs up a portal, and
 * installs the plugins through the marketplace API, as an admin would. Never a mock.
 *
 *   const portal = await bootPortal({ plugins: [loadBalancer], install: ['load-balancer'] });
 *   const res = await portal.api('GET', '/load-balancer/loads');
 *   await portal.close();
 */
import type { Type } from '@nestjs/common';
import { bootTestApp } from '@portal/core/testing';
import type { TestApp } from '@portal/core/testing';
import { PluginDatabase, automationExtensionsOf } from './index';
import type { PluginManifest } from './index';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface PortalUnderTest {
  /** Base URL of the API, ending in /api/v1. */
  url: string;
  portalId: string;
  slug: string;
  /** The admin's bearer token. */
  token: string;
  adminId: string;
  /** Calls the API as the admin (or as `as`, a token). */
  api<T = any>(method: string, path: string, body?: unknown, as?: string): Promise<ApiResponse<T>>;
  /** SQL on the portal's database, outside any request: for seeding volumes the API would take long to make. */
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Creates a user and logs them in. */
  user(input: { name: string; roles: string[]; departmentId?: string }): Promise<{ id: string; token: string }>;
  app: TestApp['app'];
  close(): Promise<void>;
}

export interface BootPortalOptions {
  /** The catalog this app knows (the plugins under test and their dependencies). */
  plugins: PluginManifest[];
  /** Plugin ids to install on the new portal, through `POST /marketplace/:id/install`. */
  install?: string[];
  sandbox?: boolean;
  locale?: 'uk' | 'ru' | 'en';
  /** Extra Nest modules (e.g. a test-only controller). */
  modules?: Type<unknown>[];
  /** Environment variables of the app's configuration (e.g. `SMTP_URL` of a local fake). */
  env?: Record<string, string>;
}

let seq = 0;

export async function bootPortal(opts: BootPortalOptions): Promise<PortalUnderTest> {
  const t = await bootTestApp({ plugins: opts.plugins as never, automation: automationExtensionsOf(opts.plugins), modules: opts.modules, env: opts.env });
  const api = async (method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse> => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: the raw text */
    }
    return { status: res.status, body: parsed };
  };
  const slug = `kit-${process.pid}-${Date.now()}-${++seq}`;
  const password = 'kit-password-1';
  const created = await api('POST', '/portals', { name: 'Plugin test portal', slug, locale: opts.locale ?? 'uk', sandbox: opts.sandbox ?? false, admin: { email: `admin@${slug}.test`, password, name: 'Admin' } });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await api('POST', '/auth/login', { portal: slug, email: `admin@${slug}.test`, password });
  const token = login.body.accessToken as string;
  for (const id of opts.install ?? []) {
    const res = await api('POST', `/marketplace/${id}/install`, undefined, token);
    if (res.status !== 200) throw new Error(`installing ${id} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  let users = 0;
  return {
    url: t.url,
    portalId: created.body.id,
    slug,
    token,
    adminId: login.body.user.id,
    app: t.app,
    sql: (sql, params = []) => t.app.get(PluginDatabase).dataSource.query(sql, params),
    api: (method, path, body, as) => api(method, path, body, as ?? token),
    user: async (input) => {
      const email = `u${++users}-${Date.now()}@${slug}.test`;
      const res = await api('POST', '/users', { ...input, email, password }, token);
      if (res.status !== 201) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(res.body)}`);
      const l = await api('POST', '/auth/login', { portal: slug, email, password });
      return { id: res.body.id, token: l.body.accessToken };
    },
    close: () => t.close(),
  };
}
export { pdfText } from './pdf-text';
