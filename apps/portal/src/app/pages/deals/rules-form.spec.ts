import { TestBed } from '@angular/core/testing';
import { toApiError } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import type { FieldDef } from './deals.types';
import { buildPatch, buildRulesModel, emptyRow, initialValues, mergeRulesModel, missingFields, placeFieldErrors } from './rules-form';

const DEFS: FieldDef[] = [
  { code: 'brief_date', name: 'Дата получения брифа', type: 'date' },
  { code: 'pay_type', name: { en: 'Payment type', uk: 'Тип оплати' }, type: 'enum', options: ['Постоплата', 'Предоплата'] },
  { code: 'fee', name: 'Fee', type: 'money' },
  { code: 'reach', name: 'Reach', type: 'number' },
  {
    code: 'bloggers',
    name: 'Услуги',
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'blogger', name: 'ФИО блогера', type: 'string' },
      { code: 'platform', name: 'Площадка', type: 'enum', options: ['Instagram', 'TikTok'] },
    ],
  },
];

describe('rules form model', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
    i18n.choose('en');
  });

  it('asks for exactly the missing fields, typed by their definitions, with tasks and guards', () => {
    const model = buildRulesModel(
      [
        { rule: 'requiredField', field: 'bloggers' },
        { rule: 'requiredField', field: 'pay_type' },
        { rule: 'requiredField', field: 'brief_date' },
        { rule: 'requiredField', field: 'budget' },
        { rule: 'requiredField', field: 'fee' },
        { rule: 'requiredField', field: 'reach' },
        { rule: 'noOpenTasks', taskIds: ['t1', 't2'] },
        { rule: 'guard', guard: 'kp', message: 'Upload the offer first' },
      ],
      DEFS,
      i18n,
    );
    expect(model.fields.map((f) => [f.code, f.kind, f.builtIn])).toEqual([
      ['bloggers', 'group', false],
      ['pay_type', 'select', false],
      ['brief_date', 'date', false],
      ['budget', 'money', true],
      ['fee', 'money', false],
      ['reach', 'number', false],
    ]);
    expect(model.fields[0].repeatable).toBe(true);
    expect(model.fields[0].members.map((m) => [m.code, m.kind, m.label])).toEqual([
      ['blogger', 'text', 'ФИО блогера'],
      ['platform', 'select', 'Площадка'],
    ]);
    expect(model.fields[1].label).toBe('Payment type');
    expect(model.fields[1].options).toEqual(['Постоплата', 'Предоплата']);
    expect(model.fields[3].label).toBe('Budget');
    expect(model.taskIds).toEqual(['t1', 't2']);
    expect(model.guards).toEqual([{ guard: 'kp', message: 'Upload the offer first' }]);
  });

  it('always asks for the loss reason on a lost stage, once', () => {
    expect(buildRulesModel([], DEFS, i18n, { lost: true }).fields.map((f) => [f.code, f.kind])).toEqual([['lostReason', 'textarea']]);
    expect(buildRulesModel([{ rule: 'requiredField', field: 'lostReason' }], DEFS, i18n, { lost: true }).fields).toHaveLength(1);
  });

  it('builds one PATCH: stage, built-in properties, and fields with repeatable group rows', () => {
    const model = buildRulesModel(
      ['bloggers', 'pay_type', 'budget', 'reach', 'lostReason'].map((field) => ({ rule: 'requiredField', field })),
      DEFS,
      i18n,
    );
    const values = initialValues(model);
    expect(values['bloggers']).toEqual([{ blogger: '', platform: '' }]);
    expect(missingFields(model, values)).toEqual(['bloggers', 'pay_type', 'budget', 'reach', 'lostReason']);
    values['bloggers'] = [{ blogger: ' Бузова ', platform: 'Instagram' }, emptyRow(model.fields[0]), { blogger: 'Ивлеева', platform: '' }];
    values['pay_type'] = 'Предоплата';
    values['budget'] = '1500,5';
    values['reach'] = '12000';
    values['lostReason'] = '  Нет денег ';
    expect(missingFields(model, values)).toEqual([]);
    expect(buildPatch('stage-1', model, values)).toEqual({
      stage: 'stage-1',
      budget: '1500.5',
      lostReason: 'Нет денег',
      fields: {
        bloggers: [{ blogger: 'Бузова', platform: 'Instagram' }, { blogger: 'Ивлеева' }],
        pay_type: 'Предоплата',
        reach: 12000,
      },
    });
  });

  it('keeps what was entered when a later answer asks for more', () => {
    const first = buildRulesModel([{ rule: 'requiredField', field: 'pay_type' }], DEFS, i18n);
    const values = { ...initialValues(first), pay_type: 'Постоплата' };
    const next = mergeRulesModel(first, buildRulesModel([{ rule: 'requiredField', field: 'brief_date' }, { rule: 'noOpenTasks', taskIds: ['t9'] }], DEFS, i18n));
    expect(next.fields.map((f) => f.code)).toEqual(['pay_type', 'brief_date']);
    expect(next.taskIds).toEqual(['t9']);
    expect(initialValues(next, values)).toEqual({ pay_type: 'Постоплата', brief_date: '' });
  });

  it('places 400 field errors on the form field they belong to', () => {
    const model = buildRulesModel([{ rule: 'requiredField', field: 'bloggers' }, { rule: 'requiredField', field: 'budget' }], DEFS, i18n);
    const err = toApiError(400, {
      error: 'validation_failed',
      message: 'bad',
      details: [
        { field: 'fields.bloggers[0].platform', message: 'must be one of: Instagram, TikTok' },
        { field: 'budget', message: 'must be money' },
        { field: 'title', message: 'too long' },
      ],
    });
    expect(placeFieldErrors(err, model)).toEqual({
      byField: { bloggers: 'must be one of: Instagram, TikTok', budget: 'must be money' },
      unplaced: ['too long'],
    });
  });
});
