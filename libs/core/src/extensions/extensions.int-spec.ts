import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import { bootTestApp } from '../testing/test-app';
import type { TestApp } from '../testing/test-app';
import type { ChannelMessage } from './extension-points';

/** Stage guards, field types and channel providers of plugins, through the API: each acts only where its plugin is installed. */

const requisites: PluginDescriptor = {
  id: 'requisites',
  version: '1.0.0',
  name: 'Requisites',
  stageGuards: [
    {
      code: 'requisites.companyFilled',
      description: 'the deal has a company with a tax id',
      async check({ portalId, deal, query }) {
        if (!deal.companyId) return 'the deal has no company';
        const [company] = await query(`SELECT tax_id FROM companies WHERE portal_id = $1 AND id = $2`, [portalId, deal.companyId]);
        return company?.tax_id ? null : 'the company has no tax id';
      },
    },
  ],
  // Its own install data may use its guard: the host records the plugin as installed only after applying it.
  install: { pipelines: [{ code: 'b2b', name: 'B2B', stages: [{ code: 'lead', name: 'Lead' }, { code: 'invoice', name: 'Invoice', rules: { guards: ['requisites.companyFilled'] } }] }] },
};

const novaPoshta: PluginDescriptor = {
  id: 'np',
  version: '1.0.0',
  name: 'Nova Poshta',
  fieldTypes: [
    { type: 'np.city', name: 'City', base: 'string', validate: (v) => (/^[\p{L}' -]{2,}$/u.test(String(v)) ? null : 'must be a city name') },
    { type: 'np.warehouse', name: 'Warehouse', base: 'number', validate: (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'must be a warehouse number') },
  ],
  install: { fields: [{ entity: 'deal', code: 'np_warehouse', name: 'Warehouse', type: 'np.warehouse' }] },
};

/** The plugin's own provider: it records what it was asked to send. */
const sent: ChannelMessage[] = [];
const telegram: PluginDescriptor = {
  id: 'tg-bot',
  version: '1.0.0',
  name: 'Telegram bot',
  channels: [
    {
      channel: 'telegram',
      name: 'Telegram',
      validateRecipient: (to) => (/^\+\d{10,15}$/.test(to) ? null : 'not a phone number'),
      async send(msg) {
        sent.push(msg);
        return { providerMessageId: `tg-${sent.length}` };
      },
    },
  ],
};

let t: TestApp;
let token = '';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

async function signUp(name: string, sandbox = false): Promise<void> {
  const slug = `${name}-${Date.now()}`;
  token = '';
  expect((await call('POST', '/portals', { name, slug, sandbox, admin: { email: 'a@x.test', password: 'password-1', name: 'A' } })).status).toBe(201);
  token = (await call('POST', '/auth/login', { portal: slug, email: 'a@x.test', password: 'password-1' })).body.accessToken;
}

const fields = (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);

beforeAll(async () => {
  t = await bootTestApp({ plugins: [requisites, novaPoshta, telegram] });
}, 120_000);

afterAll(async () => t?.close());

describe('stage guards', () => {
  const stages = (guards: string[]) => [
    { code: 'new', name: 'New' },
    { code: 'contract', name: 'Contract', rules: { requiredFields: ['budget'], guards } },
  ];

  it('are refused on pipeline save while unknown or their plugin is not installed', async () => {
    await signUp('guards');
    const unknown = await call('POST', '/pipelines', { code: 'sales', name: 'Sales', stages: stages(['nope.guard']) });
    expect([unknown.status, unknown.body.details]).toEqual([400, [{ field: 'stages[1].rules.guards[0]', message: 'unknown stage guard "nope.guard"' }]]);
    const notInstalled = await call('POST', '/pipelines', { code: 'sales', name: 'Sales', stages: stages(['requisites.companyFilled']) });
    expect(notInstalled.status).toBe(400);
    expect(notInstalled.body.details).toEqual([{ field: 'stages[1].rules.guards[0]', message: expect.stringContaining('plugin requisites, which this portal has not installed') }]);

    expect((await call('POST', '/marketplace/requisites/install')).status).toBe(200);
    expect((await call('GET', '/pipelines/b2b')).body.stages[1].rules).toEqual({ requiredFields: [], noOpenTasks: false, guards: ['requisites.companyFilled'] });
    const created = await call('POST', '/pipelines', { code: 'sales', name: 'Sales', stages: stages(['requisites.companyFilled']) });
    expect(created.status).toBe(201);
    expect(created.body.stages.map((s: { rules: unknown }) => s.rules)).toEqual([
      { requiredFields: [], noOpenTasks: false },
      { requiredFields: ['budget'], noOpenTasks: false, guards: ['requisites.companyFilled'] },
    ]);
    const listed = (await call('GET', '/pipelines')).body.find((p: { code: string }) => p.code === 'sales');
    expect(listed.stages[1].rules.guards).toEqual(['requisites.companyFilled']);

    const patchUnknown = await call('PATCH', '/pipelines/sales', { stages: [{ code: 'new', rules: { guards: ['nope.guard'] } }, { code: 'contract' }] });
    expect([patchUnknown.status, fields(patchUnknown)]).toEqual([400, ['stages[0].rules.guards[0]']]);
    // Rules edited without `guards` keep the stage's guards.
    const patched = await call('PATCH', '/pipelines/sales', { stages: [{ code: 'new' }, { code: 'contract', rules: { requiredFields: ['budget'], noOpenTasks: false } }] });
    expect(patched.body.stages[1].rules.guards).toEqual(['requisites.companyFilled']);
  });

  it('refuse a move (422 next to the other unmet rules) until the deal is fixed, and are skipped once their plugin is gone', async () => {
    const company = (await call('POST', '/companies', { name: 'Acme' })).body.id;
    const deal = (await call('POST', '/deals', { title: 'Order', pipeline: 'sales', companyId: company })).body.id;
    const refused = await call('PATCH', `/deals/${deal}`, { stage: 'contract' });
    expect([refused.status, refused.body.error]).toEqual([422, 'stage_rules_unmet']);
    expect(refused.body.details).toEqual([
      { rule: 'requiredField', field: 'budget' },
      { rule: 'guard', guard: 'requisites.companyFilled', message: 'the company has no tax id' },
    ]);
    const createdThere = await call('POST', '/deals', { title: 'Straight in', pipeline: 'sales', stage: 'contract', budget: '10.00' });
    expect([createdThere.status, createdThere.body.details]).toEqual([422, [{ rule: 'guard', guard: 'requisites.companyFilled', message: 'the deal has no company' }]]);
    expect((await call('GET', `/deals/${deal}`)).body.stage.code).toBe('new');

    expect((await call('PATCH', `/companies/${company}`, { taxId: '14360570' })).status).toBe(200);
    const moved = await call('PATCH', `/deals/${deal}`, { stage: 'contract', budget: '1500.00' });
    expect([moved.status, moved.body.stage?.code, moved.body.budget]).toEqual([200, 'contract', '1500.00']);

    expect((await call('POST', '/marketplace/requisites/uninstall')).status).toBe(200);
    const noCompany = (await call('POST', '/deals', { title: 'No company', pipeline: 'sales', budget: '5.00' })).body.id;
    expect((await call('PATCH', `/deals/${noCompany}`, { stage: 'contract' })).status).toBe(200);
  });
});

describe('field types', () => {
  it('are accepted once their plugin is installed, and check values as their base type, then with the plugin', async () => {
    await signUp('fieldtypes');
    const before = await call('POST', '/fields', { entity: 'deal', code: 'city', name: 'City', type: 'np.city' });
    expect(before.status).toBe(400);
    expect(before.body.details).toEqual([{ field: 'type', message: expect.stringContaining('plugin np, which this portal has not installed') }]);

    expect((await call('POST', '/marketplace/np/install')).status).toBe(200);
    const unknown = await call('POST', '/fields', { entity: 'deal', code: 'street', name: 'Street', type: 'np.street' });
    expect([unknown.status, unknown.body.details]).toEqual([400, [{ field: 'type', message: 'unknown field type "np.street"' }]]);
    const created = await call('POST', '/fields', { entity: 'deal', code: 'city', name: 'City', type: 'np.city' });
    expect([created.status, created.body.type]).toEqual([201, 'np.city']);
    const listed = (await call('GET', '/fields?entity=deal')).body;
    expect(listed.map((f: { code: string; type: string }) => [f.code, f.type])).toEqual([
      ['np_warehouse', 'np.warehouse'],
      ['city', 'np.city'],
    ]);

    await call('POST', '/pipelines', { code: 'shipping', name: 'Shipping', stages: [{ code: 'new', name: 'New' }] });
    const deal = (f: Record<string, unknown>) => call('POST', '/deals', { title: 'Parcel', pipeline: 'shipping', fields: f });
    expect((await deal({ city: 42 })).body.details).toEqual([{ field: 'fields.city', message: 'must be a string' }]);
    expect((await deal({ city: 'K1ev!' })).body.details).toEqual([{ field: 'fields.city', message: 'must be a city name' }]);
    const badWarehouse = await deal({ np_warehouse: '0' });
    expect([badWarehouse.status, badWarehouse.body.details]).toEqual([400, [{ field: 'fields.np_warehouse', message: 'must be a warehouse number' }]]);
    const ok = await deal({ city: 'Київ', np_warehouse: '12' });
    expect([ok.status, ok.body.fields]).toEqual([201, { city: 'Київ', np_warehouse: 12 }]);
  });
});

describe('channel providers', () => {
  const rule = (channel: string) => ({
    code: 'order-note',
    name: 'Tell the client',
    trigger: { type: 'deal.created', pipeline: 'orders' },
    actions: [{ type: 'message.send', channel, to: 'contact', template: 'Hi {{contact.name}}: {{deal.title}}' }],
  });

  it('are refused in a rule while the plugin is not installed, and deliver through the plugin exactly once', async () => {
    await signUp('channels', true);
    await call('POST', '/pipelines', { code: 'orders', name: 'Orders', stages: [{ code: 'new', name: 'New' }] });
    const notInstalled = await call('POST', '/automations', rule('telegram'));
    expect(notInstalled.status).toBe(400);
    expect(notInstalled.body.details).toEqual([{ field: 'actions[0].channel', message: expect.stringContaining('plugin tg-bot, which this portal has not installed') }]);
    const unknown = await call('POST', '/automations', rule('pigeon'));
    expect([unknown.status, fields(unknown)]).toEqual([400, ['actions[0].channel']]);

    expect((await call('POST', '/marketplace/tg-bot/install')).status).toBe(200);
    expect((await call('POST', '/automations', rule('telegram'))).status).toBe(201);
    const contact = (await call('POST', '/contacts', { name: 'Ann', phones: ['+380671234567'] })).body.id;
    const deal = (await call('POST', '/deals', { title: 'Order 7', pipeline: 'orders', contactIds: [contact] })).body.id;
    expect(sent).toEqual([]);

    expect((await call('POST', '/test-clock/advance', { minutes: 1 })).status).toBe(200);
    expect(sent).toEqual([{ to: '+380671234567', text: 'Hi Ann: Order 7', idempotencyKey: expect.any(String) }]);
    expect((await call('POST', '/test-clock/advance', { minutes: 30 })).status).toBe(200);
    expect(sent).toHaveLength(1);
    const runs = (await call('GET', `/automations/runs?dealId=${deal}`)).body.items;
    expect(runs).toEqual([expect.objectContaining({ status: 'done', result: { actions: [{ type: 'message.send', channel: 'telegram', to: ['+380671234567'] }] } })]);
  });
});
