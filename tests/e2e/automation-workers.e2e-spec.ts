import { Client } from 'pg';
import { startWebhookSink } from '../fakes';
import type { WebhookSink } from '../fakes';
import { createFreshDatabase, dropDatabase, startAppProcess } from './support/app-process';
import type { RunningApp } from './support/app-process';

/**
 * Durability on the real parts (PostgreSQL + Redis, so CI's external pass only): several worker
 * processes share due timers and each fires once; a worker killed in the middle of its runs leaves no
 * second task and no second webhook behind.
 */

const external = process.env['E2E_MODE'] === 'external';
const maybe = external ? describe : describe.skip;

async function http(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function portal(base: string): Promise<string> {
  const slug = `w-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await http(base, 'POST', '/portals', undefined, { name: 'Workers', slug, admin: { email: 'a@w.test', password: 'password-1', name: 'Admin' } });
  const { accessToken } = await http(base, 'POST', '/auth/login', undefined, { portal: slug, email: 'a@w.test', password: 'password-1' });
  await http(base, 'POST', '/pipelines', accessToken, { code: 'p', name: 'P', stages: [{ code: 'work', name: 'Work' }] });
  return accessToken;
}

async function importDeals(base: string, token: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    const items = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ title: `Deal ${i + k}`, pipeline: 'p' }));
    await http(base, 'POST', '/deals/import', token, { items });
  }
}

async function waitFor(db: Client, sql: string, pred: (n: number) => boolean, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = Number((await db.query(sql)).rows[0].n);
    if (pred(n)) return n;
    if (Date.now() > until) throw new Error(`timed out: ${sql} = ${n}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

maybe('automation workers on PostgreSQL and Redis', () => {
  let database: string;
  let db: Client;
  const apps: RunningApp[] = [];
  let sink: WebhookSink;

  beforeEach(async () => {
    database = await createFreshDatabase(process.env['DATABASE_URL'] as string, 'workers');
    db = new Client({ connectionString: database });
    await db.connect();
    sink = await startWebhookSink();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await db.end();
    await sink.close();
    await dropDatabase(database);
  });

  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: database, REDIS_URL: process.env['REDIS_URL'], LOG_LEVEL: 'warn', AUTOMATION_LEASE_SECONDS: '3', ...extra });

  it('two workers share 1,000 due timers and fire each exactly once', async () => {
    const api = await startAppProcess(env({ ROLE: 'api' }));
    apps.push(api);
    const token = await portal(api.url);
    await http(api.url, 'POST', '/automations', token, {
      code: 'later',
      name: 'Later',
      trigger: { type: 'deal.created', pipeline: 'p' },
      delay: { days: 1 },
      actions: [{ type: 'task.create', code: 'timer', title: 'Timer task', assignee: 'user:' + (await http(api.url, 'GET', '/me', token)).id }, { type: 'tag.add', tags: ['fired'] }],
    });
    await importDeals(api.url, token, 1000);
    // The API role dispatches nothing; a first worker plans the timers, then they all fall due at once.
    const planner = await startAppProcess(env({ ROLE: 'worker' }));
    apps.push(planner);
    await waitFor(db, `SELECT count(*) AS n FROM automation_runs WHERE status = 'scheduled'`, (n) => n === 1000);
    await planner.stop();
    await db.query(`UPDATE automation_runs SET due_at = now() - interval '1 second' WHERE status = 'scheduled'`);
    const workers = await Promise.all([startAppProcess(env({ ROLE: 'worker' })), startAppProcess(env({ ROLE: 'worker' }))]);
    apps.push(...workers);
    await waitFor(db, `SELECT count(*) AS n FROM automation_runs WHERE status = 'done'`, (n) => n === 1000);
    const tasks = await db.query(`SELECT deal_id, count(*)::int AS n FROM tasks WHERE code = 'timer' GROUP BY deal_id`);
    expect(tasks.rows).toHaveLength(1000);
    expect(tasks.rows.filter((r) => r.n !== 1)).toEqual([]);
    const byWorker = await db.query(`SELECT worker, count(*)::int AS n FROM automation_runs GROUP BY worker`);
    expect(byWorker.rows.length).toBe(2);
    expect(byWorker.rows.every((r) => r.n > 0)).toBe(true);
    const tagged = await db.query(`SELECT count(*)::int AS n FROM deals WHERE 'fired' = ANY(tags)`);
    expect(tagged.rows[0].n).toBe(1000);
  }, 240_000);

  it('a worker killed mid-run leaves no duplicate task or webhook, and the rest is recovered', async () => {
    const api = await startAppProcess(env({ ROLE: 'api' }));
    apps.push(api);
    const token = await portal(api.url);
    const me = (await http(api.url, 'GET', '/me', token)).id;
    await http(api.url, 'POST', '/automations', token, {
      code: 'work',
      name: 'Work',
      trigger: { type: 'deal.created', pipeline: 'p' },
      actions: [
        { type: 'task.create', code: 'crash', title: 'Call', assignee: `user:${me}` },
        { type: 'webhook.call', url: `${sink.url}/hook`, body: { deal: '{{deal.title}}' } },
        { type: 'tag.add', tags: ['done'] },
      ],
    });
    await importDeals(api.url, token, 400);
    const doomed = await startAppProcess(env({ ROLE: 'worker' }));
    // Let it get into the middle of the work, then kill it without a chance to clean up.
    await waitFor(db, `SELECT count(*) AS n FROM automation_runs WHERE status = 'done'`, (n) => n >= 40, 60_000);
    doomed.child.kill('SIGKILL');
    await new Promise((r) => doomed.child.once('exit', r));
    const doneAtKill = Number((await db.query(`SELECT count(*) AS n FROM automation_runs WHERE status = 'done'`)).rows[0].n);
    expect(doneAtKill).toBeLessThan(400);

    apps.push(await startAppProcess(env({ ROLE: 'worker' })));
    await waitFor(db, `SELECT count(*) AS n FROM automation_runs WHERE status IN ('done', 'failed')`, (n) => n === 400);
    await waitFor(db, `SELECT count(*) AS n FROM automation_deliveries WHERE status IN ('pending', 'sending')`, (n) => n === 0, 60_000);

    const tasks = await db.query(`SELECT deal_id, count(*)::int AS n FROM tasks WHERE code = 'crash' GROUP BY deal_id`);
    expect(tasks.rows).toHaveLength(400);
    expect(tasks.rows.filter((r) => r.n !== 1)).toEqual([]);
    const keys = sink.requests.filter((r) => r.status === 200).map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    const deliveries = await db.query(`SELECT status, count(*)::int AS n FROM automation_deliveries GROUP BY status`);
    const count = Object.fromEntries(deliveries.rows.map((r) => [r.status, r.n]));
    expect((count['sent'] ?? 0) + (count['unknown'] ?? 0)).toBe(400);
    expect(keys.length).toBe(count['sent'] + (count['unknown'] ? keys.length - count['sent'] : 0));
    expect(keys.length).toBeLessThanOrEqual(400);
    const tagged = await db.query(`SELECT count(*)::int AS n FROM deals WHERE 'done' = ANY(tags)`);
    expect(tagged.rows[0].n).toBe(400);
  }, 240_000);
});
