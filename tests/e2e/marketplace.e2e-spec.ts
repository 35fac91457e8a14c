import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Session, addUser, api, signUp } from './support/api';
import { ROOT, createFreshDatabase, dropDatabase, startAppProcess } from './support/app-process';
import type { RunningApp } from './support/app-process';

/**
 * The marketplace of the built app: the shipped load-balancer and a third-party plugin loaded from an npm
 * package (PLUGIN_PACKAGES), its demo data, install progress events, and an upgrade to a newer package
 * version applying its data migrations in order, once.
 */

const fixture = (v: string) => resolve(ROOT, `tests/fixtures/plugins/acme-notes-${v}`);
let app: RunningApp;
let env: Record<string, string | undefined>;
let previousUrl: string | undefined;
let admin: Session;

async function start(version: string, dataDir?: string) {
  app = await startAppProcess({ ...env, PLUGIN_PACKAGES: fixture(version) }, dataDir);
  process.env['E2E_URL'] = app.url;
}

beforeAll(async () => {
  env = { LOG_LEVEL: 'warn' };
  if (process.env['E2E_MODE'] === 'external') {
    env['DATABASE_URL'] = await createFreshDatabase(process.env['DATABASE_URL'] as string, 'market');
    env['REDIS_URL'] = process.env['REDIS_URL'];
  }
  previousUrl = process.env['E2E_URL'];
  await start('v1');
  admin = await signUp();
}, 120_000);

afterAll(async () => {
  process.env['E2E_URL'] = previousUrl;
  await app?.stop();
  if (env['DATABASE_URL']) await dropDatabase(env['DATABASE_URL']);
});

const installed = async (s: Session, id: string) => (await api('GET', '/marketplace', { token: s.token })).body.find((p: { id: string }) => p.id === id);

it('lists the shipped plugins and the npm-package plugin; a dry run changes nothing', async () => {
  const list = (await api('GET', '/marketplace', { token: admin.token })).body;
  expect(list.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['load-balancer', 'acme-notes']));
  expect(await installed(admin, 'acme-notes')).toMatchObject({ version: '1.0.0', installed: false, installedVersion: null, summary: 'A third-party plugin shipped as an npm package' });
  const dry = await api('POST', '/marketplace/acme-notes/install?dryRun=true', { token: admin.token });
  expect(dry.status).toBe(200);
  expect(dry.body.plan).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'field', action: 'create', code: 'acme_level' }),
      expect.objectContaining({ kind: 'pipeline', action: 'create', code: 'acme' }),
      expect.objectContaining({ kind: 'plugin', action: 'install', code: 'acme-notes' }),
    ]),
  );
  expect((await installed(admin, 'acme-notes')).installed).toBe(false);
  expect((await api('GET', '/pipelines', { token: admin.token })).body).toEqual([]);
});

it('shows install progress as events, to a listener that subscribed before the install', async () => {
  const installId = randomUUID();
  const stream = await fetch(`${app.url}/marketplace/installs/${installId}/events`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  const events: any[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const data = buffer.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
        buffer = buffer.slice(i + 2);
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    }
  })();
  const res = await api('POST', `/marketplace/acme-notes/install?installId=${installId}`, { token: admin.token });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ installed: ['acme-notes'], installId });
  await reading;
  expect(events.length).toBeGreaterThanOrEqual(3);
  expect(events[events.length - 1]).toMatchObject({ installId, state: 'done', plugin: 'acme-notes' });
  const done = events.map((e) => e.done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  const snapshot = await api('GET', `/marketplace/installs/${installId}`, { token: admin.token });
  expect(snapshot.body).toMatchObject({ state: 'done', done: events[events.length - 1].total, total: events[events.length - 1].total });
  expect((await api('GET', `/marketplace/installs/${randomUUID()}`, { token: admin.token })).status).toBe(404);
});

it('adds demo data on sandbox portals (live ones only when asked), once', async () => {
  const live = await api('POST', '/marketplace/acme-notes/install?demo=true', { token: admin.token });
  expect([live.status, live.body.error, live.body.details?.[0]?.field]).toEqual([422, 'demo_needs_sandbox', 'demo']);
  const sandbox = await signUp({ sandbox: true });
  const first = await api('POST', '/marketplace/acme-notes/install?demo=true', { token: sandbox.token });
  expect(first.body.steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'demo', action: 'create', code: 'acme-notes' })]));
  await api('POST', '/marketplace/acme-notes/install?demo=true', { token: sandbox.token });
  const deals = (await api('GET', '/deals?pipeline=acme', { token: sandbox.token })).body.items;
  expect(deals.map((d: { title: string; budget: string }) => [d.title, d.budget])).toEqual([['Demo deal', '1500.00']]);
  const timeline = (await api('GET', `/deals/${deals[0].id}/timeline`, { token: sandbox.token })).body.items;
  expect(timeline.some((e: any) => e.kind === 'note' || e.kind === 'note.added')).toBe(true);
  expect((await api('GET', '/companies?q=Demo%20Buyer', { token: sandbox.token })).body.items).toHaveLength(1);
  const asked = await api('POST', '/marketplace/acme-notes/install?demo=true&demoOnLive=true', { token: admin.token });
  expect(asked.status).toBe(200);
  expect((await api('GET', '/deals?pipeline=acme', { token: admin.token })).body.items).toHaveLength(1);
});

it('upgrades to a newer package: the data migrations between the versions run in order, once', async () => {
  const deal = await api('POST', '/deals', { token: admin.token, body: { title: 'Before upgrade', pipeline: 'acme' } });
  expect(deal.status).toBe(201);
  await app.stop();
  await start('v2', app.dataDir);
  expect(await installed(admin, 'acme-notes')).toMatchObject({ version: '1.2.0', installed: true, installedVersion: '1.0.0' });
  const upgrade = await api('POST', '/marketplace/acme-notes/install', { token: admin.token });
  expect(upgrade.status).toBe(200);
  const steps = upgrade.body.steps.filter((s: { kind: string }) => s.kind === 'migration' || s.kind === 'plugin');
  expect(steps.map((s: { kind: string; action: string; code: string }) => `${s.kind}:${s.action}:${s.code}`)).toEqual(['plugin:upgrade:acme-notes', 'migration:apply:1.1.0', 'migration:apply:1.2.0']);
  const level = async () => (await api('GET', `/deals/${deal.body.id}`, { token: admin.token })).body.fields.acme_level;
  expect(await level()).toBe('1.1>1.2');
  const again = await api('POST', '/marketplace/acme-notes/install', { token: admin.token });
  expect(again.body.steps.filter((s: { kind: string }) => s.kind === 'migration')).toEqual([]);
  expect(await level()).toBe('1.1>1.2');
  expect((await installed(admin, 'acme-notes')).installedVersion).toBe('1.2.0');
}, 120_000);

it('load-balancer: installs, assigns new deals of a pipeline to the least-loaded manager, shows loads, 404 once uninstalled', async () => {
  const s = await signUp();
  const before = await api('GET', '/load-balancer/loads', { token: s.token });
  expect([before.status, before.body.error]).toEqual([404, 'plugin_not_installed']);
  expect((await api('POST', '/marketplace/load-balancer/install', { token: s.token })).body.installed).toEqual(['load-balancer']);
  const dept = (await api('POST', '/departments', { token: s.token, body: { name: 'Sales' } })).body.id;
  const a = await addUser(s, ['manager'], { departmentId: dept, name: 'Anna' });
  const b = await addUser(s, ['manager'], { departmentId: dept, name: 'Bohdan' });
  const p = (await api('POST', '/pipelines', { token: s.token, body: { code: 'leads', name: 'Leads', stages: [{ code: 'new', name: 'New' }] } })).body;
  await api('POST', '/tasks', { token: s.token, body: { title: 'Big job', assigneeId: a.userId, dueAt: new Date(Date.now() + 86_400_000).toISOString(), estimateMinutes: 240 } });
  const patched = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { assignment: { strategy: 'least-loaded', departmentId: dept } } });
  expect(patched.body.assignment).toMatchObject({ strategy: 'least-loaded', departmentId: dept });
  const owners: string[] = [];
  for (let i = 0; i < 5; i++) owners.push((await api('POST', '/deals', { token: s.token, body: { title: `Lead ${i}`, pipeline: 'leads' } })).body.responsibleId);
  // Anna carries 4 h of tasks; each deal weighs 1 h: Bohdan takes four, then they are level and Anna takes the fifth.
  expect(owners).toEqual([b.userId, b.userId, b.userId, b.userId, a.userId]);
  const loads = (await api('GET', `/load-balancer/loads?departmentId=${dept}`, { token: s.token })).body;
  expect(loads.map((l: any) => [l.userId, l.load, l.openTasks, l.openDeals, l.absent, l.atCapacity])).toEqual(
    expect.arrayContaining([
      [a.userId, 5, 1, 1, false, false],
      [b.userId, 4, 0, 4, false, false],
    ]),
  );
  expect((await api('POST', '/marketplace/load-balancer/uninstall', { token: s.token })).body.uninstalled).toEqual(['load-balancer']);
  expect((await api('GET', '/load-balancer/loads', { token: s.token })).body.error).toBe('plugin_not_installed');
}, 60_000);

it('load-balancer on a sandbox portal: demo team with loads, and no assignment outside working hours when asked', async () => {
  const s = await signUp({ sandbox: true });
  const res = await api('POST', '/marketplace/load-balancer/install?demo=true', { token: s.token });
  expect(res.status).toBe(200);
  const departments = (await api('GET', '/departments', { token: s.token })).body;
  const dept = (departments.items ?? departments).find((d: { name: string }) => d.name.includes('демо'));
  const loads = (await api('GET', `/load-balancer/loads?departmentId=${dept.id}`, { token: s.token })).body;
  expect(loads).toHaveLength(4);
  expect(loads.map((l: any) => [l.name, l.load, l.openTasks, l.absent])).toEqual([
    ['Марія Бондаренко', 0, 0, false],
    ['Петро Шевченко', 0.5, 1, false],
    ['Іван Петренко', 3.5, 2, true],
    ['Олена Коваленко', 8, 3, false],
  ]);
  const p = (await api('POST', '/pipelines', { token: s.token, body: { code: 'inbound', name: 'Inbound', stages: [{ code: 'new', name: 'New' }] } })).body;
  await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { assignment: { strategy: 'least-loaded', departmentId: dept.id } } });
  expect((await api('PATCH', '/marketplace/load-balancer/settings', { token: s.token, body: { respectWorkingHours: true } })).status).toBe(200);
  // The sandbox clock to the coming Sunday, 12:00 in Kyiv: outside the default Mon–Fri hours.
  const now = new Date((await api('GET', '/test-clock', { token: s.token })).body.now);
  const sunday = new Date(now);
  sunday.setUTCDate(now.getUTCDate() + ((7 - now.getUTCDay()) % 7 || 7));
  sunday.setUTCHours(10, 0, 0, 0);
  expect((await api('POST', '/test-clock/advance', { token: s.token, body: { to: sunday.toISOString() } })).status).toBe(200);
  const deal = (await api('POST', '/deals', { token: s.token, body: { title: 'Weekend lead', pipeline: 'inbound' } })).body;
  expect(deal.responsibleId).toBe(s.userId);
  const assigned = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items.find((e: any) => e.kind === 'assigned');
  expect(assigned.data.reason).toMatch(/outside working hours/);
  expect((await api('PATCH', '/marketplace/load-balancer/settings', { token: s.token, body: { respectWorkingHours: false } })).status).toBe(200);
  const weekday = (await api('POST', '/deals', { token: s.token, body: { title: 'Lead', pipeline: 'inbound' } })).body;
  expect(weekday.responsibleId).toBe(loads[0].userId);
}, 60_000);
