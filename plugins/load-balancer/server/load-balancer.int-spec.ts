import { bootPortal } from '@portal/plugin-sdk/testing';
import type { PortalUnderTest } from '@portal/plugin-sdk/testing';
import { loadBalancer } from './index';

/** The load-balancer through the API, on the real database, booted with the SDK's test kit. */

let portal: PortalUnderTest;
let dept: string;
const managers: Record<string, string> = {};
let pipelineId: string;

const loadsOf = async () => {
  const res = await portal.api('GET', `/load-balancer/loads?departmentId=${dept}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.map((m: any) => [m.name, m]));
};

beforeAll(async () => {
  portal = await bootPortal({ plugins: [loadBalancer], install: ['load-balancer'] });
  dept = (await portal.api('POST', '/departments', { name: 'Sales' })).body.id;
  for (const name of ['Ivan', 'Olena', 'Petro', 'Maria']) managers[name] = (await portal.user({ name, roles: ['manager'], departmentId: dept })).id;
  const p = await portal.api('POST', '/pipelines', { code: 'inbound', name: 'Inbound', stages: [{ code: 'new', name: 'New' }, { code: 'won', name: 'Won', kind: 'won' }] });
  pipelineId = p.body.id;
}, 180_000);

afterAll(async () => portal?.close());

it('refuses an unknown department and shows every member with no load yet', async () => {
  expect((await portal.api('GET', '/load-balancer/loads?departmentId=nope')).body.details[0].field).toBe('departmentId');
  const loads = await loadsOf();
  expect(Object.keys(loads).sort()).toEqual(['Ivan', 'Maria', 'Olena', 'Petro']);
  expect(loads['Ivan']).toMatchObject({ load: 0, openTasks: 0, openDeals: 0, absent: false, atCapacity: false });
});

it('weighs open work by effort: task estimates plus open deals × the pipeline weight', async () => {
  const due = new Date(Date.now() + 86_400_000).toISOString();
  await portal.api('POST', '/tasks', { title: 'Estimate', assigneeId: managers['Olena'], dueAt: due, estimateMinutes: 150 });
  await portal.api('POST', '/tasks', { title: 'No estimate', assigneeId: managers['Olena'], dueAt: due });
  await portal.api('POST', '/deals', { title: 'Own', pipeline: 'inbound', responsibleId: managers['Petro'] });
  expect((await portal.api('PATCH', '/marketplace/load-balancer/settings', { pipelineWeights: { inbound: 2.5 } })).status).toBe(200);
  const loads = await loadsOf();
  expect(loads['Olena']).toMatchObject({ load: 3, loadMinutes: 180, openTasks: 2 });
  expect(loads['Petro']).toMatchObject({ load: 2.5, openDeals: 1 });
  expect((await portal.api('PATCH', '/marketplace/load-balancer/settings', { pipelineWeights: { inbound: 'x' } })).body.details[0].field).toBe('pipelineWeights.inbound');
});

it('assigns new deals of a pipeline to the least-loaded member, skipping the absent and those at cap, and says why', async () => {
  const bad = await portal.api('PATCH', `/pipelines/${pipelineId}`, { assignment: { strategy: 'most-loaded', departmentId: dept } });
  expect([bad.status, bad.body.details[0].field]).toEqual([400, 'assignment.strategy']);
  expect((await portal.api('PATCH', `/pipelines/${pipelineId}`, { assignment: { strategy: 'least-loaded', departmentId: dept } })).body.assignment).toEqual({ strategy: 'least-loaded', departmentId: dept });
  const today = new Date().toISOString().slice(0, 10);
  await portal.api('POST', `/users/${managers['Ivan']}/absences`, { from: today, to: today, reason: 'vacation' });
  await portal.api('PATCH', '/marketplace/load-balancer/settings', { userCapacityHours: { [managers['Olena']]: 3 } });
  const deal = (await portal.api('POST', '/deals', { title: 'Incoming', pipeline: 'inbound' })).body;
  expect(deal.responsibleId).toBe(managers['Maria']);
  const timeline = (await portal.api('GET', `/deals/${deal.id}/timeline`)).body.items;
  const assigned = timeline.find((e: any) => e.kind === 'assigned');
  expect(assigned.data.reason).toBe('Maria: load 0 h, lowest of 2 eligible; Ivan absent; Olena at cap (3 h)');
  const loads = await loadsOf();
  expect(loads['Ivan'].absent).toBe(true);
  expect(loads['Olena'].atCapacity).toBe(true);
  // Maria now has 2.5 h, Petro 2.5 h: a tie, broken round-robin (Petro was never picked).
  expect((await portal.api('POST', '/deals', { title: 'Next', pipeline: 'inbound' })).body.responsibleId).toBe(managers['Petro']);
  expect((await portal.api('POST', '/deals', { title: 'Named', pipeline: 'inbound', responsibleId: managers['Ivan'] })).body.responsibleId).toBe(managers['Ivan']);
});

it('serializes 200 deals arriving at once: loads end at most one unit apart', async () => {
  const p = await portal.api('POST', '/pipelines', { code: 'rush', name: 'Rush', stages: [{ code: 'new', name: 'New' }] });
  const team = (await portal.api('POST', '/departments', { name: 'Rush team' })).body.id;
  const rush: string[] = [];
  for (const name of ['A', 'B', 'C', 'D']) rush.push((await portal.user({ name: `Rush ${name}`, roles: ['manager'], departmentId: team })).id);
  await portal.api('PATCH', `/pipelines/${p.body.id}`, { assignment: { strategy: 'least-loaded', departmentId: team } });
  const created = await Promise.all(Array.from({ length: 200 }, (_, i) => portal.api('POST', '/deals', { title: `Rush ${i}`, pipeline: 'rush' })));
  expect(created.every((r) => r.status === 201)).toBe(true);
  const counts = rush.map((id) => created.filter((r) => r.body.responsibleId === id).length);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
}, 120_000);

it('assigns tasks made by a rule with "strategy:least-loaded"', async () => {
  const rule = await portal.api('POST', '/automations', {
    code: 'lb-call',
    name: 'Call the client',
    trigger: { type: 'deal.created', pipeline: 'inbound' },
    actions: [{ type: 'task.create', title: 'Call the client', assignee: 'strategy:least-loaded', estimateMinutes: 30 }],
  });
  expect(rule.status).toBe(201);
  const deal = (await portal.api('POST', '/deals', { title: 'Task please', pipeline: 'inbound', responsibleId: portal.adminId })).body;
  let tasks: any[] = [];
  for (let i = 0; i < 100 && !tasks.length; i++) {
    await new Promise((r) => setTimeout(r, 200));
    tasks = (await portal.api('GET', `/tasks?dealId=${deal.id}`)).body.items ?? [];
  }
  expect(tasks).toHaveLength(1);
  expect(Object.values(managers)).toContain(tasks[0].assigneeId);
  const timeline = (await portal.api('GET', `/deals/${deal.id}/timeline`)).body.items;
  expect(timeline.find((e: any) => e.kind === 'assigned')?.data).toMatchObject({ target: 'task', strategy: 'least-loaded' });
}, 60_000);

it('on a portal without the plugin: its routes answer 404, rules may not use its strategy, pipelines keep the setting idle', async () => {
  expect((await portal.api('POST', '/marketplace/load-balancer/uninstall')).status).toBe(200);
  const loads = await portal.api('GET', '/load-balancer/loads');
  expect([loads.status, loads.body.error]).toEqual([404, 'plugin_not_installed']);
  const rule = await portal.api('POST', '/automations', {
    code: 'lb-idle',
    name: 'Idle',
    trigger: { type: 'deal.created', pipeline: 'inbound' },
    actions: [{ type: 'task.create', title: 'Call', assignee: 'strategy:least-loaded' }],
  });
  expect([rule.status, rule.body.details[0].field]).toEqual([400, 'actions[0].assignee']);
  // The pipeline keeps its setting (it may be set before the plugin is installed): the creator keeps new deals, and the timeline says why.
  expect((await portal.api('PATCH', `/pipelines/${pipelineId}`, { assignment: { strategy: 'least-loaded', departmentId: dept } })).status).toBe(200);
  const deal = (await portal.api('POST', '/deals', { title: 'Orphan', pipeline: 'inbound' })).body;
  expect(deal.responsibleId).toBe(portal.adminId);
  const timeline = (await portal.api('GET', `/deals/${deal.id}/timeline`)).body.items;
  expect(timeline.find((e: any) => e.kind === 'assigned').data.reason).toMatch(/not available on this portal; the creator keeps the deal/);
  expect((await portal.api('POST', '/marketplace/load-balancer/install')).status).toBe(200);
});
