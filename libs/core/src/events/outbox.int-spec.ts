import { DataSource } from 'typeorm';
import { bootTestApp, TestApp } from '../testing/test-app';

/**
 * Every change automations react to is in the outbox, written in the same transaction as the change:
 * a refused change leaves no event behind. Runs the whole app on a real database (PGlite or DATABASE_URL).
 */
describe('outbox of domain events', () => {
  let t: TestApp;
  let db: DataSource;
  let token: string;
  let portalId: string;

  const call = async (method: string, path: string, body?: unknown, form?: FormData) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: form ?? (body ? JSON.stringify(body) : undefined),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const events = async (aggregateId: string) =>
    (await db.query(`SELECT type, payload FROM outbox WHERE portal_id = $1 AND aggregate_id = $2 ORDER BY id`, [portalId, aggregateId])) as {
      type: string;
      payload: Record<string, any>;
    }[];

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    const slug = `outbox-${Date.now()}`;
    const signup = await fetch(`${t.url}/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Outbox', slug, admin: { email: 'o@o.test', password: 'long-password', name: 'O' } }),
    }).then((r) => r.json() as Promise<any>);
    portalId = signup.id;
    token = signup.accessToken;
    await call('POST', '/fields', { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' });
    await call('POST', '/pipelines', {
      code: 'sales',
      name: 'Sales',
      stages: [
        { code: 'new', name: 'New' },
        { code: 'brief', name: 'Brief', rules: { requiredFields: ['brief'], noOpenTasks: true } },
      ],
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records deal.created, stage.left/entered and field.changed with the change, and nothing for a refused move', async () => {
    const deal = await call('POST', '/deals', { title: 'D', pipeline: 'sales', budget: '100.00' });
    expect(deal.status).toBe(201);
    expect((await events(deal.body.id)).map((e) => e.type)).toEqual(['deal.created', 'stage.entered']);

    const task = await call('POST', '/tasks', { title: 'Brief call', assigneeId: deal.body.responsibleId, dueAt: '2030-01-01T10:00:00Z', dealId: deal.body.id, resultOptions: ['Approved', 'Not approved'] });
    expect(task.status).toBe(201);

    const refused = await call('PATCH', `/deals/${deal.body.id}`, { stage: 'brief', budget: '200.00' });
    expect(refused.status).toBe(422);
    expect((await events(deal.body.id)).map((e) => e.type)).toEqual(['deal.created', 'stage.entered']);

    const completed = await call('POST', `/tasks/${task.body.id}/complete`, { result: 'Approved' });
    expect(completed.status).toBe(200);
    const taskEvents = await events(task.body.id);
    expect(taskEvents.map((e) => e.type)).toContain('task.completed');
    expect(taskEvents.find((e) => e.type === 'task.completed')!.payload).toMatchObject({ taskId: task.body.id, dealId: deal.body.id, result: 'Approved' });

    const moved = await call('PATCH', `/deals/${deal.body.id}`, { stage: 'brief', fields: { brief: 'Launch' } });
    expect(moved.status).toBe(200);
    const types = (await events(deal.body.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['stage.left', 'stage.entered', 'field.changed']));
    expect(types.filter((x) => x === 'stage.entered')).toHaveLength(2);
  });

  it('records file.attached with the original name', async () => {
    const deal = await call('POST', '/deals', { title: 'F', pipeline: 'sales' });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'Коммерческое предложение.pdf');
    const up = await call('POST', `/deals/${deal.body.id}/files`, undefined, form);
    expect(up.status).toBe(201);
    const ev = (await events(deal.body.id)).find((e) => e.type === 'file.attached');
    expect(ev?.payload).toMatchObject({ name: 'Коммерческое предложение.pdf' });
  });
});
