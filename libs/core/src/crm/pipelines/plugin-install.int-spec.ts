import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { bootTestApp, TestApp } from '../../testing/test-app';
import { FieldsService } from '../fields/fields.service';
import type { PipelineInput } from './pipeline-definition';
import { PipelinesService } from './pipelines.service';

/**
 * Install data of a plugin (pipelines, stages with rules, custom fields) upserted by code on a real
 * database: idempotent, never erasing what the portal already has, all or nothing in one transaction.
 */
describe('installing pipelines and fields by code', () => {
  let t: TestApp;
  let pipelines: PipelinesService;
  let fields: FieldsService;
  let db: Db;
  let portalId: string;
  let token: string;

  const asPortal = <T>(fn: () => Promise<T>) => RequestContext.asPortal(portalId, fn);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  const WARM: PipelineInput = {
    code: 'warm',
    name: 'Тёплые клиенты',
    stages: [
      { code: 'lead', name: 'Первичный контакт' },
      { code: 'brief', name: 'Бриф', rules: { requiredFields: ['brief'] } },
      { code: 'won', name: 'Успешно', kind: 'won' },
      { code: 'lost', name: 'Закрыто', kind: 'lost', rules: { requiredFields: ['lostReason'] } },
    ],
  };

  beforeAll(async () => {
    t = await bootTestApp();
    pipelines = t.app.get(PipelinesService);
    fields = t.app.get(FieldsService);
    db = t.app.get(Db);
    const signup = await fetch(`${t.url}/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Install', slug: `install-${Date.now()}`, admin: { email: 'i@i.test', password: 'long-password', name: 'I' } }),
    }).then((r) => r.json() as Promise<any>);
    portalId = signup.id;
    token = signup.accessToken;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('plans without writing, then creates, then changes nothing the second time', async () => {
    const brief = { entity: 'deal', code: 'brief', name: 'Бриф', type: 'text' };
    const plan = await asPortal(async () => [...(await fields.install(brief, { dryRun: true })), ...(await pipelines.install(WARM, { dryRun: true, plannedDealFields: ['brief'] }))]);
    expect(plan.map((s) => `${s.action} ${s.kind} ${s.code}`)).toEqual(['create field brief', 'create pipeline warm', 'create stage lead', 'create stage brief', 'create stage won', 'create stage lost']);
    expect((await call('GET', '/pipelines')).body).toEqual([]);
    expect((await call('GET', '/fields')).body).toEqual([]);

    await asPortal(() => db.transaction(async () => [...(await fields.install(brief)), ...(await pipelines.install(WARM))]));
    const [warm] = (await call('GET', '/pipelines')).body;
    expect(warm.stages.map((s: { code: string }) => s.code)).toEqual(['lead', 'brief', 'won', 'lost']);
    expect(warm.stages[3].rules.requiredFields).toEqual(['lostReason']);

    const again = await asPortal(() => db.transaction(async () => [...(await fields.install(brief)), ...(await pipelines.install(WARM))]));
    expect(again).toEqual([]);
  });

  it('adds what the portal lacks around its own stages, keeping its names, order and extra stages', async () => {
    const warm = (await call('GET', '/pipelines/warm')).body;
    const renamed = await call('PATCH', `/pipelines/${warm.id}`, {
      stages: [{ code: 'lead', name: 'Входящие' }, { code: 'callback', name: 'Недозвон' }, { code: 'brief' }, { code: 'won' }, { code: 'lost' }],
    });
    expect(renamed.status).toBe(200);
    const v2: PipelineInput = {
      ...WARM,
      stages: [WARM.stages[0], WARM.stages[1], { code: 'offer', name: 'КП', rules: { noOpenTasks: true } }, { ...WARM.stages[2], rules: { requiredFields: ['budget'] } }, WARM.stages[3]],
    };
    const steps = await asPortal(() => pipelines.install(v2));
    expect(steps).toEqual([
      { kind: 'stage', action: 'create', code: 'offer', pipeline: 'warm' },
      { kind: 'stage', action: 'update', code: 'won', pipeline: 'warm', changes: ['requiredFields: +budget'] },
    ]);
    const after = (await call('GET', '/pipelines/warm')).body;
    expect(after.stages.map((s: { code: string; name: string }) => `${s.code}:${s.name}`)).toEqual(['lead:Входящие', 'callback:Недозвон', 'brief:Бриф', 'offer:КП', 'won:Успешно', 'lost:Закрыто']);
    expect(after.stages.map((s: { id: string }) => s.id).slice(0, 3)).toEqual(renamed.body.stages.map((s: { id: string }) => s.id).slice(0, 3));
    expect(after.stages[3].rules).toEqual({ requiredFields: [], noOpenTasks: true });
  });

  it('widens a field the portal has, and refuses one whose values would not fit, writing nothing', async () => {
    const group = { entity: 'deal', code: 'bloggers', name: 'Блогеры', type: 'group', repeatable: true, fields: [{ code: 'platform', name: 'Площадка', type: 'enum', options: ['Instagram'] }] };
    await asPortal(() => fields.install(group));
    const widened = await asPortal(() => fields.install({ ...group, fields: [{ ...group.fields[0], options: ['Instagram', 'TikTok'] }, { code: 'blogger', name: 'Блогер', type: 'string' }] }));
    expect(widened[0].changes).toEqual(['fields.platform.options: +TikTok', 'fields: +blogger']);

    const before = (await call('GET', '/fields?entity=deal')).body;
    const failing = asPortal(() =>
      db.transaction(async () => {
        await fields.install({ entity: 'deal', code: 'ttn', name: 'ТТН', type: 'string' });
        await fields.install({ entity: 'deal', code: 'brief', name: 'Brief', type: 'number' });
      }),
    );
    await expect(failing).rejects.toMatchObject({ status: 409, code: 'field_definition_conflict' });
    expect((await call('GET', '/fields?entity=deal')).body).toEqual(before);
  });

  it('names the bad part of malformed install data', async () => {
    await expect(asPortal(() => pipelines.install({ code: 'Bad', name: 'x', stages: [{ code: 'a', name: 'A', kind: 'won' }] }, { path: 'pipelines[0]' }))).rejects.toMatchObject({
      status: 400,
      details: [
        { field: 'pipelines[0].code', message: expect.any(String) },
        { field: 'pipelines[0].stages', message: expect.any(String) },
      ],
    });
    // A plugin's type must be registered by a plugin of this build (extensions.int-spec.ts covers the rest).
    await expect(asPortal(() => fields.install({ entity: 'deal', code: 'city', name: 'City', type: 'np.city' }))).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'field.type', message: 'unknown field type "np.city"' }],
    });
  });
});
