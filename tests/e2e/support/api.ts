import { randomUUID } from 'node:crypto';

/** A tiny HTTP client for black-box tests: status and parsed body, nothing hidden. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function baseUrl(): string {
  const url = process.env['E2E_URL'];
  if (!url) throw new Error('E2E_URL is not set: run through tests/e2e/jest.config.cts');
  return url;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string | FormData; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  let body: string | FormData | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (typeof opts.rawBody === 'string' && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface Session {
  token: string;
  userId: string;
  portalId: string;
  slug: string;
  email: string;
  password: string;
}

export function uniqueSlug(prefix = 'p'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Signs up a new portal and logs its admin in. */
export async function signUp(opts: { locale?: 'uk' | 'ru' | 'en'; timezone?: string; sandbox?: boolean } = {}): Promise<Session> {
  const slug = uniqueSlug();
  const email = `admin@${slug}.test`;
  const password = 'correct-horse-1';
  const created = await api('POST', '/portals', { body: { name: `Portal ${slug}`, slug, admin: { email, password, name: 'Admin' }, ...opts } });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await api('POST', '/auth/login', { body: { portal: slug, email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { token: login.body.accessToken, userId: login.body.user.id, portalId: created.body.id, slug, email, password };
}

/** Creates a user in the session's portal and logs them in. */
export async function addUser(admin: Session, roles: string[] = ['manager'], extra: Record<string, unknown> = {}): Promise<Session> {
  const email = `u-${randomUUID().slice(0, 8)}@${admin.slug}.test`;
  const password = 'user-password-1';
  const created = await api('POST', '/users', { token: admin.token, body: { email, name: `User ${email}`, password, roles, ...extra } });
  if (created.status !== 201) throw new Error(`user create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await api('POST', '/auth/login', { body: { portal: admin.slug, email, password } });
  return { token: login.body.accessToken, userId: created.body.id, portalId: admin.portalId, slug: admin.slug, email, password };
}
