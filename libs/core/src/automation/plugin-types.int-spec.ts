import { DomainEvents } from '../events/domain-events';
import { bootTestApp } from '../testing/test-app';
import type { TestApp } from '../testing/test-app';
import type { ActionType, TriggerType } from './automation.types';

/** A plugin's trigger and action types plug into the same registries as core's, and act only where the plugin is installed. */

const stamp: ActionType = {
  type: 'test.stamp',
  async validate(a) {
    return typeof a['tag'] === 'string' ? [] : [{ field: 'tag', message: 'is required' }];
  },
  async execute(a, ctx) {
    await ctx.services.changeDeal((ctx.deal as { id: string }).id, { addTags: [String(a['tag'])] });
    return { stamped: a['tag'] };
  },
};

const bigDeal: TriggerType = {
  type: 'test.bigDeal',
  events: [DomainEvents.DealCreated],
  matches: (t, e) => Number(e.payload['budget'] ?? 0) >= Number(t['min'] ?? 0),
};

let t: TestApp;
let token: string;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  t = await bootTestApp({ automation: [{ pluginId: 'stamper', actions: [stamp], triggers: [bigDeal] }], plugins: [{ id: 'stamper', version: '1.0.0', name: 'Stamper' }] });
}, 120_000);

afterAll(async () => t?.close());

it('accepts, validates and runs a plugin action on a plugin trigger', async () => {
  const slug = `plug2-${Date.now()}`;
  await call('POST', '/portals', { name: 'P', slug, sandbox: true, admin: { email: 'a@p.test', password: 'password-1', name: 'A' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: 'a@p.test', password: 'password-1' })).body.accessToken;
  await call('POST', '/pipelines', { code: 'p', name: 'P', stages: [{ code: 's', name: 'S' }] });
  const rule = { code: 'r', name: 'R', trigger: { type: 'test.bigDeal', min: 1000 }, actions: [{ type: 'test.stamp', tag: 'big' }] };
  const notInstalled = await call('POST', '/automations', rule);
  expect(notInstalled.status).toBe(400);
  expect(notInstalled.body.details.map((d: { field: string }) => d.field)).toEqual(['trigger.type', 'actions[0].type']);
  expect((await call('POST', '/marketplace/stamper/install')).status).toBe(200);
  const bad = await call('POST', '/automations', { code: 'r', name: 'R', trigger: { type: 'test.bigDeal', min: 1000 }, actions: [{ type: 'test.stamp' }] });
  expect(bad.status).toBe(400);
  expect(bad.body.details).toEqual([{ field: 'actions[0].tag', message: 'is required' }]);
  expect((await call('POST', '/automations', { code: 'r', name: 'R', trigger: { type: 'test.bigDeal', min: 1000 }, actions: [{ type: 'test.stamp', tag: 'big' }] })).status).toBe(201);
  const small = (await call('POST', '/deals', { title: 'Small', pipeline: 'p', budget: 10 })).body.id;
  const big = (await call('POST', '/deals', { title: 'Big', pipeline: 'p', budget: 5000 })).body.id;
  expect((await call('POST', '/test-clock/advance', { minutes: 1 })).status).toBe(200);
  expect((await call('GET', `/deals/${big}`)).body.tags).toEqual(['big']);
  expect((await call('GET', `/deals/${small}`)).body.tags).toEqual([]);
  const runs = (await call('GET', `/automations/runs?dealId=${big}`)).body.items;
  expect(runs).toEqual([expect.objectContaining({ status: 'done', result: { actions: [{ type: 'test.stamp', stamped: 'big' }] } })]);
});
