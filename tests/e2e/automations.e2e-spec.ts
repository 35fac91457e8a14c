import { DateTime } from 'luxon';
import { startWebhookSink } from '../fakes';
import { Session, addUser, api, signUp } from './support/api';
import { KYIV, advance, advanceTo, clockNow, deal, eventually, field, move, nextWeekday, ok, pipeline, rule, runs, tasks, timeline } from './support/automation';

/** The automation engine through its API: rules as data, the sandbox test clock, delays on the business calendar, run log. */

const fieldsOf = (res: { body: { details?: { field: string }[] } }) => (res.body.details ?? []).map((d) => d.field);

async function sandbox(locale: 'uk' | 'en' = 'uk'): Promise<Session> {
  const s = await signUp({ sandbox: true, locale, timezone: KYIV });
  await pipeline(s, 'warm', ['new', 'brief_wait', 'meeting', 'approval', { code: 'won', kind: 'won' }, { code: 'lost', kind: 'lost' }]);
  return s;
}

describe('rules are data', () => {
  it('validates on save and names every problem; admin only; codes unique', async () => {
    const s = await sandbox();
    const bad = await api('POST', '/automations', {
      token: s.token,
      body: {
        code: 'bad',
        name: 'Bad',
        trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'nowhere' },
        delay: { days: -1, at: '25:00' },
        conditions: [{ field: 'no_such_field', op: 'eq', value: 1 }],
        actions: [{ type: 'task.create', title: 'x', assignee: 'role:astronaut' }, { type: 'sms.fly' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['trigger.stage', 'delay.days', 'delay.at', 'conditions[0].field', 'actions[0].assignee', 'actions[1].type']));

    const unknownTrigger = await api('POST', '/automations', { token: s.token, body: { code: 'x', name: 'x', trigger: { type: 'moon.phase' }, actions: [{ type: 'tag.add', tags: ['a'] }] } });
    expect(unknownTrigger.status).toBe(400);
    expect(unknownTrigger.body.details[0]).toEqual(expect.objectContaining({ field: 'trigger.type', message: expect.stringContaining('moon.phase') }));

    const good = { code: 'tag-new', name: 'Tag new deals', trigger: { type: 'deal.created', pipeline: 'warm' }, actions: [{ type: 'tag.add', tags: ['new'] }] };
    const created = await ok(api('POST', '/automations', { token: s.token, body: good }), 201);
    expect(created).toEqual(expect.objectContaining({ id: expect.any(String), code: 'tag-new', enabled: true, conditions: [], delay: null }));
    expect((await api('POST', '/automations', { token: s.token, body: good })).status).toBe(409);

    const manager = await addUser(s, ['manager']);
    expect((await api('POST', '/automations', { token: manager.token, body: { ...good, code: 'other' } })).status).toBe(403);
    expect((await api('GET', '/automations', { token: manager.token })).status).toBe(403);

    const patched = await ok(api('PATCH', `/automations/${created.id}`, { token: s.token, body: { enabled: false, name: 'Renamed' } }));
    expect(patched).toEqual(expect.objectContaining({ enabled: false, name: 'Renamed', code: 'tag-new' }));
    const badPatch = await api('PATCH', `/automations/${created.id}`, { token: s.token, body: { actions: [] } });
    expect(badPatch.status).toBe(400);
    expect(fieldsOf(badPatch)).toEqual(['actions']);
    expect((await ok(api('GET', '/automations', { token: s.token }))).items.map((r: { code: string }) => r.code)).toEqual(['tag-new']);
    expect((await api('DELETE', `/automations/${created.id}`, { token: s.token })).status).toBe(204);
    expect((await api('GET', `/automations/${created.id}`, { token: s.token })).status).toBe(404);

    const types = await ok(api('GET', '/automations/types', { token: s.token }));
    expect(types.triggers).toEqual(expect.arrayContaining(['deal.created', 'stage.entered', 'stage.left', 'field.changed', 'file.attached', 'task.completed', 'date.reached', 'schedule']));
    expect(types.actions).toEqual(expect.arrayContaining(['task.create', 'deal.move', 'deal.createLinked', 'field.set', 'tag.add', 'tag.remove', 'message.send', 'notify', 'webhook.call']));
  });

  it('runs immediate rules on a live portal in the background', async () => {
    const s = await signUp({ locale: 'en' });
    await pipeline(s, 'sales', ['lead', 'won']);
    await rule(s, { code: 'welcome', trigger: { type: 'deal.created', pipeline: 'sales' }, actions: [{ type: 'tag.add', tags: ['fresh'] }, { type: 'task.create', code: 'first-call', title: 'Call the lead', assignee: 'responsible', due: { minutes: 30 } }] });
    const id = await deal(s, { pipeline: 'sales', responsibleId: s.userId });
    const done = await eventually(() => runs(s, `dealId=${id}`), (r) => r.length === 1 && r[0].status === 'done');
    expect(done[0]).toEqual(expect.objectContaining({ ruleCode: 'welcome', attempts: 1 }));
    expect((await ok(api('GET', `/deals/${id}`, { token: s.token }))).tags).toEqual(['fresh']);
    const t = await tasks(s, id);
    expect(t).toEqual([expect.objectContaining({ code: 'first-call', createdBy: 'automation', assigneeId: s.userId })]);
    expect((await timeline(s, id)).map((e) => e.kind)).toContain('automation_run');
  });
});

describe('the sandbox test clock', () => {
  it('is 404 on live portals and only moves forward', async () => {
    const live = await signUp();
    expect((await api('GET', '/test-clock', { token: live.token })).status).toBe(404);
    expect((await api('POST', '/test-clock/advance', { token: live.token, body: { days: 1 } })).status).toBe(404);
    const s = await sandbox();
    const now = await clockNow(s);
    await advance(s, { minutes: 90 });
    expect((await clockNow(s)).toMillis()).toBe(now.plus({ minutes: 90 }).toMillis());
    const back = await api('POST', '/test-clock/advance', { token: s.token, body: { to: now.toISO() } });
    expect(back.status).toBe(400);
    expect(fieldsOf(back)).toEqual(['to']);
    expect((await api('POST', '/test-clock/advance', { token: s.token, body: { days: 1, minutes: 5 } })).status).toBe(400);
  });

  it('fires Friday 18:00 + {businessDays: 1, at: "10:00"} on Monday 10:00, not before', async () => {
    const s = await sandbox();
    await rule(s, { code: 'monday', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' }, delay: { businessDays: 1, at: '10:00' }, actions: [{ type: 'task.create', code: 'follow', title: 'Follow up', assignee: 'responsible', due: { days: 1 } }] });
    const friday = nextWeekday(await clockNow(s), 5, 18);
    await advanceTo(s, friday);
    const id = await deal(s, { pipeline: 'warm', stage: 'brief_wait', responsibleId: s.userId });
    await advance(s, { minutes: 0 });
    const [planned] = await runs(s, `dealId=${id}&status=scheduled`);
    const monday = friday.plus({ days: 3 }).set({ hour: 10, minute: 0 });
    expect(DateTime.fromISO(planned.dueAt).toMillis()).toBe(monday.toMillis());
    await advanceTo(s, monday.minus({ minutes: 1 }));
    expect(await tasks(s, id)).toEqual([]);
    await advanceTo(s, monday);
    const [task] = await tasks(s, id);
    expect(DateTime.fromISO(task.createdAt).toMillis()).toBe(monday.toMillis());
    expect(DateTime.fromISO(task.dueAt).toMillis()).toBe(monday.plus({ days: 1 }).toMillis());
  });

  it('skips a portal holiday for business days and keeps working hours', async () => {
    const s = await sandbox();
    const monday = nextWeekday(await clockNow(s), 1, 12);
    const tuesday = monday.plus({ days: 1 }).toISODate();
    await ok(api('POST', '/calendar/holidays', { token: s.token, body: { date: tuesday, name: 'Company day' } }), 201);
    const cal = await ok(api('GET', `/calendar?year=${monday.year}`, { token: s.token }));
    expect(cal.holidays).toEqual(expect.arrayContaining([{ date: tuesday, name: 'Company day', source: 'portal' }]));
    expect(cal.holidays.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['День незалежності України']));
    expect(cal.workingHours.mon).toEqual([['10:00', '19:00']]);
    await rule(s, { code: 'bd', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'meeting' }, delay: { businessDays: 1 }, actions: [{ type: 'tag.add', tags: ['next-day'] }] });
    await rule(s, { code: 'wh', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'meeting' }, delay: { minutes: 480, workingHoursOnly: true }, actions: [{ type: 'tag.add', tags: ['later'] }] });
    await advanceTo(s, monday);
    const id = await deal(s, { pipeline: 'warm', stage: 'meeting' });
    await advance(s, { minutes: 0 });
    const planned = await runs(s, `dealId=${id}&status=scheduled`);
    const due = Object.fromEntries(planned.map((r) => [r.ruleCode, DateTime.fromISO(r.dueAt).setZone(KYIV)]));
    expect(due['bd'].toISO()).toBe(monday.plus({ days: 2 }).toISO());
    // Monday 12:00 + 8 h = 20:00, after hours: the next working period is Wednesday 10:00 (Tuesday is off).
    expect(due['wh'].toISO()).toBe(monday.plus({ days: 2 }).set({ hour: 10 }).toISO());
    const bad = await api('PUT', '/calendar', { token: s.token, body: { workingHours: { mon: [['19:00', '10:00']] } } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['workingHours']);
  });
});

describe('delayed rules re-check when they fire', () => {
  it('skips a delayed rule, with the reason, when the deal left the stage or a condition no longer holds', async () => {
    const s = await sandbox();
    await rule(s, { code: 'remind', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' }, delay: { days: 5 }, actions: [{ type: 'tag.add', tags: ['reminded'] }] });
    await rule(s, {
      code: 'vip-call',
      trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' },
      delay: { days: 2 },
      conditions: [{ field: 'tags', op: 'contains', value: 'vip' }],
      actions: [{ type: 'task.create', title: 'VIP call', assignee: 'responsible' }],
    });
    const left = await deal(s, { pipeline: 'warm', stage: 'brief_wait', tags: ['vip'], responsibleId: s.userId });
    const stayed = await deal(s, { pipeline: 'warm', stage: 'brief_wait', tags: ['vip'], responsibleId: s.userId });
    await advance(s, { days: 1 });
    await move(s, left, 'meeting');
    await ok(api('PATCH', `/deals/${stayed}`, { token: s.token, body: { tags: [] } }));
    await advance(s, { days: 6 });

    const leftRuns = await runs(s, `dealId=${left}`);
    expect(leftRuns.map((r) => [r.ruleCode, r.status])).toEqual(expect.arrayContaining([['remind', 'skipped'], ['vip-call', 'skipped']]));
    expect(leftRuns.find((r) => r.ruleCode === 'remind').reason).toMatch(/left the stage "brief_wait"/);
    const stayedRuns = await runs(s, `dealId=${stayed}`);
    expect(stayedRuns.find((r) => r.ruleCode === 'remind').status).toBe('done');
    const vip = stayedRuns.find((r) => r.ruleCode === 'vip-call');
    expect(vip.status).toBe('skipped');
    expect(vip.reason).toMatch(/condition tags contains "vip" does not hold/);
    expect(await tasks(s, stayed)).toEqual([]);
    const entries = (await timeline(s, stayed)).filter((e) => e.kind === 'automation_run');
    expect(entries.map((e) => e.data.status).sort()).toEqual(['done', 'skipped']);
  });

  it('plans date.reached relative to a date field and re-plans when the field changes', async () => {
    const s = await sandbox();
    await field(s, 'deadline', 'date');
    await rule(s, { code: 'before-deadline', trigger: { type: 'date.reached', field: 'deadline', offset: { days: -5 } }, delay: { at: '10:00' }, actions: [{ type: 'task.create', code: 'deadline-soon', title: 'Deadline in 5 days', assignee: 'responsible' }] });
    const start = await clockNow(s);
    const first = start.plus({ days: 20 }).toISODate() as string;
    const id = await deal(s, { pipeline: 'warm', fields: { deadline: first }, responsibleId: s.userId });
    await advance(s, { minutes: 0 });
    const [planned] = await runs(s, `dealId=${id}&status=scheduled`);
    expect(DateTime.fromISO(planned.dueAt).setZone(KYIV).toISO()).toBe(DateTime.fromISO(first, { zone: KYIV }).minus({ days: 5 }).set({ hour: 10 }).toISO());
    const second = start.plus({ days: 30 }).toISODate() as string;
    await ok(api('PATCH', `/deals/${id}`, { token: s.token, body: { fields: { deadline: second } } }));
    await advance(s, { minutes: 0 });
    const all = await runs(s, `dealId=${id}`);
    expect(all.map((r) => r.status).sort()).toEqual(['cancelled', 'scheduled']);
    await advance(s, { days: 20 });
    expect(await tasks(s, id)).toEqual([]);
    await advance(s, { days: 6 });
    const [task] = await tasks(s, id);
    expect(task.code).toBe('deadline-soon');
    expect(DateTime.fromISO(task.createdAt).setZone(KYIV).toISODate()).toBe(DateTime.fromISO(second).minus({ days: 5 }).toISODate());
  });

  it('runs a schedule (cron) rule for every deal of a stage, once per occurrence', async () => {
    const s = await sandbox();
    await rule(s, { code: 'weekly', trigger: { type: 'schedule', cron: '0 9 * * 1', pipeline: 'warm', stage: 'approval' }, actions: [{ type: 'tag.add', tags: ['weekly-check'] }, { type: 'task.create', code: 'weekly', title: 'Weekly check', assignee: 'responsible' }] });
    const a = await deal(s, { pipeline: 'warm', stage: 'approval', responsibleId: s.userId });
    const b = await deal(s, { pipeline: 'warm', stage: 'new', responsibleId: s.userId });
    await advance(s, { days: 14 });
    expect((await tasks(s, a)).length).toBe(2);
    expect(await tasks(s, b)).toEqual([]);
    for (const t of await tasks(s, a)) {
      const at = DateTime.fromISO(t.createdAt).setZone(KYIV);
      expect([at.weekday, at.hour, at.minute]).toEqual([1, 9, 0]);
    }
  });
});

describe('actions', () => {
  it('moves a deal when a file named like a proposal is attached (seed 000, stage 5)', async () => {
    const s = await sandbox();
    await rule(s, { code: 'kp-uploaded', trigger: { type: 'file.attached', namePattern: '^коммерческое предложение' }, conditions: [{ field: 'stage', op: 'eq', value: 'meeting' }], actions: [{ type: 'deal.move', stage: 'approval' }] });
    const id = await deal(s, { pipeline: 'warm', stage: 'meeting' });
    const upload = async (name: string) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('pdf')], { type: 'application/pdf' }), name);
      expect((await api('POST', `/deals/${id}/files`, { token: s.token, rawBody: form })).status).toBe(201);
      await advance(s, { minutes: 0 });
    };
    await upload('Бриф клиента.pdf');
    expect((await runs(s, `dealId=${id}`)).length).toBe(0);
    await upload('Коммерческое предложение ООО Ромашка.pdf');
    const [run] = await runs(s, `dealId=${id}`);
    expect(run.status).toBe('done');
    expect((await ok(api('GET', `/deals/${id}`, { token: s.token }))).stage.code).toBe('approval');
  });

  it('creates a linked deal on "won" with the chosen data copied (seed 000)', async () => {
    const s = await sandbox();
    await pipeline(s, 'projects', ['start', 'done']);
    await field(s, 'product', 'string');
    const contact = await ok(api('POST', '/contacts', { token: s.token, body: { name: 'Олена', emails: ['olena@example.com'] } }), 201);
    await rule(s, { code: 'to-projects', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'won' }, actions: [{ type: 'deal.createLinked', pipeline: 'projects', stage: 'start', copy: ['fields', 'budget', 'contacts', 'files', 'tags'], tags: ['from-sales'] }] });
    const id = await deal(s, { pipeline: 'warm', stage: 'approval', budget: '24000.50', fields: { product: 'SMM' }, tags: ['vip'], contactIds: [contact.id], responsibleId: s.userId });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('signed')], { type: 'text/plain' }), 'Договір.txt');
    await api('POST', `/deals/${id}/files`, { token: s.token, rawBody: form });
    await move(s, id, 'won');
    await advance(s, { minutes: 0 });
    const [run] = await runs(s, `dealId=${id}`);
    expect(run.status).toBe('done');
    const linkedId = run.result.actions[0].dealId;
    const linked = await ok(api('GET', `/deals/${linkedId}`, { token: s.token }));
    expect(linked).toEqual(expect.objectContaining({ budget: '24000.50', fields: { product: 'SMM' }, contactIds: [contact.id], responsibleId: s.userId }));
    expect(linked.tags.sort()).toEqual(['from-sales', 'vip']);
    const files = await ok(api('GET', `/deals/${linkedId}/files`, { token: s.token }));
    expect(files.items.map((f: { name: string }) => f.name)).toEqual(['Договір.txt']);
    // Re-entering "won" is a new occurrence; the same event never makes a second deal.
    await advance(s, { days: 1 });
    expect((await runs(s, `dealId=${id}`)).length).toBe(1);
  });

  it('retries a failing webhook with backoff and sends the same idempotency key each time', async () => {
    const sink = await startWebhookSink();
    try {
      const s = await sandbox();
      sink.failNext(2, 503);
      await rule(s, { code: 'retarget', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' }, actions: [{ type: 'webhook.call', url: `${sink.url}/retarget`, body: { audience: 'brief', deal: '{{deal.title}}' } }] });
      const id = await deal(s, { pipeline: 'warm', stage: 'brief_wait', title: 'Ромашка' });
      await advance(s, { minutes: 0 });
      expect(sink.requests.map((r) => r.status)).toEqual([503, 503, 200]);
      expect(new Set(sink.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
      expect(sink.requests[2].body).toEqual({ audience: 'brief', deal: 'Ромашка' });
      const gaps = [sink.requests[1].at - sink.requests[0].at, sink.requests[2].at - sink.requests[1].at];
      expect(gaps[1]).toBeGreaterThan(gaps[0]);
      const [run] = await runs(s, `dealId=${id}`);
      expect(run.deliveries).toEqual([expect.objectContaining({ kind: 'webhook', status: 'sent', attempts: 3 })]);
    } finally {
      await sink.close();
    }
  });

  it('answers a dry run without doing anything', async () => {
    const s = await sandbox();
    await rule(s, {
      code: 'call-brief',
      trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' },
      delay: { days: 6, workingHoursOnly: true },
      conditions: [{ field: 'budget', op: 'gte', value: '1000' }],
      actions: [{ type: 'task.create', code: 'call-brief', title: 'Позвонить, напомнить про бриф', assignee: 'responsible', due: { days: 1 } }, { type: 'tag.add', tags: ['called'] }],
    });
    const id = await deal(s, { pipeline: 'warm', stage: 'brief_wait', budget: 5000, responsibleId: s.userId });
    await advance(s, { minutes: 0 });
    const dry = await ok(api('POST', '/automations/call-brief/dry-run', { token: s.token, body: { dealId: id } }));
    expect(dry.wouldRun).toBe(true);
    expect(dry.firesAt).toBe(dry.scheduled[0].dueAt);
    expect(dry.conditions).toEqual([expect.objectContaining({ field: 'budget', ok: true, actual: '5000.00' })]);
    expect(dry.actions).toEqual([
      expect.objectContaining({ type: 'task.create', ok: true, result: expect.objectContaining({ assigneeId: s.userId }) }),
      expect.objectContaining({ type: 'tag.add', ok: true }),
    ]);
    expect(await tasks(s, id)).toEqual([]);
    expect((await ok(api('GET', `/deals/${id}`, { token: s.token }))).tags).toEqual([]);
    const bad = await api('POST', '/automations/call-brief/dry-run', { token: s.token, body: { dealId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['dealId']);
  });

  it('keeps portals apart: a rule of one portal never sees another portal\'s deals', async () => {
    const a = await sandbox();
    const b = await sandbox();
    await rule(a, { code: 'tag', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'new' }, actions: [{ type: 'tag.add', tags: ['a-only'] }] });
    const dealB = await deal(b, { pipeline: 'warm' });
    await advance(a, { minutes: 1 });
    await advance(b, { minutes: 1 });
    expect((await ok(api('GET', `/deals/${dealB}`, { token: b.token }))).tags).toEqual([]);
    expect((await api('GET', `/automations/runs?dealId=${dealB}`, { token: a.token })).body.items).toEqual([]);
  });
});
