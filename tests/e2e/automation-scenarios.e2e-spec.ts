import { DateTime } from 'luxon';
import { startSmsGatewayFake, startSmtpFake, startWebhookSink } from '../fakes';
import type { SmsGatewayFake, SmtpFake, WebhookSink } from '../fakes';
import { Session, addUser, api, signUp } from './support/api';
import { createFreshDatabase, dropDatabase, startAppProcess } from './support/app-process';
import type { RunningApp } from './support/app-process';
import { KYIV, advanceTo, clockNow, deal, move, nextWeekday, ok, pipeline, rule, runs, tasks, timeline } from './support/automation';
import { field } from './support/automation';

/**
 * Seed 000 (the marketing agency on amoCRM) replayed on a sandbox portal with the test clock: stage 2
 * "Получение брифа" and stage 6 "Согласование КП". The app runs with SMTP and the SMS gateway pointed at
 * local fakes that speak the real protocols.
 */

let app: RunningApp;
let smtp: SmtpFake;
let sms: SmsGatewayFake;
let sink: WebhookSink;
let database: string | undefined;
let previousUrl: string | undefined;

beforeAll(async () => {
  smtp = await startSmtpFake();
  sms = await startSmsGatewayFake({ token: 'sms-token' });
  sink = await startWebhookSink();
  const env: Record<string, string | undefined> = { SMTP_URL: `${smtp.url}?from=${encodeURIComponent('Агенція <hello@agency.test>')}`, SMS_GATEWAY_URL: sms.url, LOG_LEVEL: 'warn' };
  if (process.env['E2E_MODE'] === 'external') {
    database = await createFreshDatabase(process.env['DATABASE_URL'] as string, 'scenario');
    env['DATABASE_URL'] = database;
    env['REDIS_URL'] = process.env['REDIS_URL'];
  }
  app = await startAppProcess(env);
  previousUrl = process.env['E2E_URL'];
  process.env['E2E_URL'] = app.url;
}, 120_000);

afterAll(async () => {
  process.env['E2E_URL'] = previousUrl;
  await app?.stop();
  await Promise.all([smtp?.close(), sms?.close(), sink?.close()]);
  if (database) await dropDatabase(database);
});

async function agency(): Promise<{ s: Session; manager: Session; head: Session; pr: Session }> {
  const s = await signUp({ sandbox: true, locale: 'uk', timezone: KYIV });
  const head = await addUser(s, ['head']);
  const manager = await addUser(s, ['manager']);
  const pr = await addUser(s, ['employee']);
  await pipeline(s, 'warm', ['new', 'brief_wait', 'postponed', 'meeting', 'brief_received', 'approval', 'approved', { code: 'won', kind: 'won' }, { code: 'lost', kind: 'lost' }]);
  return { s, manager, head, pr };
}

const at = (iso: string) => DateTime.fromISO(iso).setZone(KYIV);

describe('seed 000, stage 2 "Получение брифа"', () => {
  it('retargeting after 3 days, a reminder e-mail after 5, a call task after 6, the call scenario after 10 — all in working hours', async () => {
    const { s, manager } = await agency();
    const stage = { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' };
    await rule(s, { code: 'retargeting', trigger: stage, delay: { days: 3, workingHoursOnly: true }, actions: [{ type: 'webhook.call', url: `${sink.url}/retargeting`, body: { platform: 'facebook', audience: 'brief-wait', email: '{{contact.email}}' } }] });
    await rule(s, {
      code: 'brief-reminder',
      trigger: stage,
      delay: { days: 5, workingHoursOnly: true },
      actions: [{ type: 'message.send', channel: 'email', to: 'contact', subject: 'Нагадування про бриф: {{deal.title}}', template: 'Добрий день, {{contact.name}}! Нагадуємо, що чекаємо на заповнений бриф щодо «{{deal.title}}». З повагою, {{responsible.name}}' }],
    });
    await rule(s, { code: 'brief-reminder-call', trigger: stage, delay: { days: 6, workingHoursOnly: true }, actions: [{ type: 'task.create', code: 'call-brief', title: 'Позвонить, напомнить про бриф / договориться о встрече', assignee: 'responsible', due: { days: 1 } }] });
    await rule(s, {
      code: 'autocall',
      trigger: stage,
      delay: { days: 10, workingHoursOnly: true },
      repeat: { everyMinutes: 60, until: [{ field: 'task:autocall.result', op: 'eq', value: 'Поговорил' }] },
      actions: [{ type: 'task.create', code: 'autocall', title: 'Автодозвон: соединить с клиентом', assignee: 'responsible', resultOptions: ['Поговорил', 'Занят'], due: { minutes: 30 } }],
    });
    await rule(s, { code: 'thanks-sms', trigger: { type: 'deal.created', pipeline: 'warm' }, actions: [{ type: 'message.send', channel: 'sms', to: 'contact', template: 'Дякуємо за звернення, {{contact.name}}! Ваш менеджер: {{responsible.name}}' }] });

    const contact = await ok(api('POST', '/contacts', { token: s.token, body: { name: 'Олена Коваль', emails: ['olena@client.test'], phones: ['+380671234567'] } }), 201);
    const monday = nextWeekday(await clockNow(s), 1, 11);
    await advanceTo(s, monday);
    const id = await deal(s, { title: 'Ромашка — SMM', pipeline: 'warm', stage: 'new', contactIds: [contact.id], responsibleId: manager.userId });
    await move(s, id, 'brief_wait');
    await advanceTo(s, monday.plus({ minutes: 1 }));

    const thanksRun = (await runs(s, `dealId=${id}`)).find((r) => r.ruleCode === 'thanks-sms');
    expect(thanksRun).toEqual(expect.objectContaining({ status: 'done', deliveries: [expect.objectContaining({ kind: 'sms', status: 'sent' })] }));
    const thanks = await sms.waitFor((m) => m.to === '+380671234567');
    expect(thanks.text).toContain('Дякуємо за звернення, Олена Коваль!');

    // Day 3 (Thursday 11:00): retargeting switched on, once.
    await advanceTo(s, monday.plus({ days: 3 }).minus({ minutes: 1 }));
    expect(sink.requests.filter((r) => r.path === '/retargeting')).toEqual([]);
    await advanceTo(s, monday.plus({ days: 3 }));
    const retargeting = sink.requests.filter((r) => r.path === '/retargeting');
    expect(retargeting).toHaveLength(1);
    expect(retargeting[0].body).toEqual({ platform: 'facebook', audience: 'brief-wait', email: 'olena@client.test' });

    // Day 5 is a Saturday: the reminder waits for Monday 10:00.
    await advanceTo(s, monday.plus({ days: 6 }).set({ hour: 9, minute: 59 }));
    expect(smtp.messages).toEqual([]);
    await advanceTo(s, monday.plus({ days: 7 }).set({ hour: 10 }));
    const mail = await smtp.waitFor((m) => m.to.includes('olena@client.test'));
    expect(mail.subject).toBe('Нагадування про бриф: Ромашка — SMM');
    expect(mail.text).toContain('Добрий день, Олена Коваль! Нагадуємо, що чекаємо на заповнений бриф щодо «Ромашка — SMM».');
    expect(mail.text).toContain(`З повагою, User ${manager.email}`);
    expect(mail.from).toBe('hello@agency.test');
    // Day 6 (Sunday) also lands on Monday 10:00: the call task.
    const call = (await tasks(s, id)).filter((t) => t.code === 'call-brief');
    expect(call).toEqual([expect.objectContaining({ assigneeId: manager.userId, createdBy: 'automation' })]);
    expect(at(call[0].createdAt).toISO()).toBe(monday.plus({ days: 7 }).set({ hour: 10 }).toISO());

    // Day 10 (Thursday 11:00): the call scenario repeats every hour in working hours.
    const day10 = monday.plus({ days: 10 });
    await advanceTo(s, day10.set({ hour: 15, minute: 30 }));
    let autocalls = (await tasks(s, id)).filter((t) => t.code === 'autocall');
    expect(autocalls.map((t) => at(t.createdAt).hour).sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15]);

    // The manager talked to the client: no more calls this day, they resume the next working day.
    const latest = autocalls.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    await ok(api('POST', `/tasks/${latest.id}/complete`, { token: manager.token, body: { result: 'Поговорил' } }));
    await advanceTo(s, day10.plus({ days: 1 }).set({ hour: 9, minute: 59 }));
    expect((await tasks(s, id)).filter((t) => t.code === 'autocall')).toHaveLength(5);
    const paused = (await runs(s, `dealId=${id}&status=skipped`)).find((r) => r.ruleCode === 'autocall');
    expect(paused.reason).toMatch(/paused until/);
    await advanceTo(s, day10.plus({ days: 1 }).set({ hour: 11, minute: 30 }));
    autocalls = (await tasks(s, id)).filter((t) => t.code === 'autocall');
    const friday = autocalls.map((t) => at(t.createdAt)).filter((d) => d.weekday === 5);
    expect(friday.map((d) => d.hour)).toEqual(expect.arrayContaining([10, 11]));
    for (const t of autocalls) {
      const h = at(t.createdAt);
      expect(h.hour >= 10 && h.hour < 19 && h.weekday <= 5).toBe(true);
    }

    // The deal moves on: the scenario stops, and nothing was ever sent twice.
    await move(s, id, 'meeting');
    const count = autocalls.length;
    await advanceTo(s, day10.plus({ days: 4 }));
    expect((await tasks(s, id)).filter((t) => t.code === 'autocall')).toHaveLength(count);
    expect(smtp.messages.filter((m) => m.to.includes('olena@client.test'))).toHaveLength(1);
    expect(sink.requests.filter((r) => r.path === '/retargeting')).toHaveLength(1);
    expect(sms.messages.filter((m) => m.to === '+380671234567')).toHaveLength(1);
    const log = await runs(s, `dealId=${id}`);
    expect(log.find((r) => r.ruleCode === 'brief-reminder').deliveries).toEqual([expect.objectContaining({ kind: 'email', status: 'sent', attempts: 1 })]);
    const kinds = (await timeline(s, id)).filter((e) => e.kind === 'automation_run').map((e) => e.data.ruleCode);
    expect(kinds).toEqual(expect.arrayContaining(['retargeting', 'brief-reminder', 'brief-reminder-call', 'autocall', 'thanks-sms']));
  });
});

describe('seed 000, stage 6 "Согласование КП"', () => {
  it('sets the head an approval task and branches on its result; the decision date sets a follow-up', async () => {
    const { s, manager, head, pr } = await agency();
    await field(s, 'decision_date', 'date');
    await rule(s, { code: 'approve-kp', trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'approval' }, actions: [{ type: 'task.create', code: 'approve-kp', title: 'Согласовать КП', assignee: 'role:head', resultOptions: ['Согласовано', 'Не согласовано'], due: { days: 1 } }] });
    await rule(s, { code: 'kp-approved', trigger: { type: 'task.completed', taskCode: 'approve-kp', result: 'Согласовано' }, actions: [{ type: 'task.create', code: 'send-kp', title: 'Отправить КП клиенту и согласовать', assignee: 'responsible', due: { days: 1 } }] });
    await rule(s, {
      code: 'kp-rejected',
      trigger: { type: 'task.completed', taskCode: 'approve-kp', result: 'Не согласовано' },
      actions: [
        { type: 'task.create', code: 'redo-kp', title: 'Переделать КП', assignee: 'role:employee', due: { days: 1 } },
        { type: 'task.create', code: 'describe-edits', title: 'Описать правки в комментарии к сделке', assignee: 'role:head', due: { days: 1 } },
      ],
    });
    await rule(s, { code: 'decision-day', trigger: { type: 'date.reached', field: 'decision_date' }, delay: { at: '10:00' }, conditions: [{ field: 'stage', op: 'in', value: ['approval', 'approved'] }], actions: [{ type: 'task.create', code: 'ask-result', title: 'Связаться с клиентом уточнить результат согласования', assignee: 'responsible', due: { days: 1 } }] });

    const approved = await deal(s, { title: 'Approved', pipeline: 'warm', stage: 'brief_received', responsibleId: manager.userId });
    const rejected = await deal(s, { title: 'Rejected', pipeline: 'warm', stage: 'brief_received', responsibleId: manager.userId });
    await move(s, approved, 'approval');
    await move(s, rejected, 'approval');
    await advanceTo(s, (await clockNow(s)).plus({ minutes: 5 }));
    const approvalTask = async (dealId: string) => (await tasks(s, dealId)).find((t) => t.code === 'approve-kp');
    const a = await approvalTask(approved);
    expect(a).toEqual(expect.objectContaining({ assigneeId: head.userId, resultOptions: ['Согласовано', 'Не согласовано'] }));
    await ok(api('POST', `/tasks/${a.id}/complete`, { token: head.token, body: { result: 'Согласовано' } }));
    await ok(api('POST', `/tasks/${(await approvalTask(rejected)).id}/complete`, { token: head.token, body: { result: 'Не согласовано' } }));
    await advanceTo(s, (await clockNow(s)).plus({ minutes: 5 }));

    expect((await tasks(s, approved)).map((t) => [t.code, t.assigneeId]).sort()).toEqual([
      ['approve-kp', head.userId],
      ['send-kp', manager.userId],
    ]);
    expect((await tasks(s, rejected)).map((t) => [t.code, t.assigneeId]).sort()).toEqual([
      ['approve-kp', head.userId],
      ['describe-edits', head.userId],
      ['redo-kp', pr.userId],
    ]);

    const decision = (await clockNow(s)).plus({ days: 3 });
    await ok(api('PATCH', `/deals/${approved}`, { token: s.token, body: { fields: { decision_date: decision.toISODate() } } }));
    await advanceTo(s, decision.set({ hour: 9, minute: 59 }));
    expect((await tasks(s, approved)).some((t) => t.code === 'ask-result')).toBe(false);
    await advanceTo(s, decision.set({ hour: 10 }));
    const ask = (await tasks(s, approved)).find((t) => t.code === 'ask-result');
    expect(ask).toEqual(expect.objectContaining({ assigneeId: manager.userId }));
  });
});
