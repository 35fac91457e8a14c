import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../../core/i18n.service';
import { definitionOf, emptyForm, formSlot, formToRule, parseJson, ruleToForm, splitPath, zonedIso } from './rule-model';
import type { RuleForm } from './rule-model';
import { describeDelay, pathText, problemMessage, reasonText } from './rule-words';

const BRIEF = {
  code: 'brief-reminder-call',
  name: 'Call about the brief after 6 days',
  enabled: true,
  trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief_wait' },
  delay: { days: 6, at: '10:00', workingHoursOnly: true },
  conditions: [
    { field: 'stage', op: 'eq', value: 'brief_wait' },
    { field: 'budget', op: 'gte', value: 10000 },
    { field: 'tags', op: 'in', value: ['A', 'B'] },
    { field: 'brief', op: 'empty' },
  ],
  actions: [
    { type: 'task.create', code: 'call-brief', title: 'Позвонить, напомнить про бриф', assignee: 'responsible', due: { businessDays: 1, at: '12:00' }, resultOptions: ['Approved', 'Not approved'], estimateMinutes: 15 },
    { type: 'message.send', channel: 'email', to: 'contact', subject: 'Brief', template: 'Hello {{contact.name}}' },
    { type: 'field.set', field: 'budget', value: 5000 },
    { type: 'field.set', field: 'note', value: '5000' },
    { type: 'deal.createLinked', pipeline: 'realization', copy: ['fields', 'files'], tags: ['from-sales'] },
    { type: 'webhook.call', url: 'https://example.test/hook', body: { deal: '{{deal.id}}', n: 1 } },
    { type: 'nova.ttn', sender: 'warehouse', weight: 2 },
  ],
};

const get = (form: RuleForm) => formToRule(form);

describe('rule ⇄ form', () => {
  it('round-trips a rule the form can show, exactly (numbers stay numbers, texts stay texts, plugin types keep their JSON)', () => {
    const res = ruleToForm(BRIEF);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.form.delay).toEqual({ unit: 'days', amount: '6', at: '10:00', workingHoursOnly: true });
    expect(res.form.trigger.values).toEqual({ pipeline: 'warm', stage: 'brief_wait' });
    const { rule, problems } = get(res.form);
    expect(problems).toEqual([]);
    expect(rule).toEqual(BRIEF);
  });

  it('shows whole hours as hours and writes them back as minutes', () => {
    const res = ruleToForm({ ...BRIEF, delay: { minutes: 120 } });
    if (!res.ok) throw new Error('not ok');
    expect(res.form.delay).toEqual({ unit: 'hours', amount: '2', at: '', workingHoursOnly: false });
    expect(get(res.form).rule.delay).toEqual({ minutes: 120 });
    res.form.delay = { unit: 'hours', amount: '3', at: '', workingHoursOnly: false };
    expect(get(res.form).rule.delay).toEqual({ minutes: 180 });
  });

  it('a new form makes the simple rule of the user journey', () => {
    const form = emptyForm();
    form.name = 'Remind';
    form.code = 'remind';
    form.trigger.values = { pipeline: 'warm', stage: 'brief' };
    form.delay = { unit: 'days', amount: '1', at: '', workingHoursOnly: false };
    form.actions[0].values['title'] = 'Call';
    form.actions[0].values['assignee'] = 'responsible';
    expect(get(form).rule).toEqual({
      code: 'remind',
      name: 'Remind',
      enabled: true,
      trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief' },
      delay: { days: 1 },
      conditions: [],
      actions: [{ type: 'task.create', title: 'Call', assignee: 'responsible' }],
    });
  });

  it('reports what the form cannot show: repeat, odd delays, unknown keys, values of other kinds', () => {
    const res = ruleToForm({
      ...BRIEF,
      repeat: { everyMinutes: 60 },
      delay: { days: 1, businessDays: 2 },
      trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'x', extra: 1 },
      conditions: [{ field: 'budget', op: 'eq', value: { a: 1 } }],
      actions: [{ type: 'field.set', field: 'x', value: null }, { type: 'task.create', title: 't', assignee: 'responsible', due: { field: 'deadline' } }],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.unsupported.map((u) => `${u.path}:${u.why}`).sort()).toEqual(
      ['actions[0].value:value', 'actions[1].due:value', 'conditions[0].value:value', 'delay:delay', 'repeat:repeat', 'trigger.extra:unknownKey'].sort(),
    );
  });

  it('keeps the definition only: no id, owner, dates, empty repeat', () => {
    expect(definitionOf({ ...BRIEF, id: 'x', pluginId: null, createdAt: 'a', updatedAt: 'b', repeat: null })).toEqual(BRIEF);
  });

  it('a plugin type whose JSON parameters do not parse is a problem at that action', () => {
    const res = ruleToForm(BRIEF);
    if (!res.ok) throw new Error('not ok');
    res.form.actions[6].values['*'] = '{ "sender": ';
    expect(get(res.form).problems.map((p) => p.path)).toEqual(['actions[6]']);
  });
});

describe('JSON errors and API problems', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
    i18n.choose('en');
  });

  it('names the line and column of a JSON error', () => {
    const res = parseJson('{\n  "code": "a",\n  "name": "b",,\n}');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.line).toBe(3);
    expect(res.error.column).toBeGreaterThan(10);
    expect(res.error.message).not.toMatch(/position/);
  });

  it('splits paths and finds the form control a problem belongs to', () => {
    expect(splitPath('actions[0].due.days')).toEqual([{ key: 'actions', index: 0 }, { key: 'due' }, { key: 'days' }]);
    const res = ruleToForm(BRIEF);
    if (!res.ok) throw new Error('not ok');
    expect(formSlot('actions[0].title', res.form)).toBe('actions.0.title');
    expect(formSlot('actions[0].due.days', res.form)).toBe('actions.0.due');
    expect(formSlot('actions[6].weight', res.form)).toBe('actions.6.*');
    expect(formSlot('actions[0].bogus', res.form)).toBe('actions.0.type');
    expect(formSlot('trigger.stage', res.form)).toBe('trigger.stage');
    expect(formSlot('delay.at', res.form)).toBe('delay');
    expect(formSlot('conditions[1].value', res.form)).toBe('conditions.1');
    expect(formSlot('code', res.form)).toBe('code');
    expect(formSlot('repeat.everyMinutes', res.form)).toBeNull();
  });

  it('says a path and a message in words', () => {
    expect(pathText(i18n, 'actions[0].title', BRIEF)).toBe('Action 1 (Create a task) → Title');
    expect(pathText(i18n, 'conditions[2].value', BRIEF)).toBe('Condition 3 → Value');
    expect(pathText(i18n, 'trigger.stage', BRIEF)).toBe('Event → Stage');
    expect(problemMessage(i18n, 'is required')).toBe('is required');
    expect(problemMessage(i18n, 'unknown stage "x" in pipeline "warm"')).toBe('there is no stage “x”');
    i18n.choose('uk');
    expect(pathText(i18n, 'actions[0].title', BRIEF)).toBe('Дія 1 (Поставити задачу) → Назва');
    expect(problemMessage(i18n, 'is required')).toBe('обов’язкове поле');
  });

  it('says why a run was skipped, and a delay, in words', () => {
    expect(reasonText(i18n, 'the deal left the stage "brief_wait" (now in "offer")')).toBe('the deal left the stage “brief_wait” (it is now in “offer”)');
    expect(reasonText(i18n, 'condition budget gte 10000 does not hold (is "500.00")')).toBe('the condition “budget at least 10000” does not hold (now "500.00")');
    expect(reasonText(i18n, 'something new')).toBe('something new');
    expect(describeDelay(i18n, { businessDays: 1, at: '10:00' })).toBe('after 1 working day, at 10:00');
    expect(describeDelay(i18n, null)).toBe('at once');
    i18n.choose('ru');
    expect(describeDelay(i18n, { days: 6 })).toBe('через 6 дней');
  });

  it('turns a local date-time of a time zone into a timestamp with its offset', () => {
    expect(zonedIso('2025-07-01T10:00', 'Europe/Kyiv')).toBe('2025-07-01T10:00:00+03:00');
    expect(zonedIso('2025-01-15T10:00', 'Europe/Kyiv')).toBe('2025-01-15T10:00:00+02:00');
    expect(zonedIso('2025-01-15T10:00', 'UTC')).toBe('2025-01-15T10:00:00+00:00');
    expect(zonedIso('nonsense', 'UTC')).toBeNull();
  });
});
