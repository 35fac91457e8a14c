import { randomUUID } from 'node:crypto';
import { Session, addUser, api, signUp } from './support/api';

/** Tasks: create, lists by status, completion with a result, deadline moves with a comment, who may do what, isolation. */

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

function fieldsOf(res: { body: { details?: { field: string }[] } }): string[] {
  return (res.body.details ?? []).map((d) => d.field);
}

async function createTask(s: Session, body: Record<string, unknown>) {
  const res = await api('POST', '/tasks', { token: s.token, body: { title: 'Call the client', assigneeId: s.userId, dueAt: inHours(24), ...body } });
  if (res.status !== 201) throw new Error(`task create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A deal to hang tasks on (pipelines and deals are another context's; only their public API is used). */
async function createDeal(s: Session, title = 'Website redesign'): Promise<string> {
  const pipelines = await api('GET', '/pipelines', { token: s.token });
  if (!pipelines.body.some((p: { code: string }) => p.code === 'sales')) {
    const created = await api('POST', '/pipelines', { token: s.token, body: { code: 'sales', name: 'Sales', stages: [{ code: 'lead', name: 'Lead' }, { code: 'won', name: 'Won', kind: 'won' }] } });
    if (created.status !== 201) throw new Error(`pipeline create failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const deal = await api('POST', '/deals', { token: s.token, body: { title, pipeline: 'sales' } });
  if (deal.status !== 201) throw new Error(`deal create failed: ${deal.status} ${JSON.stringify(deal.body)}`);
  return deal.body.id;
}

async function kinds(s: Session, path: string): Promise<string[]> {
  const res = await api('GET', path, { token: s.token });
  expect(res.status).toBe(200);
  return res.body.items.map((e: { kind: string }) => e.kind);
}

async function listIds(s: Session, query: string): Promise<string[]> {
  const res = await api('GET', `/tasks?${query}`, { token: s.token });
  expect(res.status).toBe(200);
  return res.body.items.map((t: { id: string }) => t.id);
}

describe('tasks: create and read', () => {
  let admin: Session;
  let manager: Session;
  beforeAll(async () => {
    admin = await signUp();
    manager = await addUser(admin, ['manager']);
  });

  it('creates a task for a colleague with every field, and reads it back with its history', async () => {
    const dueAt = '2030-01-15T10:00:00+02:00';
    const res = await api('POST', '/tasks', {
      token: manager.token,
      body: { title: '  Approve the proposal ', assigneeId: admin.userId, dueAt, resultOptions: [' Approved ', 'Not approved'], estimateMinutes: 30, description: 'Check prices' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      code: null,
      title: 'Approve the proposal',
      description: 'Check prices',
      assigneeId: admin.userId,
      dueAt: '2030-01-15T08:00:00.000Z',
      dealId: null,
      status: 'open',
      resultOptions: ['Approved', 'Not approved'],
      result: null,
      comment: null,
      estimateMinutes: 30,
      createdBy: 'user',
      creatorId: manager.userId,
      completedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await api('GET', `/tasks/${res.body.id}`, { token: manager.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const history = await api('GET', `/tasks/${res.body.id}/history`, { token: manager.token });
    expect(history.body.items).toEqual([
      expect.objectContaining({ kind: 'created', actorId: manager.userId, data: expect.objectContaining({ title: 'Approve the proposal', assigneeId: admin.userId }) }),
    ]);
  });

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const before = await listIds(admin, 'limit=200');
    const inactive = await addUser(admin, ['manager']);
    expect((await api('PATCH', `/users/${inactive.userId}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(501) }, 'title'],
      [{ title: 42 }, 'title'],
      [{ assigneeId: undefined }, 'assigneeId'],
      [{ assigneeId: 'not-a-uuid' }, 'assigneeId'],
      [{ assigneeId: randomUUID() }, 'assigneeId'],
      [{ assigneeId: inactive.userId }, 'assigneeId'],
      [{ dueAt: undefined }, 'dueAt'],
      [{ dueAt: '2030-01-15T10:00:00' }, 'dueAt'],
      [{ dueAt: '2030-01-15' }, 'dueAt'],
      [{ dueAt: '2030-02-30T10:00:00Z' }, 'dueAt'],
      [{ dueAt: 'tomorrow' }, 'dueAt'],
      [{ dueAt: 1893456000000 }, 'dueAt'],
      [{ dealId: randomUUID() }, 'dealId'],
      [{ dealId: 'deal-1' }, 'dealId'],
      [{ resultOptions: 'Approved' }, 'resultOptions'],
      [{ resultOptions: ['Approved', ' approved '] }, 'resultOptions[1]'],
      [{ resultOptions: ['Approved', ''] }, 'resultOptions[1]'],
      [{ resultOptions: ['Approved', 7] }, 'resultOptions[1]'],
      [{ resultOptions: Array.from({ length: 21 }, (_, i) => `Option ${i}`) }, 'resultOptions'],
      [{ estimateMinutes: -1 }, 'estimateMinutes'],
      [{ estimateMinutes: 1.5 }, 'estimateMinutes'],
      [{ estimateMinutes: '30' }, 'estimateMinutes'],
      [{ createdBy: 'automation' }, 'createdBy'],
      [{ code: 'sneaky' }, 'code'],
    ];
    for (const [patch, field] of cases) {
      const res = await api('POST', '/tasks', { token: admin.token, body: { title: 'Call', assigneeId: admin.userId, dueAt: inHours(24), ...patch } });
      expect({ patch, status: res.status, error: res.body.error }).toEqual({ patch, status: 400, error: 'validation_failed' });
      expect({ patch, fields: fieldsOf(res) }).toEqual({ patch, fields: expect.arrayContaining([field]) });
    }
    const both = await api('POST', '/tasks', { token: admin.token, body: { title: 'Call', assigneeId: randomUUID(), dealId: randomUUID(), dueAt: inHours(24) } });
    expect(fieldsOf(both).sort()).toEqual(['assigneeId', 'dealId']);
    for (const raw of ['[]', '"task"', '{"title": ']) {
      const res = await api('POST', '/tasks', { token: admin.token, rawBody: raw });
      expect(res.status).toBe(400);
    }
    expect(await listIds(admin, 'limit=200')).toEqual(before);
  });

  it('answers 404 for unknown task ids, and 401 without a token', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await api('GET', `/tasks/${id}`, { token: admin.token })).status).toBe(404);
      expect((await api('GET', `/tasks/${id}/history`, { token: admin.token })).status).toBe(404);
      expect((await api('PATCH', `/tasks/${id}`, { token: admin.token, body: { title: 'x' } })).status).toBe(404);
      expect((await api('POST', `/tasks/${id}/complete`, { token: admin.token, body: {} })).status).toBe(404);
      expect((await api('DELETE', `/tasks/${id}`, { token: admin.token })).status).toBe(404);
    }
    expect((await api('GET', '/tasks')).status).toBe(401);
  });
});

describe('tasks: lists', () => {
  let admin: Session;
  let manager: Session;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    admin = await signUp();
    manager = await addUser(admin, ['manager']);
    // created in this order; deadlines deliberately not in creation order
    ids['overdue'] = (await createTask(admin, { title: 'Overdue call', assigneeId: manager.userId, dueAt: inHours(-48) })).id;
    ids['later'] = (await createTask(admin, { title: 'Later', assigneeId: manager.userId, dueAt: inHours(72) })).id;
    ids['soon'] = (await createTask(admin, { title: 'Soon', dueAt: inHours(2) })).id;
    ids['done'] = (await createTask(admin, { title: 'Done already', dueAt: inHours(-24) })).id;
    const done = await api('POST', `/tasks/${ids['done']}/complete`, { token: admin.token, body: {} });
    expect(done.status).toBe(200);
    ids['overdue2'] = (await createTask(admin, { title: 'Overdue too', dueAt: inHours(-1) })).id;
  });

  it('shows an open task whose deadline passed as overdue', async () => {
    const res = await api('GET', `/tasks/${ids['overdue']}`, { token: manager.token });
    expect(res.body.status).toBe('overdue');
    expect((await api('GET', `/tasks/${ids['soon']}`, { token: manager.token })).body.status).toBe('open');
    expect((await api('GET', `/tasks/${ids['done']}`, { token: manager.token })).body).toMatchObject({ status: 'done', completedAt: expect.any(String) });
  });

  it('filters by status: open (overdue included) and overdue by deadline, done and all newest first', async () => {
    expect(await listIds(manager, 'status=open')).toEqual([ids['overdue'], ids['overdue2'], ids['soon'], ids['later']]);
    expect(await listIds(manager, 'status=overdue')).toEqual([ids['overdue'], ids['overdue2']]);
    expect(await listIds(manager, 'status=done')).toEqual([ids['done']]);
    expect(await listIds(manager, '')).toEqual([ids['overdue2'], ids['done'], ids['soon'], ids['later'], ids['overdue']]);
    const open = await api('GET', '/tasks?status=open', { token: manager.token });
    expect(open.body.items.map((t: { status: string }) => t.status)).toEqual(['overdue', 'overdue', 'open', 'open']);
  });

  it('filters by assignee and by a deadline window', async () => {
    expect(await listIds(admin, `assigneeId=${manager.userId}`)).toEqual([ids['later'], ids['overdue']]);
    expect(await listIds(admin, `assigneeId=${manager.userId}&status=overdue`)).toEqual([ids['overdue']]);
    const from = encodeURIComponent(inHours(-30));
    const to = encodeURIComponent(inHours(24));
    expect(await listIds(admin, `status=open&from=${from}&to=${to}`)).toEqual([ids['overdue2'], ids['soon']]);
    expect(await listIds(admin, `from=${from}&to=${to}`)).toEqual([ids['overdue2'], ids['done'], ids['soon']]);
    expect(await listIds(admin, `assigneeId=${randomUUID()}`)).toEqual([]);
    // the same window written with a +02:00 offset that nobody URL-encoded
    const kyiv = (iso: string) => new Date(Date.parse(iso) + 2 * HOUR).toISOString().replace('Z', '+02:00');
    expect(await listIds(admin, `status=open&from=${kyiv(inHours(-30))}&to=${kyiv(inHours(24))}`)).toEqual([ids['overdue2'], ids['soon']]);
  });

  it('pages with a cursor in either order without losing or repeating a task', async () => {
    for (const [query, expected] of [
      ['status=open', [ids['overdue'], ids['overdue2'], ids['soon'], ids['later']]],
      ['', [ids['overdue2'], ids['done'], ids['soon'], ids['later'], ids['overdue']]],
    ] as [string, string[]][]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api('GET', `/tasks?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.token });
        seen.push(...res.body.items.map((t) => t.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect({ query, seen }).toEqual({ query, seen: expected });
    }
  });

  it('refuses bad list parameters with 400 naming them', async () => {
    for (const [query, field] of [
      ['status=late', 'status'],
      ['dealId=nope', 'dealId'],
      ['assigneeId=nope', 'assigneeId'],
      ['from=yesterday', 'from'],
      ['to=2030-01-01', 'to'],
      [`from=${encodeURIComponent(inHours(5))}&to=${encodeURIComponent(inHours(1))}`, 'to'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['sort=title', 'sort'],
    ]) {
      const res = await api('GET', `/tasks?${query}`, { token: admin.token });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect({ query, fields: fieldsOf(res) }).toEqual({ query, fields: expect.arrayContaining([field]) });
    }
  });
});

describe('tasks: completion', () => {
  let admin: Session;
  let manager: Session;
  beforeAll(async () => {
    admin = await signUp();
    manager = await addUser(admin, ['manager']);
  });

  it('requires one of the result options, naming them; completes once, with the result, comment and time', async () => {
    const task = await createTask(admin, { title: 'Approve the proposal', assigneeId: manager.userId, resultOptions: ['Approved', 'Not approved'] });
    for (const body of [{}, { result: '' }, { result: 'Maybe' }, { result: null }]) {
      const res = await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'result', options: ['Approved', 'Not approved'] })]);
      expect(res.body.message).toContain('Not approved');
    }
    const unknownField = await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body: { result: 'Approved', score: 5 } });
    expect(unknownField.status).toBe(400);
    expect((await api('GET', `/tasks/${task.id}`, { token: manager.token })).body.status).toBe('open');

    const done = await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body: { result: 'not approved', comment: ' Prices too high ' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: task.id, status: 'done', result: 'Not approved', comment: 'Prices too high', completedAt: expect.any(String) });
    expect(Math.abs(Date.parse(done.body.completedAt) - Date.now())).toBeLessThan(60_000);

    const again = await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body: { result: 'Approved' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('task_already_done');
    expect((await api('GET', `/tasks/${task.id}`, { token: manager.token })).body.result).toBe('Not approved');
    expect(await kinds(manager, `/tasks/${task.id}/history`)).toEqual(['completed', 'created']);
  });

  it('completes a task without options with or without a result', async () => {
    const plain = await createTask(manager, {});
    const done = await api('POST', `/tasks/${plain.id}/complete`, { token: manager.token, body: {} });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', result: null, comment: null });
    const withText = await createTask(manager, { dueAt: inHours(-5) });
    expect((await api('GET', `/tasks/${withText.id}`, { token: manager.token })).body.status).toBe('overdue');
    const closed = await api('POST', `/tasks/${withText.id}/complete`, { token: manager.token, body: { result: 'Called back' } });
    expect(closed.body).toMatchObject({ status: 'done', result: 'Called back' });
  });

  it('lets only the assignee, the creator, a head or an admin complete a task', async () => {
    const stranger = await addUser(admin, ['manager']);
    const head = await addUser(admin, ['head']);
    const creatorsTask = await createTask(manager, { assigneeId: admin.userId });
    const refused = await api('POST', `/tasks/${creatorsTask.id}/complete`, { token: stranger.token, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    expect((await api('GET', `/tasks/${creatorsTask.id}`, { token: stranger.token })).body.status).toBe('open');
    expect((await api('POST', `/tasks/${creatorsTask.id}/complete`, { token: manager.token, body: {} })).status).toBe(200);
    const headsTurn = await createTask(manager, {});
    expect((await api('POST', `/tasks/${headsTurn.id}/complete`, { token: head.token, body: {} })).status).toBe(200);
    const adminsTurn = await createTask(manager, {});
    expect((await api('POST', `/tasks/${adminsTurn.id}/complete`, { token: admin.token, body: {} })).status).toBe(200);
  });
});

describe('tasks: deadline moves and edits', () => {
  let admin: Session;
  let manager: Session;
  beforeAll(async () => {
    admin = await signUp();
    manager = await addUser(admin, ['manager']);
  });

  it('refuses to move a deadline without a comment (422 comment_required), then records the move with its comment', async () => {
    const task = await createTask(admin, { assigneeId: manager.userId, dueAt: '2030-01-15T10:00:00+02:00' });
    for (const body of [{ dueAt: '2030-01-16T10:00:00+02:00' }, { dueAt: '2030-01-16T10:00:00+02:00', comment: '   ' }, { dueAt: '2030-01-16T10:00:00+02:00', comment: null }]) {
      const res = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body });
      expect({ body, status: res.status }).toEqual({ body, status: 422 });
      expect(res.body.error).toBe('comment_required');
      expect(fieldsOf(res)).toEqual(['comment']);
    }
    const withTitle = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { dueAt: '2030-01-16T10:00:00+02:00', title: 'Renamed' } });
    expect(withTitle.status).toBe(422);
    expect((await api('GET', `/tasks/${task.id}`, { token: manager.token })).body).toEqual(task);

    // the same moment written in another offset is not a move
    const sameMoment = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { dueAt: '2030-01-15T08:00:00Z' } });
    expect(sameMoment.status).toBe(200);
    expect(sameMoment.body.dueAt).toBe('2030-01-15T08:00:00.000Z');

    const moved = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { dueAt: '2030-01-16T10:00:00+02:00', comment: 'Client asked for Friday' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueAt: '2030-01-16T08:00:00.000Z', status: 'open', comment: null });
    const history = await api('GET', `/tasks/${task.id}/history`, { token: manager.token });
    expect(history.body.items[0]).toMatchObject({
      kind: 'deadline_moved',
      actorId: manager.userId,
      data: { from: '2030-01-15T08:00:00.000Z', to: '2030-01-16T08:00:00.000Z', comment: 'Client asked for Friday' },
    });
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(['deadline_moved', 'created']);
  });

  it('edits title, description, estimate and options, each change on the history', async () => {
    const task = await createTask(manager, {});
    const res = await api('PATCH', `/tasks/${task.id}`, {
      token: manager.token,
      body: { title: 'Call about the brief', description: 'Ask for the deadline', estimateMinutes: 15, resultOptions: ['Reached', 'No answer'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Call about the brief', description: 'Ask for the deadline', estimateMinutes: 15, resultOptions: ['Reached', 'No answer'] });
    const history = await api('GET', `/tasks/${task.id}/history?kind=field_changed`, { token: manager.token });
    expect(history.body.items.map((e: { data: { field: string } }) => e.data.field).sort()).toEqual(['description', 'estimateMinutes', 'resultOptions', 'title']);
    const noop = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { title: 'Call about the brief' } });
    expect(noop.status).toBe(200);
    expect(noop.body.updatedAt).toBe(res.body.updatedAt);
    for (const [body, field] of [
      [{ title: '' }, 'title'],
      [{ title: null }, 'title'],
      [{ dueAt: '2030-01-16' }, 'dueAt'],
      [{ dueAt: null }, 'dueAt'],
      [{ estimateMinutes: -5 }, 'estimateMinutes'],
      [{ resultOptions: ['A', 'a'] }, 'resultOptions[1]'],
      [{ assigneeId: 'x' }, 'assigneeId'],
      [{ dealId: randomUUID() }, 'dealId'],
      [{ status: 'done' }, 'status'],
    ] as [Record<string, unknown>, string][]) {
      const bad = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body });
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
      expect({ body, fields: fieldsOf(bad) }).toEqual({ body, fields: expect.arrayContaining([field]) });
    }
    expect((await api('GET', `/tasks/${task.id}`, { token: manager.token })).body).toEqual(res.body);
  });

  it('refuses any edit of a done task with 409 task_already_done', async () => {
    const task = await createTask(manager, {});
    await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body: {} });
    for (const body of [{ title: 'Later edit' }, { dueAt: inHours(48), comment: 'Reopen?' }]) {
      const res = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('task_already_done');
    }
    const byAdmin = await api('PATCH', `/tasks/${task.id}`, { token: admin.token, body: { assigneeId: admin.userId } });
    expect(byAdmin.status).toBe(409);
  });

  it('keeps moving a task to another user and deleting it for admins', async () => {
    const other = await addUser(admin, ['manager']);
    const task = await createTask(manager, {});

    const reassign = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { assigneeId: other.userId } });
    expect(reassign.status).toBe(403);
    expect(reassign.body.error).toBe('forbidden');
    const del = await api('DELETE', `/tasks/${task.id}`, { token: manager.token });
    expect(del.status).toBe(403);
    expect((await api('GET', `/tasks/${task.id}`, { token: manager.token })).body.assigneeId).toBe(manager.userId);

    // a stranger (not assignee, not creator) may see the task but not edit it
    const seen = await api('GET', `/tasks/${task.id}`, { token: other.token });
    expect(seen.status).toBe(200);
    expect((await api('PATCH', `/tasks/${task.id}`, { token: other.token, body: { title: 'Mine now' } })).status).toBe(403);

    const badUser = await api('PATCH', `/tasks/${task.id}`, { token: admin.token, body: { assigneeId: randomUUID() } });
    expect(badUser.status).toBe(400);
    expect(fieldsOf(badUser)).toEqual(['assigneeId']);
    const moved = await api('PATCH', `/tasks/${task.id}`, { token: admin.token, body: { assigneeId: other.userId } });
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeId).toBe(other.userId);
    expect((await api('GET', `/tasks/${task.id}/history`, { token: other.token })).body.items[0]).toMatchObject({
      kind: 'assignee_changed',
      data: { from: manager.userId, to: other.userId },
    });
    // the new assignee now works on it
    expect((await api('PATCH', `/tasks/${task.id}`, { token: other.token, body: { title: 'Mine now' } })).status).toBe(200);

    const removed = await api('DELETE', `/tasks/${task.id}`, { token: admin.token });
    expect(removed.status).toBe(204);
    expect((await api('GET', `/tasks/${task.id}`, { token: admin.token })).status).toBe(404);
    expect((await api('DELETE', `/tasks/${task.id}`, { token: admin.token })).status).toBe(404);
  });
});

describe('tasks: on a deal', () => {
  let admin: Session;
  let manager: Session;
  let dealId: string;
  beforeAll(async () => {
    admin = await signUp();
    manager = await addUser(admin, ['manager']);
    dealId = await createDeal(admin);
  });

  it('records the task on the deal timeline: created, deadline moved with its comment, completed with its result', async () => {
    const task = await createTask(manager, { title: 'Approve the proposal', dealId, resultOptions: ['Approved', 'Not approved'], dueAt: '2030-03-01T10:00:00+02:00' });
    expect(task.dealId).toBe(dealId);
    expect(await listIds(manager, `dealId=${dealId}`)).toEqual([task.id]);
    expect(await listIds(manager, `dealId=${randomUUID()}`)).toEqual([]);

    const refused = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { dueAt: '2030-03-02T10:00:00+02:00' } });
    expect(refused.status).toBe(422);
    const moved = await api('PATCH', `/tasks/${task.id}`, { token: manager.token, body: { dueAt: '2030-03-02T10:00:00+02:00', comment: 'Waiting for the brief' } });
    expect(moved.status).toBe(200);
    const done = await api('POST', `/tasks/${task.id}/complete`, { token: manager.token, body: { result: 'Approved', comment: 'Signed off' } });
    expect(done.status).toBe(200);

    const timeline = await api('GET', `/deals/${dealId}/timeline`, { token: manager.token });
    expect(timeline.status).toBe(200);
    const taskEntries = timeline.body.items.filter((e: { kind: string }) => e.kind.startsWith('task_'));
    expect(taskEntries).toEqual([
      expect.objectContaining({ kind: 'task_completed', data: expect.objectContaining({ taskId: task.id, result: 'Approved', comment: 'Signed off' }) }),
      expect.objectContaining({
        kind: 'task_deadline_moved',
        data: expect.objectContaining({ taskId: task.id, from: '2030-03-01T08:00:00.000Z', to: '2030-03-02T08:00:00.000Z', comment: 'Waiting for the brief' }),
      }),
      expect.objectContaining({ kind: 'task_created', actorId: manager.userId, data: expect.objectContaining({ taskId: task.id, title: 'Approve the proposal' }) }),
    ]);
    expect(await listIds(manager, `dealId=${dealId}&status=done`)).toEqual([task.id]);
    expect(await listIds(manager, `dealId=${dealId}&status=open`)).toEqual([]);
  });

  it('records a deleted task on the deal', async () => {
    const task = await createTask(manager, { dealId });
    expect((await api('DELETE', `/tasks/${task.id}`, { token: admin.token })).status).toBe(204);
    expect((await kinds(admin, `/deals/${dealId}/timeline`))[0]).toBe('task_deleted');
  });
});

describe('tasks: portal isolation', () => {
  let admin: Session;
  let outsider: Session;
  let task: { id: string };
  beforeAll(async () => {
    admin = await signUp();
    outsider = await signUp();
    task = await createTask(admin, {});
  });

  it("answers 404 for another portal's task on every path, and changes nothing", async () => {
    expect((await api('GET', `/tasks/${task.id}`, { token: outsider.token })).status).toBe(404);
    expect((await api('GET', `/tasks/${task.id}/history`, { token: outsider.token })).status).toBe(404);
    expect((await api('PATCH', `/tasks/${task.id}`, { token: outsider.token, body: { title: 'Hijacked' } })).status).toBe(404);
    expect((await api('PATCH', `/tasks/${task.id}`, { token: outsider.token, body: { dueAt: inHours(99), comment: 'x' } })).status).toBe(404);
    expect((await api('POST', `/tasks/${task.id}/complete`, { token: outsider.token, body: {} })).status).toBe(404);
    expect((await api('DELETE', `/tasks/${task.id}`, { token: outsider.token })).status).toBe(404);
    expect(await listIds(outsider, '')).toEqual([]);
    const mine = await api('GET', `/tasks/${task.id}`, { token: admin.token });
    expect(mine.body).toEqual(task);
  });

  it("refuses to assign a task to another portal's user (400 assigneeId)", async () => {
    const res = await api('POST', '/tasks', { token: outsider.token, body: { title: 'Steal', assigneeId: admin.userId, dueAt: inHours(1) } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['assigneeId']);
    const reassign = await api('PATCH', `/tasks/${(await createTask(outsider, {})).id}`, { token: outsider.token, body: { assigneeId: admin.userId } });
    expect(reassign.status).toBe(400);
    expect(fieldsOf(reassign)).toEqual(['assigneeId']);
  });

  it("refuses a task on another portal's deal (400 dealId) and lists none of its tasks", async () => {
    const dealId = await createDeal(admin);
    await createTask(admin, { dealId });
    const res = await api('POST', '/tasks', { token: outsider.token, body: { title: 'Steal', assigneeId: outsider.userId, dueAt: inHours(1), dealId } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['dealId']);
    expect(await listIds(outsider, `dealId=${dealId}`)).toEqual([]);
  });
});
