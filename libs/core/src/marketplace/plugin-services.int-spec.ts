import { Controller, Module, Param, Post } from '@nestjs/common';
import { bootTestApp } from '../testing/test-app';
import type { TestApp } from '../testing/test-app';
import type { ActionType, TriggerType } from '../automation/automation.types';
import type { PluginDescriptor } from './plugin-descriptor';
import { PluginRoute } from './plugin-route.guard';
import { PluginServices } from './plugin-services';
import { Db } from '../database/db';

/**
 * What a plugin's own code asks of the portal (a notification, a timeline entry, an event its trigger type
 * hears), and the install data a plugin ships in the portal's language, with its own rule types and a
 * pipeline's assignment; a rule about a pipeline the portal keeps as its own is left out and reported.
 */

const crossed: TriggerType = { type: 'svc.crossed', events: ['svc.crossed'], matches: (t, e) => !t['level'] || t['level'] === e.payload['level'] };
const stamp: ActionType = {
  type: 'svc.stamp',
  async execute(_a, ctx) {
    await ctx.services.changeDeal(ctx.deal!.id, { addTags: ['stamped'] });
  },
};

const svc: PluginDescriptor = {
  id: 'svc',
  version: '1.0.0',
  name: 'Services',
  install: {
    fields: [{ entity: 'deal', code: 'svc_note', name: 'Note', names: { uk: 'Примітка', ru: 'Примечание' }, type: 'string' }],
    pipelines: [
      { code: 'svc-work', name: 'Work', names: { uk: 'Робота', ru: 'Работа' }, assignment: { strategy: 'round-robin' }, stages: [{ code: 'new', name: 'New', names: { uk: 'Нова' } }] },
      { code: 'svc-taken', name: 'Taken', stages: [{ code: 'a', name: 'A' }] },
    ],
    automations: [
      { code: 'svc-own-types', name: 'Own types', trigger: { type: 'svc.crossed', level: 'critical' }, actions: [{ type: 'svc.stamp' }] },
      { code: 'svc-about-taken', name: 'About taken', trigger: { type: 'deal.created', pipeline: 'svc-taken' }, actions: [{ type: 'tag.add', tags: ['x'] }] },
    ],
  },
};

@Controller('svc')
@PluginRoute('svc')
class SvcController {
  constructor(
    private readonly services: PluginServices,
    private readonly db: Db,
  ) {}

  @Post('deals/:id/cross')
  async cross(@Param('id') id: string) {
    await this.services.recordDealEvent('svc.crossed', id, { level: 'critical' });
    await this.services.addDealTimeline(id, 'svc_crossed', { level: 'critical' });
    const [me] = await this.db.query(`SELECT id FROM users WHERE email = 'a@svc.test'`);
    await this.services.notify({ userId: me.id, kind: 'svc', level: 'critical', text: 'Crossed', dealId: id, dedupeKey: `svc:${id}` });
    await this.services.notify({ userId: me.id, kind: 'svc', level: 'critical', text: 'Crossed', dealId: id, dedupeKey: `svc:${id}` });
    return { ok: true };
  }
}

@Module({ controllers: [SvcController] })
class SvcModule {}

let t: TestApp;
let token = '';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  t = await bootTestApp({ plugins: [svc], modules: [SvcModule], automation: [{ pluginId: 'svc', triggers: [crossed], actions: [stamp] }] });
  const slug = `svc-${Date.now()}`;
  await call('POST', '/portals', { name: 'S', slug, sandbox: true, locale: 'uk', admin: { email: 'a@svc.test', password: 'password-1', name: 'A' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: 'a@svc.test', password: 'password-1' })).body.accessToken;
  await call('POST', '/pipelines', { code: 'svc-taken', name: 'Ours', stages: [{ code: 'mine', name: 'Mine' }] });
}, 120_000);

afterAll(async () => t?.close());

it('installs data in the portal language, with its own rule types and a pipeline assignment; skips rules about a kept pipeline', async () => {
  const plan = (await call('POST', '/marketplace/svc/install?dryRun=true')).body.plan;
  expect(plan.filter((s: any) => s.action === 'conflict').map((s: any) => `${s.kind}:${s.code}`)).toEqual(['pipeline:svc-taken', 'automation:svc-about-taken']);
  expect((await call('POST', '/marketplace/svc/install')).status).toBe(200);
  const pipelines = (await call('GET', '/pipelines')).body as any[];
  const work = pipelines.find((p) => p.code === 'svc-work');
  expect([work.name, work.stages[0].name]).toEqual(['Робота', 'Нова']);
  expect(pipelines.find((p) => p.code === 'svc-taken').name).toBe('Ours');
  expect((await call('GET', '/fields?entity=deal')).body.find((f: any) => f.code === 'svc_note').name).toBe('Примітка');
  const rules = (await call('GET', '/automations')).body;
  const codes = (Array.isArray(rules) ? rules : rules.items).map((r: any) => r.code);
  expect(codes).toEqual(['svc-own-types']);
  // Reinstalling after an uninstall re-enables a rule of the plugin's own types.
  expect((await call('POST', '/marketplace/svc/uninstall')).status).toBe(200);
  expect((await call('POST', '/marketplace/svc/install')).status).toBe(200);
  const again = (await call('GET', '/automations')).body;
  expect((Array.isArray(again) ? again : again.items).find((r: any) => r.code === 'svc-own-types').enabled).toBe(true);
});

it('lets a plugin notify once per key, write the timeline and fire its own trigger', async () => {
  const deal = (await call('POST', '/deals', { title: 'D', pipeline: 'svc-work' })).body;
  expect((await call('POST', `/svc/deals/${deal.id}/cross`)).status).toBe(201);
  expect((await call('POST', '/test-clock/advance', { minutes: 1 })).status).toBe(200);
  expect((await call('GET', `/deals/${deal.id}`)).body.tags).toEqual(['stamped']);
  const notes = (await call('GET', '/notifications')).body.items.filter((n: any) => n.dealId === deal.id);
  expect(notes).toEqual([expect.objectContaining({ kind: 'svc', level: 'critical', text: 'Crossed' })]);
  const timeline = (await call('GET', `/deals/${deal.id}/timeline`)).body.items;
  expect(timeline.find((e: any) => e.kind === 'svc_crossed')).toMatchObject({ data: { level: 'critical' } });
  expect((await call('GET', '/pipelines')).body.find((p: any) => p.code === 'svc-work').assignment).toEqual({ strategy: 'round-robin' });
});
