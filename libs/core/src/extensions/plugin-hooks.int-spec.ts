import { bootTestApp } from '../testing/test-app';
import type { TestApp } from '../testing/test-app';
import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import { Db } from '../database/db';

/**
 * The hooks a plugin like `training` builds on, with two tiny plugins: `library` plays the `notes` other plugins
 * ship (whichever is installed first), explains refused stage moves, and says who passed a course; `shipper` ships notes.
 */

const library: PluginDescriptor = {
  id: 'library',
  version: '1.0.0',
  name: 'Library',
  schema: [{ timestamp: 1764950000000, name: 'hk-played', up: [`CREATE TABLE hk_played (portal_id uuid NOT NULL, source text NOT NULL, item text NOT NULL, PRIMARY KEY (portal_id, source, item))`] }],
  install: { notes: ['own'] } as never,
  dataConsumers: {
    notes: async (ctx, { pluginId, items }) => {
      for (const item of items) await ctx.query(`INSERT INTO hk_played VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [ctx.portalId, pluginId, String(item)]);
    },
  },
  refusalHelp: async (_ctx, r) => [{ courseId: 'course-1', lessonId: `lesson-${r.rule}`, title: `${r.pipeline}/${r.stage}/${r.rule}` }],
  coursePassers: async (ctx, courseId, userIds) =>
    (await ctx.query(`SELECT id FROM users WHERE portal_id = $1 AND id = ANY($2::uuid[]) AND name LIKE 'Trained %' AND $3::text IS NOT NULL`, [ctx.portalId, userIds, courseId])).map((r) => r.id),
};
const shipper: PluginDescriptor = { id: 'shipper', version: '1.0.0', name: 'Shipper', install: { notes: ['a', 'b'] } as never };

let t: TestApp;

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

async function portal(): Promise<{ token: string; id: string }> {
  const slug = `hk-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const created = await call('', 'POST', '/portals', { name: 'Hooks', slug, admin: { email: `a@${slug}.test`, password: 'password-1', name: 'Admin' } });
  const login = await call('', 'POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'password-1' });
  return { token: login.body.accessToken, id: created.body.id };
}

async function played(portalId: string): Promise<string[]> {
  const rows = await t.app.get(Db).dataSource.query(`SELECT source, item FROM hk_played WHERE portal_id = $1 ORDER BY source, item`, [portalId]);
  return rows.map((r: { source: string; item: string }) => `${r.source}:${r.item}`);
}

beforeAll(async () => {
  t = await bootTestApp({ plugins: [library, shipper] });
}, 120_000);

afterAll(async () => t?.close());

describe('dataConsumers', () => {
  it('plays what installed plugins ship when the consumer arrives, and what arrives after it', async () => {
    const first = await portal();
    const shipped = await call(first.token, 'POST', '/marketplace/shipper/install');
    expect(shipped.body.steps.filter((s: any) => s.kind === 'data')).toEqual([]);
    const lib = await call(first.token, 'POST', '/marketplace/library/install');
    expect(lib.body.steps.filter((s: any) => s.kind === 'data').map((s: any) => `${s.consumer}<${s.code}`).sort()).toEqual(['library<notes:library', 'library<notes:shipper']);
    expect(await played(first.id)).toEqual(['library:own', 'shipper:a', 'shipper:b']);
    await call(first.token, 'POST', '/marketplace/library/install'); // a reinstall plays again, idempotently
    expect(await played(first.id)).toEqual(['library:own', 'shipper:a', 'shipper:b']);

    const second = await portal();
    await call(second.token, 'POST', '/marketplace/library/install');
    const later = await call(second.token, 'POST', '/marketplace/shipper/install');
    expect(later.body.steps.filter((s: any) => s.kind === 'data').map((s: any) => `${s.consumer}<${s.code}`)).toEqual(['library<notes:shipper']);
    expect(await played(second.id)).toEqual(['library:own', 'shipper:a', 'shipper:b']);
  });
});

describe('refusalHelp and coursePassers', () => {
  let p: { token: string; id: string };
  let pipelineId = '';
  beforeAll(async () => {
    p = await portal();
    const pipeline = await call(p.token, 'POST', '/pipelines', {
      code: 'sales',
      name: 'Sales',
      stages: [
        { code: 'new', name: 'New' },
        { code: 'offer', name: 'Offer', rules: { requiredFields: ['budget'] } },
      ],
    });
    pipelineId = pipeline.body.id;
  });

  it('adds no help to a refused move where no helping plugin is installed', async () => {
    const deal = await call(p.token, 'POST', '/deals', { title: 'No help yet', pipeline: 'sales' });
    const moved = await call(p.token, 'PATCH', `/deals/${deal.body.id}`, { stage: 'offer' });
    expect([moved.status, moved.body.error, moved.body.help]).toEqual([422, 'stage_rules_unmet', undefined]);
  });

  it('gives the 422 of a refused move the installed plugins\' help for the refused rule', async () => {
    await call(p.token, 'POST', '/marketplace/library/install');
    const deal = await call(p.token, 'POST', '/deals', { title: 'Help me', pipeline: 'sales' });
    const moved = await call(p.token, 'PATCH', `/deals/${deal.body.id}`, { stage: 'offer' });
    expect([moved.status, moved.body.error]).toEqual([422, 'stage_rules_unmet']);
    expect(moved.body.details).toEqual([{ rule: 'requiredField', field: 'budget' }]);
    expect(moved.body.help).toEqual([{ courseId: 'course-1', lessonId: 'lesson-requiredFields', title: 'sales/offer/requiredFields' }]);
  });

  it('assigns new deals only to those who passed the pipeline\'s required course', async () => {
    const mk = async (name: string) => (await call(p.token, 'POST', '/users', { email: `${name.replace(/\W/g, '').toLowerCase()}@hk.test`, name, password: 'password-1', roles: ['manager'] })).body.id;
    await mk('Bob Untrained');
    const ann = await mk('Trained Ann');
    const set = await call(p.token, 'PATCH', `/pipelines/${pipelineId}`, { assignment: { strategy: 'round-robin', requiresCourseId: '00000000-0000-4000-8000-00000000c0de' } });
    expect(set.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const deal = await call(p.token, 'POST', '/deals', { title: `Lead ${i}`, pipeline: 'sales' });
      expect(deal.body.responsibleId).toBe(ann);
    }
    await call(p.token, 'POST', '/marketplace/library/uninstall');
    const gated = await call(p.token, 'POST', '/deals', { title: 'Nobody trained', pipeline: 'sales' });
    expect(gated.body.responsibleId).not.toBe(ann);
    const timeline = (await call(p.token, 'GET', `/deals/${gated.body.id}/timeline`)).body.items;
    expect(JSON.stringify(timeline.find((e: any) => e.kind === 'assigned'))).toMatch(/requires a passed course/);
  });
});
