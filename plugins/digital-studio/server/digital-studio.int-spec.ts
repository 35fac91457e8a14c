import { bootPortal } from '@portal/plugin-sdk/testing';
import type { PortalUnderTest } from '@portal/plugin-sdk/testing';
// The test kit boots a catalog, and install resolves dependencies from it: the load-balancer's manifest must be
// in it. Test-only; the plugin's own code never imports another plugin.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadBalancer } from '@portal/plugin-load-balancer';
import { digitalStudio } from './index';

/**
 * The digital studio through the API, on the real database (PGlite, or a fresh PostgreSQL database when
 * DATABASE_URL is set), on a sandbox portal whose clock moves only when the test says so.
 */

let portal: PortalUnderTest;
let head: { id: string; token: string };
let manager: { id: string; token: string };
let dev1: { id: string; token: string };
let dev2: { id: string; token: string };
let devDept: string;
let designDept: string;
let now: Date;

const DAY = 86_400_000;
const iso = (offsetDays: number, hour = 10) => new Date(Date.parse(now.toISOString().slice(0, 10) + `T${String(hour).padStart(2, '0')}:00:00Z`) + offsetDays * DAY).toISOString();
const date = (offsetDays: number) => iso(offsetDays).slice(0, 10);

async function advance(minutes = 1) {
  const res = await portal.api('POST', '/test-clock/advance', { minutes });
  expect(res.status).toBe(200);
  now = new Date(res.body.now);
}

async function project(title: string, budget: string | null, extra: Record<string, unknown> = {}) {
  const res = await portal.api('POST', '/deals', { title, pipeline: 'studio_projects', stage: 'development', budget, responsibleId: manager.id, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function task(dealId: string | null, assigneeId: string, estimateMinutes?: number) {
  const res = await portal.api('POST', '/tasks', { title: 'Work', assigneeId, dueAt: iso(7), dealId: dealId ?? undefined, estimateMinutes });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function log(body: Record<string, unknown>, as?: string) {
  const res = await portal.api('POST', '/time-entries', body, as);
  expect([res.status, res.body?.error]).toEqual([201, undefined]);
  return res.body;
}

const notificationsOf = async (token: string, dealId: string) => ((await portal.api('GET', '/notifications?limit=200', undefined, token)).body.items as any[]).filter((n) => n.dealId === dealId);

async function upload(dealId: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob(['signed contract'], { type: 'application/pdf' }), name);
  const res = await fetch(`${portal.url}/deals/${dealId}/files`, { method: 'POST', headers: { authorization: `Bearer ${portal.token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  portal = await bootPortal({ plugins: [loadBalancer, digitalStudio], install: ['digital-studio'], sandbox: true });
  now = new Date((await portal.api('GET', '/test-clock')).body.now);
  devDept = (await portal.api('POST', '/departments', { name: 'Development' })).body.id;
  designDept = (await portal.api('POST', '/departments', { name: 'Design' })).body.id;
  head = await portal.user({ name: 'Hanna Head', roles: ['head'], departmentId: devDept });
  manager = await portal.user({ name: 'Maks Manager', roles: ['manager'], departmentId: designDept });
  dev1 = await portal.user({ name: 'Dana Dev', roles: ['employee'], departmentId: devDept });
  dev2 = await portal.user({ name: 'Denys Dev', roles: ['employee'], departmentId: designDept });
  for (const [id, cost] of [
    [dev1.id, '500.00'],
    [dev2.id, '800.00'],
  ]) {
    expect((await portal.api('PUT', `/users/${id}/cost-rate`, { hourlyCost: cost, currency: 'UAH', validFrom: date(-90) })).status).toBe(200);
  }
}, 240_000);

afterAll(async () => portal?.close());

describe('install', () => {
  it('adds the lead funnel and the three directions in the portal language, fields, rules, and the load-balancer first', async () => {
    const pipelines = (await portal.api('GET', '/pipelines')).body as any[];
    const byCode = Object.fromEntries(pipelines.map((p) => [p.code, p]));
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['studio_leads', 'studio_projects', 'studio_support', 'studio_claims']));
    expect(byCode['studio_projects'].name).toBe('Проєкти');
    expect(byCode['studio_projects'].stages.map((s: any) => s.code)).toEqual([
      'free',
      'manager_assigned',
      'contract_invoice',
      'advance_received',
      'development',
      'approval',
      'acts_sent',
      'done',
      'failed',
      'failure_analysis',
    ]);
    expect(byCode['studio_projects'].stages[0].name).toBe('Вільна угода');
    expect(byCode['studio_projects'].stages.find((s: any) => s.code === 'advance_received').rules.requiredFields).toEqual(['budget', 'contract_file', 'advance_amount', 'desired_completion_date']);
    expect(byCode['studio_leads'].stages.map((s: any) => s.code)).toEqual(['request_recorded', 'presentation', 'meeting', 'final_proposal', 'objections', 'deal', 'rejected']);
    const fields = ((await portal.api('GET', '/fields?entity=deal')).body as any[]).map((f) => [f.code, f.type]);
    expect(fields).toEqual(expect.arrayContaining([['contract_file', 'file'], ['advance_amount', 'money'], ['desired_completion_date', 'date'], ['remaining_payment', 'money']]));
    const market = ((await portal.api('GET', '/marketplace')).body as any[]).filter((p) => p.installed).map((p) => p.id);
    expect(market.sort()).toEqual(['digital-studio', 'load-balancer']);
    const settings = (await portal.api('GET', '/marketplace/digital-studio/settings')).body.settings;
    expect(settings).toEqual({ lockDays: 7, warningMarginPct: 20, hoursWarningPct: 80, hoursCriticalPct: 100 });
  });

  it('gives a new free project to the least-loaded manager, who then finds it in "Manager assigned"', async () => {
    const deal = (await portal.api('POST', '/deals', { title: 'Landing', pipeline: 'studio_projects' })).body;
    expect(deal.responsibleId).toBe(manager.id);
    await advance();
    expect((await portal.api('GET', `/deals/${deal.id}`)).body.stage.code).toBe('manager_assigned');
    // No planned task an hour later: a control task for the responsible.
    await advance(61);
    const tasks = (await portal.api('GET', `/tasks?dealId=${deal.id}`)).body.items;
    expect(tasks).toEqual([expect.objectContaining({ code: 'studio-control', assigneeId: manager.id })]);
  });

  it('enters "advance received" only with the signed contract, the advance and the date, and stores budget − advance exactly', async () => {
    const id = await project('Shop', '12345.67', { stage: 'contract_invoice' });
    const bare = await portal.api('PATCH', `/deals/${id}`, { stage: 'advance_received' });
    expect([bare.status, bare.body.error]).toEqual([422, 'stage_rules_unmet']);
    expect(bare.body.details.map((d: any) => d.field)).toEqual(['contract_file', 'advance_amount', 'desired_completion_date']);
    const file = await upload(id, 'Договір підписаний.pdf');
    const tooMuch = await portal.api('PATCH', `/deals/${id}`, { stage: 'advance_received', fields: { contract_file: file, advance_amount: '20000', desired_completion_date: date(30) } });
    expect([tooMuch.status, tooMuch.body.details[0].guard]).toEqual([422, 'studio.advanceWithinBudget']);
    const ok = await portal.api('PATCH', `/deals/${id}`, { stage: 'advance_received', fields: { contract_file: file, advance_amount: '1000.01', desired_completion_date: date(30) } });
    expect(ok.status).toBe(200);
    await advance();
    expect((await portal.api('GET', `/deals/${id}`)).body.fields.remaining_payment).toBe('11345.66');
    await portal.api('PATCH', `/deals/${id}`, { budget: '15000.10' });
    await advance();
    expect((await portal.api('GET', `/deals/${id}`)).body.fields.remaining_payment).toBe('14000.09');
  });

  it('fails a project only with a reason, and sets the head to analyse why', async () => {
    const id = await project('Doomed', '5000.00');
    const bare = await portal.api('PATCH', `/deals/${id}`, { stage: 'failed' });
    expect([bare.status, bare.body.details]).toEqual([422, [{ rule: 'requiredField', field: 'lostReason' }]]);
    expect((await portal.api('PATCH', `/deals/${id}`, { stage: 'failed', lostReason: 'Went with a cheaper studio' })).status).toBe(200);
    await advance();
    const [analysis] = (await portal.api('GET', `/tasks?dealId=${id}`)).body.items;
    expect(analysis).toMatchObject({ code: 'studio-failure-analysis', assigneeId: head.id });
    expect((await portal.api('POST', `/tasks/${analysis.id}/complete`, {}, head.token)).status).toBe(200);
    await advance();
    expect((await portal.api('GET', `/deals/${id}`)).body.stage.code).toBe('failure_analysis');
  });
});

describe('time entries', () => {
  it('refuses bad input naming the field, and never writes half', async () => {
    const deal = await project('Validation', '1000.00');
    const solo = await task(null, dev1.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ dealId: deal, minutes: 1.5 }, 'minutes'],
      [{ dealId: deal, minutes: '60' }, 'minutes'],
      [{ dealId: deal, minutes: 0 }, 'minutes'],
      [{ dealId: deal, minutes: 1441 }, 'minutes'],
      [{ minutes: 30 }, 'taskId'],
      [{ taskId: solo, minutes: 30 }, 'taskId'],
      [{ taskId: '00000000-0000-4000-8000-000000000000', minutes: 30 }, 'taskId'],
      [{ dealId: 'nope', minutes: 30 }, 'dealId'],
      [{ dealId: deal, minutes: 30, startedAt: 'yesterday' }, 'startedAt'],
      [{ dealId: deal, minutes: 30, startedAt: iso(3) }, 'startedAt'],
      [{ dealId: deal, minutes: 30, hours: 1 }, 'hours'],
    ];
    for (const [body, field] of cases) {
      const res = await portal.api('POST', '/time-entries', body, dev1.token);
      expect([res.status, res.body.error, res.body.details?.[0]?.field]).toEqual([400, 'validation_failed', field]);
    }
    const forOther = await portal.api('POST', '/time-entries', { dealId: deal, minutes: 30, userId: dev2.id }, dev1.token);
    expect([forOther.status, forOther.body.error]).toEqual([403, 'forbidden']);
    expect((await portal.api('GET', `/time-entries?dealId=${deal}`)).body.items).toEqual([]);
    expect((await portal.api('GET', '/time-entries?from=2026-02-30')).body.details[0].field).toBe('from');
  });

  it('costs minutes × the rate of the day to the kopeck: 10 h at 500 + 5 h at 800 on 20,000.00 is 55.00 %', async () => {
    const deal = await project('Example', '20000.00');
    const a = await task(deal, dev1.id, 1200);
    const b = await task(deal, dev2.id, 600);
    await log({ taskId: a, minutes: 600, startedAt: iso(-2) }, dev1.token);
    await log({ taskId: b, minutes: 300, startedAt: iso(-2), userId: dev2.id }, head.token);
    const p = (await portal.api('GET', `/deals/${deal}/profitability`)).body;
    expect(p).toMatchObject({ revenue: '20000.00', laborCost: '9000.00', expenses: '0.00', grossProfit: '11000.00', marginPct: '55.00', minutes: 900, plannedMinutes: 1800, spentPct: '50.00', alert: null });
    expect(p.byUser).toEqual([
      { userId: dev1.id, name: 'Dana Dev', minutes: 600, cost: '5000.00' },
      { userId: dev2.id, name: 'Denys Dev', minutes: 300, cost: '4000.00' },
    ]);
    expect(p.byTask.map((t: any) => [t.taskId, t.minutes, t.plannedMinutes, t.cost])).toEqual([
      [a, 600, 1200, '5000.00'],
      [b, 300, 600, '4000.00'],
    ]);
    expect(p.byDepartment.map((d: any) => [d.departmentId, d.minutes, d.cost])).toEqual([
      [devDept, 600, '5000.00'],
      [designDept, 300, '4000.00'],
    ]);
  });

  it('rounds each entry half-up to the kopeck and sums the rounded costs', async () => {
    const deal = await project('Kopecks', '1000.00');
    const odd = await portal.user({ name: 'Odd Rate', roles: ['employee'] });
    await portal.api('PUT', `/users/${odd.id}/cost-rate`, { hourlyCost: '450.50', currency: 'UAH', validFrom: date(-10) });
    const e1 = await log({ dealId: deal, minutes: 3, startedAt: iso(-1) }, odd.token); // 22.525 → 22.53
    await log({ dealId: deal, minutes: 7, startedAt: iso(-1), userId: dev1.id }); // 58.333… → 58.33
    await log({ dealId: deal, minutes: 1, startedAt: iso(-1), userId: dev2.id }); // 13.333… → 13.33
    expect(e1.cost).toBeNull(); // not a head: no costs
    const entries = (await portal.api('GET', `/time-entries?dealId=${deal}`)).body.items;
    expect(entries.map((e: any) => e.cost).sort()).toEqual(['13.33', '22.53', '58.33']);
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body.laborCost).toBe('94.19');
  });

  it('falls back to the department default rate, and recalculates a back-dated rate in one go, with an audit', async () => {
    const deal = await project('Back-dated', '100000.00');
    const newbie = await portal.user({ name: 'New Designer', roles: ['employee'], departmentId: designDept });
    expect((await portal.api('PUT', `/departments/${designDept}/cost-rate`, { hourlyCost: 300, currency: 'uah', validFrom: date(-60) })).status).toBe(200);
    const old = await log({ dealId: deal, minutes: 60, startedAt: iso(-20), userId: newbie.id }, head.token); // locked for newbie: a head logs it
    const recent = await log({ dealId: deal, minutes: 60, startedAt: iso(-5) }, newbie.token);
    const costs = async () => Object.fromEntries(((await portal.api('GET', `/time-entries?dealId=${deal}`)).body.items as any[]).map((e) => [e.id, e.cost]));
    expect(await costs()).toEqual({ [old.id]: '300.00', [recent.id]: '300.00' });
    const set = await portal.api('PUT', `/users/${newbie.id}/cost-rate`, { hourlyCost: '420.00', currency: 'UAH', validFrom: date(-10) }, head.token);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ userId: newbie.id, hourlyCost: '420.00', validFrom: date(-10), recalculated: { entries: 1, deals: 1, costDelta: '120.00' } });
    expect(await costs()).toEqual({ [old.id]: '300.00', [recent.id]: '420.00' });
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body.laborCost).toBe('720.00');
    const history = (await portal.api('GET', `/users/${newbie.id}/cost-rates`, undefined, head.token)).body;
    expect(history).toMatchObject({ current: { hourlyCost: '420.00' }, departmentDefault: { departmentId: designDept, hourlyCost: '300.00' } });
    const audit = (await portal.api('GET', '/cost-rate-changes')).body.items[0];
    expect(audit).toMatchObject({ userId: newbie.id, hourlyCost: '420.00', previousCost: null, changedBy: head.id, entriesRecalculated: 1, costDelta: '120.00' });
    const timeline = (await portal.api('GET', `/deals/${deal}/timeline`)).body.items;
    expect(timeline.find((e: any) => e.kind === 'labor_cost_recalculated')).toMatchObject({ actorId: head.id, data: { entries: 1, validFrom: date(-10) } });
    const bad = await portal.api('PUT', `/users/${newbie.id}/cost-rate`, { hourlyCost: '-1', currency: 'U', validFrom: '2026-13-01' });
    expect(bad.body.details.map((d: any) => d.field)).toEqual(['hourlyCost', 'currency', 'validFrom']);
  });

  it('keeps rates and costs to heads and admins', async () => {
    const deal = await project('Secret', '1000.00');
    await log({ dealId: deal, minutes: 30 }, dev1.token);
    for (const [method, path] of [
      ['GET', `/users/${dev1.id}/cost-rates`],
      ['PUT', `/users/${dev1.id}/cost-rate`],
      ['GET', '/cost-rate-changes'],
      ['GET', '/reports/profitability'],
    ]) {
      const res = await portal.api(method, path, method === 'PUT' ? { hourlyCost: 1, currency: 'UAH', validFrom: date(0) } : undefined, manager.token);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect((await portal.api('GET', `/deals/${deal}/profitability`, undefined, dev1.token)).status).toBe(403);
    const mine = (await portal.api('GET', `/deals/${deal}/profitability`, undefined, manager.token)).body;
    expect(mine).toMatchObject({ laborCost: '250.00', costsVisible: false, byUser: [{ userId: dev1.id, minutes: 30, cost: null }] });
    const entries = (await portal.api('GET', `/time-entries?dealId=${deal}`, undefined, dev1.token)).body.items;
    expect(entries).toEqual([expect.objectContaining({ minutes: 30, cost: null, hourlyCost: null })]);
    expect((await portal.api('GET', `/time-entries?dealId=${deal}`, undefined, dev2.token)).body.items).toEqual([]);
  });

  it('locks entries older than the lock period: only heads and admins change them', async () => {
    const deal = await project('Locked', '1000.00');
    const old = await portal.api('POST', '/time-entries', { dealId: deal, minutes: 60, startedAt: iso(-10) }, dev1.token);
    expect([old.status, old.body.error]).toEqual([403, 'period_locked']);
    const byHead = await log({ dealId: deal, minutes: 60, startedAt: iso(-10), userId: dev1.id }, head.token);
    expect(byHead.locked).toBe(true);
    for (const [method, body] of [
      ['PATCH', { minutes: 30 }],
      ['DELETE', undefined],
    ] as const) {
      const res = await portal.api(method, `/time-entries/${byHead.id}`, body, dev1.token);
      expect([res.status, res.body.error]).toEqual([403, 'period_locked']);
    }
    const fresh = await log({ dealId: deal, minutes: 60, startedAt: iso(-1) }, dev1.token);
    const moveBack = await portal.api('PATCH', `/time-entries/${fresh.id}`, { startedAt: iso(-9) }, dev1.token);
    expect([moveBack.status, moveBack.body.error]).toEqual([403, 'period_locked']);
    const notMine = await portal.api('PATCH', `/time-entries/${fresh.id}`, { minutes: 5 }, dev2.token);
    expect([notMine.status, notMine.body.error]).toEqual([403, 'forbidden']);
    expect((await portal.api('PATCH', `/time-entries/${fresh.id}`, { minutes: 90, note: 'review' }, dev1.token)).body).toMatchObject({ minutes: 90, note: 'review' });
    expect((await portal.api('PATCH', `/time-entries/${byHead.id}`, { minutes: 30 }, head.token)).body.minutes).toBe(30);
    expect((await portal.api('DELETE', `/time-entries/${fresh.id}`, undefined, dev1.token)).status).toBe(204);
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body.minutes).toBe(30);
  });

  it('runs one timer per person: starting another stops the first into its entry; minutes round to the nearest', async () => {
    const deal = await project('Timers', '50000.00');
    const a = await task(deal, dev1.id, 600);
    const b = await task(deal, dev1.id, 600);
    expect((await portal.api('GET', '/timers/current', undefined, dev1.token)).body).toMatchObject({ running: false });
    const started = await portal.api('POST', '/timers/start', { taskId: a }, dev1.token);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ running: true, taskId: a, dealId: deal, stopped: null });
    await portal.api('POST', '/test-clock/advance', { to: new Date(now.getTime() + 90_000).toISOString() });
    now = new Date((await portal.api('GET', '/test-clock')).body.now);
    expect((await portal.api('GET', '/timers/current', undefined, dev1.token)).body).toMatchObject({ running: true, taskId: a, elapsedMinutes: 1 });
    const switched = await portal.api('POST', '/timers/start', { taskId: b }, dev1.token);
    expect(switched.body.stopped).toMatchObject({ taskId: a, minutes: 2, source: 'timer' }); // 1.5 min → 2
    await advance(25);
    const stopped = await portal.api('POST', '/timers/stop', {}, dev1.token);
    expect([stopped.status, stopped.body.taskId, stopped.body.minutes]).toEqual([200, b, 25]);
    const again = await portal.api('POST', '/timers/stop', {}, dev1.token);
    expect([again.status, again.body.error]).toEqual([409, 'timer_not_running']);
    expect((await portal.api('POST', '/timers/start', {}, dev1.token)).body.details[0].field).toBe('taskId');
    await portal.api('POST', '/timers/start', { taskId: a }, dev1.token);
    const instant = await portal.api('POST', '/timers/stop', {}, dev1.token);
    expect(instant.body.minutes).toBe(1); // at least a minute
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body.minutes).toBe(28);
  });
});

describe('expenses', () => {
  it('records direct costs, refuses bad ones, and counts them in the figures', async () => {
    const deal = await project('Expenses', '10000.00');
    const bad = await portal.api('POST', `/deals/${deal}/expenses`, { amount: '-5', spentAt: 'soon' });
    expect(bad.body.details.map((d: any) => d.field)).toEqual(['amount', 'note', 'spentAt']);
    const e = await portal.api('POST', `/deals/${deal}/expenses`, { amount: '1234.56', note: 'Fonts', spentAt: date(-3) }, manager.token);
    expect(e.status).toBe(201);
    expect(e.body).toMatchObject({ amount: '1234.56', note: 'Fonts', spentAt: date(-3) });
    await portal.api('POST', `/deals/${deal}/expenses`, { amount: 100, note: 'Stock photo' });
    expect((await portal.api('GET', `/deals/${deal}/expenses`)).body.total).toBe('1334.56');
    expect((await portal.api('POST', `/deals/${deal}/expenses`, { amount: 1, note: 'x' }, dev1.token)).status).toBe(403);
    expect((await portal.api('DELETE', `/deals/${deal}/expenses/${e.body.id}`, undefined, manager.token)).status).toBe(204);
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body).toMatchObject({ expenses: '100.00', grossProfit: '9900.00', marginPct: '99.00' });
  });
});

describe('alerts', () => {
  let rule: string;
  beforeAll(async () => {
    const res = await portal.api('POST', '/automations', {
      code: 'where-do-the-hours-go',
      name: 'Where do the hours go?',
      trigger: { type: 'project.thresholdCrossed', kind: 'hours' },
      actions: [{ type: 'task.create', title: 'Where do the hours go?', assignee: 'role:head', due: { days: 1 } }],
    });
    expect(res.status).toBe(201);
    rule = res.body.id;
    const bad = await portal.api('POST', '/automations', { code: 'x', name: 'x', trigger: { type: 'project.thresholdCrossed', level: 'panic' }, actions: [{ type: 'tag.add', tags: ['x'] }] });
    expect(bad.body.details[0].field).toBe('trigger.level');
  });

  it('alerts once per crossing of the hours thresholds, re-arms below, and fires the trigger for any rule', async () => {
    const deal = await project('Hours', '100000.00');
    const t = await task(deal, dev1.id, 600);
    await log({ taskId: t, minutes: 400, startedAt: iso(-1) }, dev1.token);
    expect((await portal.api('GET', `/deals/${deal}/alerts`)).body.alert).toBeNull();
    const crossing = await log({ taskId: t, minutes: 100, startedAt: iso(-1) }, dev1.token); // 500 / 600 = 83 %
    await log({ taskId: t, minutes: 10, startedAt: iso(-1) }, dev1.token); // still a warning: no second alert
    const alerts = (await portal.api('GET', `/deals/${deal}/alerts`)).body;
    expect(alerts.alert).toMatchObject({ level: 'warning', kind: 'hours' });
    expect(alerts.alert.reason).toMatch(/85\.00 %/);
    for (const who of [head, manager]) {
      expect((await notificationsOf(who.token, deal)).map((n) => [n.kind, n.level])).toEqual([['profitability_alert', 'warning']]);
    }
    expect(await notificationsOf(dev1.token, deal)).toEqual([]);
    await advance();
    const tasks = (await portal.api('GET', `/tasks?dealId=${deal}`)).body.items.filter((x: any) => x.title === 'Where do the hours go?');
    expect(tasks).toEqual([expect.objectContaining({ assigneeId: head.id, createdBy: 'automation' })]);
    const timeline = (await portal.api('GET', `/deals/${deal}/timeline`)).body.items;
    expect(timeline.filter((e: any) => e.kind === 'profitability_alert').map((e: any) => e.data.level)).toEqual(['warning']);

    await log({ taskId: t, minutes: 90, startedAt: iso(-1) }, dev1.token); // 600 / 600: critical
    expect((await portal.api('GET', `/deals/${deal}/profitability`)).body.alert).toMatchObject({ level: 'critical', kind: 'hours' });
    expect((await notificationsOf(head.token, deal)).map((n) => n.level)).toEqual(['critical', 'warning']);

    // Back below 80 %: re-armed; crossing again alerts again.
    await portal.api('DELETE', `/time-entries/${crossing.id}`, undefined, dev1.token);
    await portal.api('PATCH', `/tasks/${t}`, { estimateMinutes: 2000, comment: 'replanned' }); // 500 / 2000
    expect((await portal.api('GET', `/deals/${deal}/alerts`)).body).toMatchObject({ alert: null, alerts: [] });
    await log({ taskId: t, minutes: 1200, startedAt: iso(-1) }, dev1.token); // 1700 / 2000 = 85 %
    expect((await notificationsOf(head.token, deal)).map((n) => n.level)).toEqual(['warning', 'critical', 'warning']);
    await advance();
    expect((await portal.api('GET', `/tasks?dealId=${deal}`)).body.items.filter((x: any) => x.title === 'Where do the hours go?')).toHaveLength(3);
  });

  it('alerts on margin: a warning below the threshold, critical when gross profit goes negative, also after a budget change', async () => {
    const deal = await project('Margin', '10000.00');
    await log({ dealId: deal, minutes: 600, startedAt: iso(-1) }, dev1.token); // 5000.00: margin 50 %
    expect((await portal.api('GET', `/deals/${deal}/alerts`)).body.alert).toBeNull();
    await portal.api('POST', `/deals/${deal}/expenses`, { amount: '3500.00', note: 'Contractor' }); // gp 1500: 15 %
    expect((await portal.api('GET', `/deals/${deal}/alerts`)).body.alert).toMatchObject({ level: 'warning', kind: 'margin' });
    // The budget is cut in the core's PATCH: re-evaluated (on read, and by the plugin's sweep).
    expect((await portal.api('PATCH', `/deals/${deal}`, { budget: '8000.00' })).status).toBe(200);
    const p = (await portal.api('GET', `/deals/${deal}/profitability`)).body;
    expect(p).toMatchObject({ grossProfit: '-500.00', marginPct: '-6.25', alert: { level: 'critical', kind: 'margin' } });
    expect((await notificationsOf(head.token, deal)).map((n) => n.level)).toEqual(['critical', 'warning']);
    await advance();
    expect((await portal.api('GET', `/tasks?dealId=${deal}`)).body.items.filter((x: any) => x.title === 'Where do the hours go?')).toEqual([]); // the rule listens to hours only
    await portal.api('PATCH', `/deals/${deal}`, { budget: '50000.00' });
    expect((await portal.api('GET', `/deals/${deal}/alerts`)).body.alerts).toEqual([]);
  });

  it('alerts once when many entries cross a threshold at the same moment', async () => {
    const deal = await project('Rush', '1000000.00');
    const t = await task(deal, dev1.id, 100);
    const all = await Promise.all(Array.from({ length: 12 }, () => portal.api('POST', '/time-entries', { taskId: t, minutes: 10, startedAt: iso(-1) }, dev1.token)));
    expect(all.every((r) => r.status === 201)).toBe(true);
    // Exactly one alert per crossing (their order in the list is that of the transactions' starts, not of the crossings).
    expect((await notificationsOf(head.token, deal)).map((n) => n.level).sort()).toEqual(['critical', 'warning']);
    await advance();
    expect((await portal.api('GET', `/tasks?dealId=${deal}`)).body.items.filter((x: any) => x.title === 'Where do the hours go?')).toHaveLength(2);
  }, 120_000);

  afterAll(async () => {
    await portal.api('PATCH', `/automations/${rule}`, { enabled: false });
  });
});

describe('report', () => {
  it('lists one row per project with its figures, sorted and filtered, as JSON or as CSV for Excel', async () => {
    const deal = await project('Report, "quoted" =1+1', '20000.00');
    await log({ dealId: deal, minutes: 600, startedAt: iso(-1), userId: dev1.id }); // 5000.00
    const all = (await portal.api('GET', '/reports/profitability?limit=200', undefined, head.token)).body;
    const row = all.items.find((r: any) => r.dealId === deal);
    expect(row).toMatchObject({ revenue: '20000.00', laborCost: '5000.00', grossProfit: '15000.00', marginPct: '75.00', minutes: 600, pipeline: { code: 'studio_projects' }, stage: { code: 'development' } });
    const margins = all.items.filter((r: any) => r.marginPct !== null).map((r: any) => Number(r.marginPct));
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const desc = (await portal.api('GET', '/reports/profitability?sort=-grossProfit&limit=2')).body;
    expect(desc.items).toHaveLength(2);
    expect(Number(desc.items[0].grossProfit)).toBeGreaterThanOrEqual(Number(desc.items[1].grossProfit));
    const next = (await portal.api('GET', `/reports/profitability?sort=-grossProfit&limit=2&cursor=${desc.nextCursor}`)).body;
    expect(next.items[0].dealId).not.toBe(desc.items[0].dealId);
    expect((await portal.api('GET', `/reports/profitability?responsibleId=${dev2.id}`)).body.items).toEqual([]);
    expect((await portal.api('GET', '/reports/profitability?pipeline=studio_support')).body.items).toEqual([]);
    const period = (await portal.api('GET', `/reports/profitability?from=${date(-1)}&to=${date(-1)}&limit=200`)).body.items.find((r: any) => r.dealId === deal);
    expect(period.period).toMatchObject({ minutes: 600, laborCost: '5000.00', expenses: '0.00' });
    for (const [q, field] of [
      ['sort=profit', 'sort'],
      ['format=xls', 'format'],
      ['pipeline=nope', 'pipeline'],
      ['from=2026-01-01&to=2025-01-01', 'to'],
      ['limit=500', 'limit'],
    ]) {
      expect((await portal.api('GET', `/reports/profitability?${q}`)).body.details[0].field).toBe(field);
    }
    const res = await fetch(`${portal.url}/reports/profitability?format=csv`, { headers: { authorization: `Bearer ${portal.token}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Deal ID,Title,Pipeline,Stage,Responsible,Currency,Revenue,Labor cost,Expenses,Gross profit,Margin %,Minutes,Planned minutes,Spent % of plan,Alert');
    expect(lines.find((l) => l.startsWith(deal))).toBe(`${deal},"Report, ""quoted"" =1+1",Проєкти,Розробку запущено,Maks Manager,UAH,20000.00,5000.00,0.00,15000.00,75.00,600,0,,`);
    expect(lines.length).toBe(all.total + 2);
  });
});

describe('gross profit over time', () => {
  const month = (d: Date | string) => new Date(d).toISOString().slice(0, 7);
  const shift = (m: string, by: number) => {
    const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + by;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  };

  it('gives each month its revenue, costs and the portfolio gross profit at its end, exactly, per currency', async () => {
    const solo = await portal.user({ name: 'Sofia Solo', roles: ['manager'] });
    const created = (await portal.api('POST', '/deals', { title: 'Series', pipeline: 'studio_projects', stage: 'development', budget: '1000.10', responsibleId: solo.id })).body;
    const entry = await log({ dealId: created.id, minutes: 61, startedAt: iso(-1), userId: dev1.id }); // 61 × 500 / 60 = 508.33
    expect((await portal.api('POST', `/deals/${created.id}/expenses`, { amount: '0.10', note: 'Domain', spentAt: date(-1) })).status).toBe(201);
    const last = [month(created.createdAt), month(now)].sort()[1];
    const first = shift([month(created.createdAt), date(-1).slice(0, 7)].sort()[0], -2);
    const res = await portal.api('GET', `/reports/profitability/series?responsibleId=${solo.id}&from=${first}&to=${last}`, undefined, head.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: first, to: last });
    expect(res.body.series.map((s: any) => s.currency)).toEqual(['UAH']);
    const months = res.body.series[0].months as any[];
    expect(months[0]).toEqual({ month: first, revenue: '0.00', laborCost: '0.00', expenses: '0.00', monthGrossProfit: '0.00', cumulative: { revenue: '0.00', laborCost: '0.00', expenses: '0.00' }, grossProfit: '0.00' });
    expect(months.map((m) => m.month)[months.length - 1]).toBe(last);
    const kop = (list: string[]) => list.reduce((a, v) => a + BigInt(v.replace('.', '')), 0n);
    expect(kop(months.map((m) => m.revenue))).toBe(100010n);
    // The budget counts from the month the project started: created, or first worked on when that was earlier.
    expect(months.find((m) => m.revenue !== '0.00').month).toBe([month(created.createdAt), entry.workDate.slice(0, 7)].sort()[0]);
    expect(kop(months.map((m) => m.laborCost))).toBe(50833n);
    expect(kop(months.map((m) => m.expenses))).toBe(10n);
    expect(months[months.length - 1]).toMatchObject({ cumulative: { revenue: '1000.10', laborCost: '508.33', expenses: '0.10' }, grossProfit: '491.67' });
    // A later window starts from everything before it.
    const tail = (await portal.api('GET', `/reports/profitability/series?responsibleId=${solo.id}&from=${last}&to=${last}`)).body.series[0].months;
    expect(tail).toEqual([expect.objectContaining({ month: last, grossProfit: '491.67' })]);
    // The default window: the last twelve months, to this one.
    const byDefault = (await portal.api('GET', `/reports/profitability/series?responsibleId=${solo.id}`)).body;
    expect([byDefault.to, byDefault.series[0].months.length]).toEqual([date(0).slice(0, 7), 12]);
    expect((await portal.api('GET', `/reports/profitability/series?responsibleId=${dev2.id}`)).body.series).toEqual([]);
  });

  it('names what is wrong with a query, and keeps the series to heads and admins', async () => {
    for (const [q, field] of [
      ['from=2026-13', 'from'],
      ['to=2026-1', 'to'],
      ['from=2026-05&to=2026-04', 'to'],
      ['from=2020-01&to=2026-01', 'from'],
      ['pipeline=nope', 'pipeline'],
      ['responsibleId=me', 'responsibleId'],
    ]) {
      const res = await portal.api('GET', `/reports/profitability/series?${q}`);
      expect([q, res.status, res.body.details?.[0]?.field]).toEqual([q, 400, field]);
    }
    expect((await portal.api('GET', '/reports/profitability/series', undefined, manager.token)).status).toBe(403);
  });
});

describe('portals', () => {
  it('never shows one portal another portal’s time, money or projects', async () => {
    const slug = `other-${Date.now()}`;
    await portal.api('POST', '/portals', { name: 'Other', slug, sandbox: true, admin: { email: `a@${slug}.test`, password: 'password-123', name: 'Other admin' } });
    const other = (await portal.api('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'password-123' })).body.accessToken;
    expect((await portal.api('GET', '/time-entries', undefined, other)).body.error).toBe('plugin_not_installed');
    expect((await portal.api('POST', '/marketplace/digital-studio/install', undefined, other)).status).toBe(200);
    const deal = await project('Ours', '1000.00');
    const entry = await log({ dealId: deal, minutes: 60, startedAt: iso(-1) }, dev1.token);
    expect((await portal.api('GET', `/time-entries/${entry.id}`, undefined, other)).status).toBe(404);
    expect((await portal.api('PATCH', `/time-entries/${entry.id}`, { minutes: 1 }, other)).status).toBe(404);
    expect((await portal.api('DELETE', `/time-entries/${entry.id}`, undefined, other)).status).toBe(404);
    expect((await portal.api('GET', '/time-entries', undefined, other)).body.items).toEqual([]);
    expect((await portal.api('POST', '/time-entries', { dealId: deal, minutes: 5 }, other)).body.details[0].field).toBe('dealId');
    expect((await portal.api('GET', `/deals/${deal}/profitability`, undefined, other)).status).toBe(404);
    expect((await portal.api('POST', `/deals/${deal}/expenses`, { amount: 1, note: 'x' }, other)).status).toBe(404);
    expect((await portal.api('PUT', `/users/${dev1.id}/cost-rate`, { hourlyCost: 1, currency: 'UAH', validFrom: date(0) }, other)).status).toBe(404);
    expect((await portal.api('GET', '/reports/profitability', undefined, other)).body.items).toEqual([]);
  });

  it('installs beside a portal’s own pipelines and rules without touching them, and reports what it leaves alone', async () => {
    const slug = `busy-${Date.now()}`;
    await portal.api('POST', '/portals', { name: 'Busy', slug, locale: 'ru', admin: { email: `a@${slug}.test`, password: 'password-123', name: 'Busy admin' } });
    const busy = (await portal.api('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'password-123' })).body.accessToken;
    await portal.api('POST', '/pipelines', { code: 'projects', name: 'Our projects', stages: [{ code: 'doing', name: 'Doing' }, { code: 'done', name: 'Done', kind: 'won' }] }, busy);
    await portal.api('POST', '/pipelines', { code: 'studio_leads', name: 'Our leads', stages: [{ code: 'new', name: 'New' }] }, busy);
    const own = (await portal.api('POST', '/deals', { title: 'Existing', pipeline: 'projects', budget: 500 }, busy)).body;
    const plan = (await portal.api('POST', '/marketplace/digital-studio/install?dryRun=true', undefined, busy)).body.plan;
    expect(plan.filter((s: any) => s.action === 'conflict').map((s: any) => `${s.kind}:${s.code}`)).toEqual(['pipeline:studio_leads', 'automation:studio-lead-to-project']);
    const res = await portal.api('POST', '/marketplace/digital-studio/install', undefined, busy);
    expect(res.status).toBe(200);
    const pipelines = (await portal.api('GET', '/pipelines', undefined, busy)).body as any[];
    expect(pipelines.find((p) => p.code === 'projects')).toMatchObject({ name: 'Our projects', stages: [{ code: 'doing' }, { code: 'done' }] });
    expect(pipelines.find((p) => p.code === 'studio_leads').name).toBe('Our leads');
    expect(pipelines.find((p) => p.code === 'studio_projects').name).toBe('Проекты');
    expect((await portal.api('GET', `/deals/${own.id}`, undefined, busy)).body).toMatchObject({ title: 'Existing', budget: '500.00', stage: { code: 'doing' } });
    // Time on the portal's own deal counts as a project too.
    expect((await portal.api('POST', '/time-entries', { dealId: own.id, minutes: 30 }, busy)).status).toBe(201);
    expect((await portal.api('GET', '/reports/profitability', undefined, busy)).body.items.map((r: any) => r.dealId)).toContain(own.id);
    // Uninstall and reinstall: routes close and open again, rules with the plugin's own types come back.
    expect((await portal.api('POST', '/marketplace/digital-studio/uninstall', undefined, busy)).status).toBe(200);
    expect((await portal.api('GET', '/time-entries', undefined, busy)).body.error).toBe('plugin_not_installed');
    expect((await portal.api('POST', '/marketplace/digital-studio/install', undefined, busy)).status).toBe(200);
    const rules = (await portal.api('GET', '/automations', undefined, busy)).body;
    const list = (Array.isArray(rules) ? rules : rules.items) as any[];
    expect(list.find((r) => r.code === 'studio-remaining-payment')).toMatchObject({ enabled: true });
  });

  it('fills a sandbox with a living studio on install?demo=true', async () => {
    const slug = `demo-${Date.now()}`;
    await portal.api('POST', '/portals', { name: 'Demo', slug, sandbox: true, admin: { email: `a@${slug}.test`, password: 'password-123', name: 'Demo admin' } });
    const demo = (await portal.api('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'password-123' })).body.accessToken;
    expect((await portal.api('POST', '/marketplace/digital-studio/install?demo=true', undefined, demo)).status).toBe(200);
    const report = (await portal.api('GET', '/reports/profitability?limit=200', undefined, demo)).body;
    expect(report.total).toBe(12);
    const losing = report.items.filter((r: any) => Number(r.grossProfit) < 0);
    expect(losing.map((r: any) => r.title).sort()).toEqual(['Інтернет-магазин «Зелений кошик»', 'Рекламація: помилка оплати «Зелений кошик»']);
    expect(losing.every((r: any) => r.alert?.level === 'critical')).toBe(true);
    expect(report.items.filter((r: any) => r.alert).length).toBeGreaterThanOrEqual(4);
    const users = (await portal.api('GET', '/users', undefined, demo)).body;
    // Six people of the studio (the load-balancer, installed first, brings its own demo sales team).
    expect((Array.isArray(users) ? users : users.items).filter((u: any) => u.email.endsWith('@digital-studio.demo'))).toHaveLength(6);
    const entries = (await portal.api('GET', '/time-entries?limit=200', undefined, demo)).body.items;
    expect(entries.length).toBeGreaterThan(100);
  });
});
