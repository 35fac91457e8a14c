import { Controller, Get, Module } from '@nestjs/common';
import { bootTestApp } from '../testing/test-app';
import type { TestApp } from '../testing/test-app';
import type { PluginDescriptor } from './plugin-descriptor';
import { PluginRoute } from './plugin-route.guard';

/** The plugin host through the API: catalog, dependency order, dry run, non-destructive install, uninstall, settings. */

const base: PluginDescriptor = {
  id: 'base',
  version: '1.0.0',
  name: 'Base',
  summary: 'A sales pipeline with a brief field',
  install: {
    fields: [{ entity: 'deal', code: 'brief', name: 'Brief', type: 'string' }],
    pipelines: [
      { code: 'base-sales', name: 'Base sales', stages: [{ code: 'new', name: 'New' }, { code: 'brief', name: 'Brief', rules: { requiredFields: ['brief'] } } as never] },
      { code: 'shared', name: 'Plugin shared', stages: [{ code: 'x', name: 'X' }] },
    ],
    automations: [{ code: 'base-welcome', name: 'Welcome', trigger: { type: 'deal.created', pipeline: 'base-sales' }, actions: [{ type: 'tag.add', tags: ['base'] }] }],
  },
};
const addon: PluginDescriptor = { id: 'addon', version: '1.2.0', name: 'Addon', dependsOn: ['base'], settings: { weight: { type: 'number', default: 1, min: 0, max: 10 }, mode: { type: 'enum', options: ['fast', 'fair'] } } };
const broken: PluginDescriptor = { id: 'broken', version: '1.0.0', name: 'Broken', dependsOn: ['ghost'] };
const cycA: PluginDescriptor = { id: 'cyc-a', version: '1.0.0', name: 'A', dependsOn: ['cyc-b'] };
const cycB: PluginDescriptor = { id: 'cyc-b', version: '1.0.0', name: 'B', dependsOn: ['cyc-a'] };

@Controller('addon')
@PluginRoute('addon')
class AddonController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [AddonController] })
class AddonModule {}

let t: TestApp;
let token = '';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  t = await bootTestApp({ plugins: [base, addon, broken, cycA, cycB], modules: [AddonModule] });
  const slug = `mk-${Date.now()}`;
  await call('POST', '/portals', { name: 'M', slug, admin: { email: 'a@m.test', password: 'password-1', name: 'A' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: 'a@m.test', password: 'password-1' })).body.accessToken;
  await call('POST', '/pipelines', { code: 'shared', name: 'Our own', stages: [{ code: 'mine', name: 'Mine' }] });
}, 120_000);

afterAll(async () => t?.close());

const pipelineCodes = async () => (await call('GET', '/pipelines')).body.map((p: { code: string }) => p.code).sort();

it('lists the catalog, refuses unknown, missing and cyclic dependencies', async () => {
  const list = (await call('GET', '/marketplace')).body;
  expect(list.find((p: { id: string }) => p.id === 'addon')).toEqual({ id: 'addon', name: 'Addon', version: '1.2.0', summary: '', category: 'other', dependsOn: ['base'], installed: false, installedVersion: null, translations: {} });
  expect((await call('POST', '/marketplace/nope/install')).status).toBe(404);
  const missing = await call('POST', '/marketplace/broken/install');
  expect([missing.status, missing.body.error]).toEqual([422, 'plugin_dependency_missing']);
  const cycle = await call('POST', '/marketplace/cyc-a/install');
  expect([cycle.status, cycle.body.error]).toEqual([422, 'plugin_dependency_cycle']);
});

it('dry-runs, installs dependencies first without touching the portal\'s own data, and is idempotent', async () => {
  expect((await call('GET', '/addon/ping')).body.error).toBe('plugin_not_installed');
  const dry = await call('POST', '/marketplace/addon/install?dryRun=true');
  expect(dry.status).toBe(200);
  expect(dry.body.plan).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ plugin: 'base', kind: 'field', action: 'create', code: 'brief' }),
      expect.objectContaining({ plugin: 'base', kind: 'pipeline', action: 'create', code: 'base-sales' }),
      expect.objectContaining({ plugin: 'base', kind: 'pipeline', action: 'conflict', code: 'shared' }),
      expect.objectContaining({ plugin: 'base', kind: 'automation', action: 'create', code: 'base-welcome' }),
      expect.objectContaining({ plugin: 'addon', kind: 'plugin', action: 'install' }),
    ]),
  );
  expect(await pipelineCodes()).toEqual(['shared']);

  const done = await call('POST', '/marketplace/addon/install');
  expect(done.body.installed).toEqual(['base', 'addon']);
  expect(await pipelineCodes()).toEqual(['base-sales', 'shared']);
  const shared = (await call('GET', '/pipelines/shared')).body;
  expect([shared.name, shared.stages.map((s: { code: string }) => s.code)]).toEqual(['Our own', ['mine']]);
  expect((await call('GET', '/automations/base-welcome')).body).toEqual(expect.objectContaining({ pluginId: 'base', enabled: true }));
  expect((await call('GET', '/addon/ping')).body).toEqual({ pong: true });

  const again = await call('POST', '/marketplace/addon/install');
  expect(again.body.steps.filter((s: { action: string }) => s.action !== 'conflict')).toEqual([]);
  expect((await call('GET', '/marketplace')).body.filter((p: { installed: boolean }) => p.installed).map((p: { id: string }) => p.id).sort()).toEqual(['addon', 'base']);
});

it('keeps settings per the plugin schema', async () => {
  expect((await call('GET', '/marketplace/addon/settings')).body.settings).toEqual({ weight: 1 });
  const bad = await call('PATCH', '/marketplace/addon/settings', { weight: 50, mode: 'slow', colour: 'red' });
  expect(bad.status).toBe(400);
  expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'mode', 'weight']);
  expect((await call('PATCH', '/marketplace/addon/settings', { weight: 2.5, mode: 'fair' })).body.settings).toEqual({ weight: 2.5, mode: 'fair' });
});

it('refuses to uninstall a dependency, archives on uninstall, and brings the data back on reinstall', async () => {
  const refused = await call('POST', '/marketplace/base/uninstall');
  expect([refused.status, refused.body.error, refused.body.details]).toEqual([409, 'plugin_required_by', ['addon']]);
  expect((await call('POST', '/marketplace/addon/uninstall')).body).toEqual({ uninstalled: ['addon'], kept: [] });
  expect((await call('GET', '/addon/ping')).status).toBe(404);
  expect((await call('POST', '/marketplace/base/uninstall')).status).toBe(200);
  expect(await pipelineCodes()).toEqual(['shared']);
  expect((await call('GET', '/automations/base-welcome')).body.enabled).toBe(false);
  const back = await call('POST', '/marketplace/base/install');
  expect(back.body.steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'pipeline', action: 'enable', code: 'base-sales' }), expect.objectContaining({ kind: 'automation', action: 'enable', code: 'base-welcome' })]));
  expect(await pipelineCodes()).toEqual(['base-sales', 'shared']);
  expect((await call('GET', '/automations/base-welcome')).body.enabled).toBe(true);
  expect((await call('POST', '/marketplace/base/uninstall?purge=true')).status).toBe(200);
  expect(await pipelineCodes()).toEqual(['shared']);
  expect((await call('GET', '/automations/base-welcome')).status).toBe(404);
});
