import { randomUUID } from 'node:crypto';
import { Session, addUser, api, baseUrl, signUp } from './support/api';

/** A portal with a sales pipeline whose "brief" stage has rules, and a custom field the rule names. */
async function salesPortal(): Promise<Session> {
  const s = await signUp();
  const field = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'string' } });
  expect(field.status).toBe(201);
  const pipeline = await api('POST', '/pipelines', {
    token: s.token,
    body: {
      code: 'sales',
      name: 'Sales',
      stages: [
        { code: 'lead', name: 'Lead' },
        { code: 'brief', name: 'Brief', rules: { requiredFields: ['budget', 'brief', 'contactIds'], noOpenTasks: true } },
        { code: 'won', name: 'Won', kind: 'won' },
        { code: 'lost', name: 'Lost', kind: 'lost' },
      ],
    },
  });
  expect(pipeline.status).toBe(201);
  const other = await api('POST', '/pipelines', {
    token: s.token,
    body: { code: 'realization', name: 'Realization', stages: [{ code: 'start', name: 'Start' }, { code: 'done', name: 'Done', kind: 'won' }] },
  });
  expect(other.status).toBe(201);
  return s;
}

async function createDeal(s: Session, body: Record<string, unknown> = {}) {
  const res = await api('POST', '/deals', { token: s.token, body: { title: 'Deal', pipeline: 'sales', ...body } });
  if (res.status !== 201) throw new Error(`deal create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function createContact(s: Session, name = 'Olena') {
  const res = await api('POST', '/contacts', { token: s.token, body: { name }, headers: {} });
  if (res.status !== 201) throw new Error(`contact create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const fields = (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);

describe('deals: create and read', () => {
  let s: Session;
  beforeAll(async () => {
    s = await salesPortal();
  });

  it('creates a deal in the first stage of the pipeline, the caller responsible, and reads it back', async () => {
    const created = await api('POST', '/deals', { token: s.token, body: { title: '  Website redesign ', pipeline: 'sales', budget: 1500.5, tags: [' VIP ', 'vip', 'Partner'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      title: 'Website redesign',
      pipeline: { id: expect.any(String), code: 'sales' },
      stage: { id: expect.any(String), code: 'lead', kind: 'open' },
      budget: '1500.50',
      currency: 'UAH',
      responsibleId: s.userId,
      fields: {},
      tags: ['VIP', 'Partner'],
      contactIds: [],
      companyId: null,
      lostReason: null,
      closedAt: null,
    });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();
    expect(created.body.updatedAt).toBe(created.body.createdAt);
    const read = await api('GET', `/deals/${created.body.id}`, { token: s.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps money exact: decimal strings round-trip, floats become two places', async () => {
    const a = await createDeal(s, { budget: '0.10' });
    const b = await createDeal(s, { budget: '0.20' });
    const c = await createDeal(s, { budget: 0.3 });
    const d = await createDeal(s, { budget: '999999999999.99' });
    expect([a.budget, b.budget, c.budget, d.budget]).toEqual(['0.10', '0.20', '0.30', '999999999999.99']);
    const patched = await api('PATCH', `/deals/${a.id}`, { token: s.token, body: { budget: '1234567.89' } });
    expect(patched.body.budget).toBe('1234567.89');
    const cleared = await api('PATCH', `/deals/${a.id}`, { token: s.token, body: { budget: null } });
    expect(cleared.body.budget).toBeNull();
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    for (const budget of ['12.345', 'abc', -5, 0.30000000000000004, true, {}]) {
      const res = await api('POST', '/deals', { token: s.token, body: { title: 'X', pipeline: 'sales', budget } });
      expect(res.status).toBe(400);
      expect(fields(res)).toContain('budget');
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'X', pipeline: 'nope' }, 'pipeline'],
      [{ title: 'X', pipeline: 'sales', stage: 'nope' }, 'stage'],
      [{ title: '   ', pipeline: 'sales' }, 'title'],
      [{ pipeline: 'sales' }, 'title'],
      [{ title: 'X', pipeline: 'sales', responsibleId: randomUUID() }, 'responsibleId'],
      [{ title: 'X', pipeline: 'sales', responsibleId: 'not-a-uuid' }, 'responsibleId'],
      [{ title: 'X', pipeline: 'sales', contactIds: [randomUUID()] }, 'contactIds[0]'],
      [{ title: 'X', pipeline: 'sales', companyId: randomUUID() }, 'companyId'],
      [{ title: 'X', pipeline: 'sales', fields: { nosuchfield: 1 } }, 'fields.nosuchfield'],
      [{ title: 'X', pipeline: 'sales', tags: ['ok', ' '] }, 'tags[1]'],
      [{ title: 'X', pipeline: 'sales', currency: 'hryvnia' }, 'currency'],
      [{ title: 'X', pipeline: 'sales', extra: 1 }, 'extra'],
      [{ title: 'X', pipeline: 'sales', lostReason: 'why' }, 'lostReason'],
    ];
    for (const [body, field] of cases) {
      const res = await api('POST', '/deals', { token: s.token, body });
      expect({ field, status: res.status, error: res.body.error }).toEqual({ field, status: 400, error: 'validation_failed' });
      expect(fields(res)).toContain(field);
    }
    const tooMany = await api('POST', '/deals', { token: s.token, body: { title: 'X', pipeline: 'sales', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toContain('tags');
    const patch = await api('PATCH', `/deals/${(await createDeal(s)).id}`, { token: s.token, body: { title: null, stage: 'nowhere' } });
    expect(patch.status).toBe(400);
  });

  it('answers 404 for unknown ids', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await api('GET', `/deals/${id}`, { token: s.token })).status).toBe(404);
      expect((await api('PATCH', `/deals/${id}`, { token: s.token, body: { title: 'x' } })).status).toBe(404);
      expect((await api('DELETE', `/deals/${id}`, { token: s.token })).status).toBe(404);
      expect((await api('POST', `/deals/${id}/copy`, { token: s.token, body: {} })).status).toBe(404);
      expect((await api('GET', `/deals/${id}/timeline`, { token: s.token })).status).toBe(404);
    }
  });

  it('creates straight into a later stage only when its rules are met', async () => {
    const refused = await api('POST', '/deals', { token: s.token, body: { title: 'X', pipeline: 'sales', stage: 'brief', budget: '10' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('stage_rules_unmet');
    expect(refused.body.details).toEqual([
      { rule: 'requiredField', field: 'brief' },
      { rule: 'requiredField', field: 'contactIds' },
    ]);
    const contactId = await createContact(s);
    const ok = await createDeal(s, { stage: 'brief', budget: '10', fields: { brief: 'https://docs/brief' }, contactIds: [contactId] });
    expect(ok.stage.code).toBe('brief');
    expect(ok.contactIds).toEqual([contactId]);
    const won = await createDeal(s, { stage: 'won' });
    expect(won.stage.kind).toBe('won');
    expect(won.closedAt).not.toBeNull();
  });
});

describe('deals: list', () => {
  it('filters by pipeline, stage, responsible, tag and title, and pages without gaps or repeats', async () => {
    const s = await salesPortal();
    const manager = await addUser(s, ['manager']);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = await createDeal(s, { title: i % 2 ? `Odd 100% deal ${i}` : `Even deal ${i}`, tags: i < 3 ? ['Hot'] : [], responsibleId: i === 6 ? manager.userId : undefined });
      ids.push(d.id);
    }
    const inRealization = await createDeal(s, { pipeline: 'realization', title: 'Odd elsewhere' });

    const all: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } = await api(
        'GET',
        `/deals?pipeline=sales&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: s.token },
      );
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(all.map((d) => d.id).sort()).toEqual([...ids].sort());
    // newest first; deals created in the same millisecond follow their ids, descending
    const order = [...all].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    expect(all).toEqual(order);

    const byStage = await api('GET', '/deals?pipeline=sales&stage=lead', { token: s.token });
    expect(byStage.body.items).toHaveLength(7);
    expect(byStage.body.items[0]).toMatchObject({ pipeline: { code: 'sales' }, stage: { code: 'lead', kind: 'open' }, contactIds: [] });
    const pipelineId = byStage.body.items[0].pipeline.id;
    expect((await api('GET', `/deals?pipeline=${pipelineId}`, { token: s.token })).body.items).toHaveLength(7);
    expect((await api('GET', '/deals?stage=start', { token: s.token })).body.items.map((d: { id: string }) => d.id)).toEqual([inRealization.id]);
    expect((await api('GET', '/deals', { token: s.token })).body.items).toHaveLength(8);
    expect((await api('GET', '/deals?tag=hot', { token: s.token })).body.items).toHaveLength(3);
    expect((await api('GET', `/deals?responsibleId=${manager.userId}`, { token: s.token })).body.items.map((d: { id: string }) => d.id)).toEqual([ids[6]]);
    expect((await api('GET', '/deals?q=odd', { token: s.token })).body.items).toHaveLength(4);
    expect((await api('GET', '/deals?q=100%25', { token: s.token })).body.items).toHaveLength(3);
    expect((await api('GET', '/deals?q=odd&pipeline=sales', { token: s.token })).body.items).toHaveLength(3);

    for (const [query, field] of [
      ['pipeline=nope', 'pipeline'],
      ['pipeline=sales&stage=nope', 'stage'],
      ['stage=nope', 'stage'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['responsibleId=x', 'responsibleId'],
    ]) {
      const res = await api('GET', `/deals?${query}`, { token: s.token });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(fields(res)).toContain(field);
    }
  });
});

describe('deals: stage moves and their rules', () => {
  it('refuses a move naming EVERY unmet rule and writes nothing; the same move with the missing fields succeeds', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s, { title: 'Brief me' });
    const task = await api('POST', '/tasks', { token: s.token, body: { title: 'Call', assigneeId: s.userId, dueAt: new Date(Date.now() + 86400000).toISOString(), dealId: deal.id } });
    expect(task.status).toBe(201);

    const refused = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { stage: 'brief', title: 'Renamed', tags: ['x'] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('stage_rules_unmet');
    expect(refused.body.details).toEqual([
      { rule: 'requiredField', field: 'budget' },
      { rule: 'requiredField', field: 'brief' },
      { rule: 'requiredField', field: 'contactIds' },
      { rule: 'noOpenTasks', taskIds: [task.body.id] },
    ]);
    const unchanged = await api('GET', `/deals/${deal.id}`, { token: s.token });
    expect(unchanged.body).toEqual(deal);
    const timeline = await api('GET', `/deals/${deal.id}/timeline`, { token: s.token });
    const before = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(before).toContain('created');
    expect(before).not.toContain('stage_moved');
    expect(before).not.toContain('field_changed');

    const done = await api('POST', `/tasks/${task.body.id}/complete`, { token: s.token, body: {} });
    expect([200, 201]).toContain(done.status);
    const contactId = await createContact(s);
    const moved = await api('PATCH', `/deals/${deal.id}`, {
      token: s.token,
      body: { stage: 'brief', budget: '25000', fields: { brief: 'https://docs/brief' }, contactIds: [contactId] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: { code: 'brief' }, budget: '25000.00', fields: { brief: 'https://docs/brief' }, contactIds: [contactId] });
    expect(Date.parse(moved.body.stageEnteredAt)).toBeGreaterThanOrEqual(Date.parse(deal.stageEnteredAt));

    const kinds = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds[kinds.length - 1]).toBe('created');
    expect(kinds).toContain('stage_moved');
    expect(kinds.filter((k: string) => k === 'field_changed').length).toBe(3);
  });

  it('stores the loss reason in a lost stage, closes won and lost deals, reopens on the way back', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const lost = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { stage: 'lost', lostReason: 'Too expensive' } });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ stage: { code: 'lost', kind: 'lost' }, lostReason: 'Too expensive', closedAt: expect.any(String) });
    const history = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items;
    expect(history).toContainEqual(expect.objectContaining({ kind: 'stage_moved', data: expect.objectContaining({ lostReason: 'Too expensive' }) }));
    expect(history).toContainEqual(expect.objectContaining({ kind: 'field_changed', data: { field: 'lostReason', from: null, to: 'Too expensive' } }));
    const back = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { stage: 'lead' } });
    expect(back.body).toMatchObject({ stage: { code: 'lead' }, lostReason: null, closedAt: null });
    const notLost = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { lostReason: 'why' } });
    expect(notLost.status).toBe(400);
    expect(fields(notLost)).toEqual(['lostReason']);
  });

  it('moves a deal to another pipeline, to its first stage unless told otherwise', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const moved = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { pipeline: 'realization' } });
    expect(moved.body).toMatchObject({ pipeline: { code: 'realization' }, stage: { code: 'start' } });
    const again = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { pipeline: 'sales', stage: 'won' } });
    expect(again.body).toMatchObject({ pipeline: { code: 'sales' }, stage: { code: 'won', kind: 'won' } });
    const wrong = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { pipeline: 'realization', stage: 'lead' } });
    expect(wrong.status).toBe(400);
    expect(fields(wrong)).toEqual(['stage']);
  });

  it('patches custom fields partially and replaces tags and contacts', async () => {
    const s = await salesPortal();
    await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'city', name: 'City', type: 'string' } });
    const c1 = await createContact(s, 'A');
    const c2 = await createContact(s, 'B');
    const deal = await createDeal(s, { fields: { brief: 'b', city: 'Kyiv' }, tags: ['a', 'b'], contactIds: [c1, c2] });
    const patched = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { fields: { city: null }, tags: ['c'], contactIds: [c2] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ fields: { brief: 'b' }, tags: ['c'], contactIds: [c2], createdAt: deal.createdAt });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThan(Date.parse(deal.updatedAt));
    expect(patched.body.fields).not.toHaveProperty('city');
    const entries = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items;
    const changed = entries.filter((e: { kind: string }) => e.kind === 'field_changed').map((e: { data: unknown }) => e.data);
    expect(changed).toEqual(
      expect.arrayContaining([
        { field: 'city', from: 'Kyiv', to: null },
        { field: 'tags', from: ['a', 'b'], to: ['c'] },
        { field: 'contactIds', from: [c1, c2], to: [c2] },
      ]),
    );
  });
});

describe('deals: delete', () => {
  it('lets an admin or the responsible delete a deal, no one else', async () => {
    const s = await salesPortal();
    const manager = await addUser(s, ['manager']);
    const other = await addUser(s, ['manager']);
    const deal = await createDeal(s, { responsibleId: manager.userId });
    expect((await api('DELETE', `/deals/${deal.id}`, { token: other.token })).status).toBe(403);
    expect((await api('DELETE', `/deals/${deal.id}`, { token: manager.token })).status).toBe(204);
    expect((await api('GET', `/deals/${deal.id}`, { token: s.token })).status).toBe(404);
    const byAdmin = await createDeal(s, { responsibleId: manager.userId });
    expect((await api('DELETE', `/deals/${byAdmin.id}`, { token: s.token })).status).toBe(204);
  });
});

describe('deals: bulk actions', () => {
  it('applies an action deal by deal, with the same rules as a single change, and reports each result', async () => {
    const s = await salesPortal();
    const stranger = await salesPortal();
    const contactId = await createContact(s);
    const ready = await createDeal(s, { budget: '100', fields: { brief: 'x' }, contactIds: [contactId] });
    const notReady = await createDeal(s);
    const foreign = await createDeal(stranger);
    const unknown = randomUUID();

    const res = await api('POST', '/deals/bulk', { token: s.token, body: { ids: [ready.id, notReady.id, unknown, foreign.id], action: 'setStage', stage: 'brief' } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: ready.id, ok: true },
      { id: notReady.id, ok: false, error: expect.objectContaining({ statusCode: 422, error: 'stage_rules_unmet', details: expect.arrayContaining([{ rule: 'requiredField', field: 'budget' }]) }) },
      { id: unknown, ok: false, error: expect.objectContaining({ statusCode: 404, error: 'not_found' }) },
      { id: foreign.id, ok: false, error: expect.objectContaining({ statusCode: 404 }) },
    ]);
    expect((await api('GET', `/deals/${ready.id}`, { token: s.token })).body.stage.code).toBe('brief');
    expect((await api('GET', `/deals/${notReady.id}`, { token: s.token })).body.stage.code).toBe('lead');
    expect((await api('GET', `/deals/${foreign.id}`, { token: stranger.token })).body.stage.code).toBe('lead');

    const manager = await addUser(s, ['manager']);
    const setResp = await api('POST', '/deals/bulk', { token: s.token, body: { ids: [ready.id, notReady.id], action: 'setResponsible', responsibleId: manager.userId } });
    expect(setResp.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect((await api('GET', `/deals/${notReady.id}`, { token: s.token })).body.responsibleId).toBe(manager.userId);

    await api('POST', '/deals/bulk', { token: s.token, body: { ids: [ready.id, notReady.id], action: 'addTags', tags: ['Hot', 'A'] } });
    await api('POST', '/deals/bulk', { token: s.token, body: { ids: [ready.id], action: 'removeTags', tags: ['hot'] } });
    expect((await api('GET', `/deals/${ready.id}`, { token: s.token })).body.tags).toEqual(['A']);
    expect((await api('GET', `/deals/${notReady.id}`, { token: s.token })).body.tags).toEqual(['Hot', 'A']);

    const addTask = await api('POST', '/deals/bulk', {
      token: s.token,
      body: { ids: [ready.id, notReady.id], action: 'addTask', task: { title: 'Follow up', dueAt: new Date(Date.now() + 86400000).toISOString() } },
    });
    expect(addTask.body.results).toEqual([
      { id: ready.id, ok: true },
      { id: notReady.id, ok: true },
    ]);
    const tasks = await api('GET', `/tasks?dealId=${notReady.id}`, { token: s.token });
    expect(tasks.body.items).toEqual([expect.objectContaining({ title: 'Follow up', assigneeId: manager.userId, dealId: notReady.id })]);
    // the open task now blocks the move, exactly as it would for a single change
    const blocked = await api('POST', '/deals/bulk', { token: s.token, body: { ids: [notReady.id], action: 'setStage', pipeline: 'sales', stage: 'brief' } });
    expect(blocked.body.results[0]).toMatchObject({ ok: false, error: { statusCode: 422 } });
    expect(blocked.body.results[0].error.details).toContainEqual({ rule: 'noOpenTasks', taskIds: [tasks.body.items[0].id] });

    const del = await api('POST', '/deals/bulk', { token: manager.token, body: { ids: [notReady.id, foreign.id], action: 'delete' } });
    expect(del.body.results).toEqual([
      { id: notReady.id, ok: true },
      { id: foreign.id, ok: false, error: expect.objectContaining({ statusCode: 404 }) },
    ]);
    expect((await api('GET', `/deals/${notReady.id}`, { token: s.token })).status).toBe(404);
  });

  it('refuses an unknown action or bad params with 400 naming the field, changing nothing', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ ids: [deal.id], action: 'explode' }, 'action'],
      [{ ids: [], action: 'delete' }, 'ids'],
      [{ ids: Array.from({ length: 501 }, () => randomUUID()), action: 'delete' }, 'ids'],
      [{ ids: [deal.id], action: 'setResponsible' }, 'responsibleId'],
      [{ ids: [deal.id], action: 'setResponsible', responsibleId: randomUUID() }, 'responsibleId'],
      [{ ids: [deal.id], action: 'setStage' }, 'stage'],
      [{ ids: [deal.id], action: 'setStage', stage: 'nowhere' }, 'stage'],
      [{ ids: [deal.id], action: 'setStage', stage: 'won', pipeline: 'nope' }, 'pipeline'],
      [{ ids: [deal.id], action: 'addTags' }, 'tags'],
      [{ ids: [deal.id], action: 'addTags', tags: ['a'], responsibleId: s.userId }, 'responsibleId'],
      [{ ids: [deal.id], action: 'addTask', task: { title: 'x' } }, 'task.dueAt'],
      [{ ids: [deal.id], action: 'delete', bogus: 1 }, 'bogus'],
    ];
    for (const [body, field] of cases) {
      const res = await api('POST', '/deals/bulk', { token: s.token, body });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fields(res)).toContain(field);
    }
    expect((await api('GET', `/deals/${deal.id}`, { token: s.token })).body).toEqual(deal);
  });
});

describe('deals: copy', () => {
  it('copies title, budget, responsible and company always, and fields, tags, files, contacts when asked', async () => {
    const s = await salesPortal();
    const contactId = await createContact(s);
    const company = await api('POST', '/companies', { token: s.token, body: { name: 'Acme' } });
    expect(company.status).toBe(201);
    const source = await createDeal(s, { title: 'Brand site', budget: '0.10', companyId: company.body.id, fields: { brief: 'b' }, tags: ['VIP'], contactIds: [contactId] });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('brief contents')], { type: 'text/plain' }), 'Бриф.txt');
    expect((await api('POST', `/deals/${source.id}/files`, { token: s.token, rawBody: form })).status).toBe(201);

    const full = await api('POST', `/deals/${source.id}/copy`, { token: s.token, body: { pipeline: 'realization', include: ['fields', 'tags', 'files', 'contacts'] } });
    expect(full.status).toBe(201);
    expect(full.body).toMatchObject({
      title: 'Brand site',
      budget: '0.10',
      currency: 'UAH',
      responsibleId: s.userId,
      companyId: company.body.id,
      pipeline: { code: 'realization' },
      stage: { code: 'start' },
      fields: { brief: 'b' },
      tags: ['VIP'],
      contactIds: [contactId],
    });
    expect(full.body.id).not.toBe(source.id);
    const files = await api('GET', `/deals/${full.body.id}/files`, { token: s.token });
    expect(files.body.items).toEqual([expect.objectContaining({ name: 'Бриф.txt', size: 14 })]);
    const download = await fetch(`${baseUrl()}/files/${files.body.items[0].id}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(await download.text()).toBe('brief contents');

    const bare = await api('POST', `/deals/${source.id}/copy`, { token: s.token, body: {} });
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ title: 'Brand site', budget: '0.10', companyId: company.body.id, pipeline: { code: 'sales' }, stage: { code: 'lead' }, fields: {}, tags: [], contactIds: [] });
    expect((await api('GET', `/deals/${bare.body.id}/files`, { token: s.token })).body.items).toEqual([]);

    const sourceKinds = (await api('GET', `/deals/${source.id}/timeline`, { token: s.token })).body.items.map((e: { kind: string }) => e.kind);
    expect(sourceKinds.filter((k: string) => k === 'copied_to')).toHaveLength(2);
    const copyTimeline = (await api('GET', `/deals/${full.body.id}/timeline`, { token: s.token })).body.items;
    expect(copyTimeline).toContainEqual(expect.objectContaining({ kind: 'copied_from', data: expect.objectContaining({ dealId: source.id }) }));

    const bad = await api('POST', `/deals/${source.id}/copy`, { token: s.token, body: { include: ['everything'] } });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toContain('include');
    const rules = await api('POST', `/deals/${source.id}/copy`, { token: s.token, body: { stage: 'brief' } });
    expect(rules.status).toBe(422);
  });
});

describe('deals: import', () => {
  it('creates 1000 deals in one request, and they list and page', async () => {
    const s = await salesPortal();
    const items = Array.from({ length: 1000 }, (_, i) => ({
      title: `Imported ${i}`,
      pipeline: 'sales',
      stage: i % 2 ? 'lead' : 'won',
      budget: i % 3 ? `${i}.10` : i + 0.5,
      tags: i % 10 ? [] : ['import'],
    }));
    const res = await api('POST', '/deals/import', { token: s.token, body: { items } });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(1000);
    expect(new Set(res.body.ids).size).toBe(1000);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api('GET', `/deals?pipeline=sales&stage=lead&limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
        token: s.token,
      });
      page.body.items.forEach((d) => seen.add(d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(500);
    const one = await api('GET', `/deals/${res.body.ids[1]}`, { token: s.token });
    expect(one.body).toMatchObject({ title: 'Imported 1', budget: '1.10', stage: { code: 'lead' }, responsibleId: s.userId });
    expect((await api('GET', `/deals/${res.body.ids[0]}`, { token: s.token })).body).toMatchObject({ budget: '0.50', stage: { code: 'won' }, tags: ['import'] });
  });

  it('is all or nothing, naming items[i].field', async () => {
    const s = await salesPortal();
    const items = [
      { title: 'ok', pipeline: 'sales' },
      { title: 'ok', pipeline: 'sales' },
      { title: 'ok', pipeline: 'sales', stage: 'nope' },
      { title: 'ok', pipeline: 'sales', budget: '1.234' },
      { title: 'ok', pipeline: 'nope' },
      { title: 'ok', pipeline: 'sales', responsibleId: randomUUID() },
      { title: 'ok', pipeline: 'sales', whatever: true },
    ];
    const res = await api('POST', '/deals/import', { token: s.token, body: { items } });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['items[3].budget', 'items[6].whatever']));
    const refs = await api('POST', '/deals/import', { token: s.token, body: { items: items.slice(0, 3).concat(items.slice(4, 6)) } });
    expect(refs.status).toBe(400);
    expect(fields(refs)).toEqual(['items[2].stage', 'items[3].pipeline', 'items[4].responsibleId']);
    const rules = await api('POST', '/deals/import', { token: s.token, body: { items: [{ title: 'ok', pipeline: 'sales' }, { title: 'x', pipeline: 'sales', stage: 'brief' }] } });
    expect(rules.status).toBe(422);
    expect(rules.body.error).toBe('stage_rules_unmet');
    expect(rules.body.details).toEqual(expect.arrayContaining([{ index: 1, rule: 'requiredField', field: 'budget' }]));
    expect((await api('GET', '/deals', { token: s.token })).body.items).toEqual([]);
    const required = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'segment', name: 'Segment', type: 'enum', options: ['A', 'B'], required: true } });
    expect(required.status).toBe(201);
    const missing = await api('POST', '/deals/import', {
      token: s.token,
      body: { items: [{ title: 'a', pipeline: 'sales', fields: { segment: 'A' } }, { title: 'b', pipeline: 'sales' }, { title: 'c', pipeline: 'sales', fields: { segment: 'Z' } }] },
    });
    expect(missing.status).toBe(400);
    expect([...new Set(fields(missing))]).toEqual(['items[1].fields.segment', 'items[2].fields.segment']);
    expect((await api('GET', '/deals', { token: s.token })).body.items).toEqual([]);
    const tooMany = await api('POST', '/deals/import', { token: s.token, body: { items: Array.from({ length: 1001 }, () => ({ title: 'x', pipeline: 'sales' })) } });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toContain('items');
  });
});

describe('deals: notes, files, timeline', () => {
  it('lists notes pinned first, then newest; pins and edits them', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const add = async (text: string, pinned?: boolean) => {
      const res = await api('POST', `/deals/${deal.id}/notes`, { token: s.token, body: { text, pinned } });
      expect(res.status).toBe(201);
      return res.body;
    };
    const first = await add('first');
    await add('pinned one', true);
    const third = await add('third');
    expect(first).toMatchObject({ id: expect.any(String), text: 'first', pinned: false, authorId: s.userId, createdAt: expect.any(String) });
    let list = await api('GET', `/deals/${deal.id}/notes`, { token: s.token });
    expect(list.body.items.map((n: { text: string }) => n.text)).toEqual(['pinned one', 'third', 'first']);
    const pinned = await api('PATCH', `/notes/${first.id}`, { token: s.token, body: { pinned: true, text: 'first, edited' } });
    expect(pinned.body).toMatchObject({ pinned: true, text: 'first, edited' });
    list = await api('GET', `/deals/${deal.id}/notes?limit=2`, { token: s.token });
    expect(list.body.items.map((n: { text: string }) => n.text)).toEqual(['pinned one', 'first, edited']);
    const next = await api('GET', `/deals/${deal.id}/notes?limit=2&cursor=${list.body.nextCursor}`, { token: s.token });
    expect(next.body.items.map((n: { id: string }) => n.id)).toEqual([third.id]);
    expect(next.body.nextCursor).toBeNull();

    expect((await api('POST', `/deals/${deal.id}/notes`, { token: s.token, body: { text: '' } })).status).toBe(400);
    expect((await api('PATCH', `/notes/${randomUUID()}`, { token: s.token, body: { pinned: true } })).status).toBe(404);
    const manager = await addUser(s, ['manager']);
    expect((await api('PATCH', `/notes/${third.id}`, { token: manager.token, body: { text: 'not mine' } })).status).toBe(403);
    const kinds = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['note', 'note', 'note', 'created']);
  });

  it('keeps the Unicode name of an uploaded file and serves it back byte for byte', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const name = 'Коммерческое предложение.pdf';
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const up = await api('POST', `/deals/${deal.id}/files`, { token: s.token, rawBody: form });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ id: expect.any(String), name, size: bytes.length, mime: 'application/pdf', createdAt: expect.any(String) });

    const list = await api('GET', `/deals/${deal.id}/files`, { token: s.token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: up.body.id, name, size: bytes.length })]);

    const res = await fetch(`${baseUrl()}/files/${up.body.id}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    expect(star && decodeURIComponent(star[1])).toBe(name);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const timeline = (await api('GET', `/deals/${deal.id}/timeline`, { token: s.token })).body.items;
    expect(timeline[0]).toMatchObject({ kind: 'file', data: { fileId: up.body.id, name } });
  });

  it('refuses a missing file part (400 naming file) and a file over 25 MB (413)', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    const empty = new FormData();
    empty.append('note', 'no file here');
    const missing = await api('POST', `/deals/${deal.id}/files`, { token: s.token, rawBody: empty });
    expect(missing.status).toBe(400);
    expect(fields(missing)).toEqual(['file']);
    const misnamed = new FormData();
    misnamed.append('upload', new Blob(['x']), 'x.txt');
    const wrongField = await api('POST', `/deals/${deal.id}/files`, { token: s.token, rawBody: misnamed });
    expect(wrongField.status).toBe(400);
    expect(fields(wrongField)).toEqual(['file']);
    const json = await api('POST', `/deals/${deal.id}/files`, { token: s.token, body: { file: 'x' } });
    expect(json.status).toBe(400);
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(25 * 1024 * 1024 + 1)]), 'big.bin');
    const tooBig = await api('POST', `/deals/${deal.id}/files`, { token: s.token, rawBody: big });
    expect(tooBig.status).toBe(413);
    expect((await api('GET', `/deals/${deal.id}/files`, { token: s.token })).body.items).toEqual([]);
    expect((await api('GET', `/files/${randomUUID()}`, { token: s.token })).status).toBe(404);
  });

  it('shows the history newest first and pages it', async () => {
    const s = await salesPortal();
    const deal = await createDeal(s);
    await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { title: 'Renamed' } });
    await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { stage: 'won' } });
    await api('POST', `/deals/${deal.id}/notes`, { token: s.token, body: { text: 'Called' } });
    const all = await api('GET', `/deals/${deal.id}/timeline`, { token: s.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { kind: string }) => e.kind)).toEqual(['note', 'stage_moved', 'field_changed', 'created']);
    expect(all.body.items[1].data).toMatchObject({ from: { pipelineCode: 'sales', stageCode: 'lead' }, to: { pipelineCode: 'sales', stageCode: 'won', stageKind: 'won' } });
    expect(all.body.items[2].data).toEqual({ field: 'title', from: 'Deal', to: 'Renamed' });
    const page = await api('GET', `/deals/${deal.id}/timeline?limit=2`, { token: s.token });
    expect(page.body.items).toHaveLength(2);
    const rest = await api('GET', `/deals/${deal.id}/timeline?limit=2&cursor=${page.body.nextCursor}`, { token: s.token });
    expect(rest.body.items.map((e: { kind: string }) => e.kind)).toEqual(['field_changed', 'created']);
    expect(rest.body.nextCursor).toBeNull();
    const notes = await api('GET', `/deals/${deal.id}/timeline?kind=note`, { token: s.token });
    expect(notes.body.items).toEqual([expect.objectContaining({ kind: 'note', data: expect.objectContaining({ text: 'Called' }), actorId: s.userId })]);
  });
});

describe('deals: portal isolation', () => {
  it("answers 404 to another portal for everything about this portal's deal", async () => {
    const s = await salesPortal();
    const intruder = await salesPortal();
    const deal = await createDeal(s);
    const note = await api('POST', `/deals/${deal.id}/notes`, { token: s.token, body: { text: 'secret' } });
    const form = new FormData();
    form.append('file', new Blob(['secret']), 'secret.txt');
    const file = await api('POST', `/deals/${deal.id}/files`, { token: s.token, rawBody: form });
    const t = intruder.token;
    const upload = new FormData();
    upload.append('file', new Blob(['x']), 'x.txt');
    const attempts = [
      await api('GET', `/deals/${deal.id}`, { token: t }),
      await api('PATCH', `/deals/${deal.id}`, { token: t, body: { title: 'mine' } }),
      await api('DELETE', `/deals/${deal.id}`, { token: t }),
      await api('GET', `/deals/${deal.id}/notes`, { token: t }),
      await api('POST', `/deals/${deal.id}/notes`, { token: t, body: { text: 'x' } }),
      await api('PATCH', `/notes/${note.body.id}`, { token: t, body: { pinned: true } }),
      await api('GET', `/deals/${deal.id}/files`, { token: t }),
      await api('POST', `/deals/${deal.id}/files`, { token: t, rawBody: upload }),
      await api('GET', `/files/${file.body.id}`, { token: t }),
      await api('POST', `/deals/${deal.id}/copy`, { token: t, body: {} }),
      await api('GET', `/deals/${deal.id}/timeline`, { token: t }),
    ];
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 404));
    expect((await api('GET', '/deals', { token: t })).body.items).toEqual([]);
    const still = await api('GET', `/deals/${deal.id}`, { token: s.token });
    expect(still.body).toEqual(deal);
    expect((await api('GET', `/deals/${deal.id}/notes`, { token: s.token })).body.items).toHaveLength(1);
    // a reference to another portal's record in a body is unknown here
    const foreignContact = await createContact(intruder);
    const ref = await api('PATCH', `/deals/${deal.id}`, { token: s.token, body: { contactIds: [foreignContact] } });
    expect(ref.status).toBe(400);
    expect(fields(ref)).toEqual(['contactIds[0]']);
  });
});

describe('deals: kanban summary', () => {
  it('counts deals and sums budgets per stage, exactly and per currency, with the list filters', async () => {
    const s = await salesPortal();
    const other = await addUser(s);
    await createDeal(s, { budget: '100.10', tags: ['vip'] });
    await createDeal(s, { budget: '0.20' });
    await createDeal(s, { budget: '50', currency: 'EUR', responsibleId: other.userId });
    await createDeal(s, { title: 'No budget' });
    const res = await api('GET', '/deals/summary?pipeline=sales', { token: s.token });
    expect(res.status).toBe(200);
    expect(res.body.pipeline.code).toBe('sales');
    expect(res.body.stages.map((st: any) => st.code)).toEqual(['lead', 'brief', 'won', 'lost']);
    const lead = res.body.stages[0];
    expect(lead.count).toBe(4);
    expect(lead.budgets).toEqual(expect.arrayContaining([{ currency: 'UAH', sum: '100.30' }, { currency: 'EUR', sum: '50.00' }]));
    expect(res.body.stages[1]).toMatchObject({ count: 0, budgets: [] });
    expect((await api('GET', `/deals/summary?pipeline=sales&responsibleId=${other.userId}`, { token: s.token })).body.stages[0]).toMatchObject({ count: 1, budgets: [{ currency: 'EUR', sum: '50.00' }] });
    expect((await api('GET', '/deals/summary?pipeline=sales&tag=VIP', { token: s.token })).body.stages[0].count).toBe(1);
    const missing = await api('GET', '/deals/summary', { token: s.token });
    expect([missing.status, missing.body.details[0].field]).toEqual([400, 'pipeline']);
    expect((await api('GET', '/deals/summary?pipeline=nope', { token: s.token })).body.details[0].field).toBe('pipeline');
  });
});
