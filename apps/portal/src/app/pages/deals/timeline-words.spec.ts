import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../core/i18n.service';
import type { TimelineEntry } from './deals.types';
import { describeEntry, orderTimeline } from './timeline-words';
import type { TimelineContext } from './timeline-words';

const entry = (kind: string, data: Record<string, unknown>, id = kind): TimelineEntry => ({ id, kind, data, createdAt: '2026-12-01T10:00:00Z' });
const place = (stageName: string) => ({ stageId: 's', stageCode: 'c', stageName, pipelineCode: 'warm' });

describe('timeline words', () => {
  let ctx: TimelineContext;
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
    i18n.choose('en');
    ctx = { i18n, userName: (id) => ({ u1: 'Ivan', u2: 'Olha' })[id] ?? id, fieldName: (code) => ({ pay_type: 'Payment type' })[code] ?? code };
  });

  it('puts every kind into words', () => {
    const cases: [TimelineEntry, string][] = [
      [entry('created', { title: 'Big deal', to: place('New') }), 'The deal “Big deal” was created in the stage “New”.'],
      [entry('stage_moved', { from: place('New'), to: place('Lost'), lostReason: 'No money' }), 'Moved from “New” to “Lost”. Reason for the loss: No money.'],
      [entry('field_changed', { field: 'fields.pay_type', from: null, to: 'Prepaid' }), '“Payment type” changed: — → Prepaid.'],
      [entry('field_changed', { field: 'pay_type', from: 'Prepaid', to: 'Postpaid' }), '“Payment type” changed: Prepaid → Postpaid.'],
      [entry('field_changed', { field: 'responsibleId', from: 'u1', to: 'u2' }), '“Responsible” changed: Ivan → Olha.'],
      [entry('field_changed', { field: 'budget', from: '1.00', to: '2.00' }), '“Budget” changed: 1.00 → 2.00.'],
      [entry('note', { text: 'Call on Friday', pinned: false }), 'Note: Call on Friday'],
      [entry('profitability_alert', { kind: 'margin', level: 'warning', marginPct: '15.83', grossProfit: '1583.34', currency: 'UAH' }), 'Profitability alert: the margin fell to 15.83 %, below the warning threshold.'],
      [entry('profitability_alert', { kind: 'margin', level: 'critical', marginPct: '-5.00', grossProfit: '-500.00', currency: 'UAH' }), 'Profitability alert: the project loses money (gross profit -500.00 UAH).'],
      [entry('profitability_alert', { kind: 'hours', level: 'critical', spentPct: '104.17' }), 'Hours alert: the planned hours are exceeded (104.17 %).'],
      [entry('profitability_alert_cleared', { kind: 'margin', marginPct: '25.00' }), 'The margin is back above the threshold (25.00 %).'],
      [entry('note', { text: 'Key client', pinned: true }), 'Pinned note: Key client'],
      [entry('file', { name: 'offer.pdf', size: 2048 }), 'File attached: offer.pdf (2.0 KB).'],
      [entry('message', { channel: 'telegram', direction: 'in', text: 'Hi' }), 'Message received (telegram): Hi'],
      [entry('task_completed', { title: 'Approve', result: 'Approved', comment: 'ok' }), 'Task “Approve” completed. Result: Approved. Comment: ok'],
      [entry('task_deleted', { title: 'Old' }), 'Task “Old” deleted.'],
      [entry('automation_run', { ruleName: 'Warm-up letters', status: 'skipped', reason: 'the deal left the stage' }), 'Automation rule “Warm-up letters” was skipped. Why: the deal left the stage'],
      [entry('automation_run', { ruleName: 'Brief reminder', status: 'failed', error: 'SMTP down' }), 'Automation rule “Brief reminder” failed: SMTP down'],
      [entry('automation_run', { ruleCode: 'kp', status: 'done', actions: [{}, {}] }), 'Automation rule “kp” ran (2 actions).'],
      [entry('assigned', { userId: 'u2', strategy: 'least-loaded', reason: 'load 3.5 h, lowest of 4' }), 'Assigned to Olha. Strategy: least-loaded. Reason: load 3.5 h, lowest of 4.'],
      [entry('assigned', { userId: null, reason: 'nobody fits' }), 'Nobody was assigned. Reason: nobody fits.'],
      [entry('something_new', {}), 'Event: something_new'],
    ];
    for (const [e, text] of cases) expect(describeEntry(e, ctx)).toBe(text);
    expect(describeEntry(entry('task_created', { title: 'Call', assigneeId: 'u1', dueAt: '2026-12-05T10:00:00Z', createdBy: 'automation' }), ctx)).toMatch(
      /^Task “Call” set for Ivan, due .+2026.+\(by an automation rule\)$/,
    );
  });

  it('speaks the current language', () => {
    i18n.choose('uk');
    expect(describeEntry(entry('stage_moved', { from: place('Новий'), to: place('Бриф') }), ctx)).toBe('Перенесено зі стадії «Новий» на «Бриф».');
    i18n.choose('ru');
    expect(describeEntry(entry('automation_run', { ruleName: 'Письма', status: 'skipped', reason: 'нет e-mail' }), ctx)).toBe('Правило автоматизации «Письма» пропущено. Почему: нет e-mail');
  });

  it('shows pinned notes first', () => {
    const list = [entry('stage_moved', {}, '1'), entry('note', { pinned: true }, '2'), entry('note', { pinned: false }, '3'), entry('note', { pinned: true }, '4')];
    expect(orderTimeline(list).map((e) => e.id)).toEqual(['2', '4', '1', '3']);
  });
});
