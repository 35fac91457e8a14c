import { toApiError } from '../../../core/api.service';
import type { Deal, FieldDef } from '../deals.types';
import { buildDealPatch, cloneValues, editableFields, initialEditValues, placeEditErrors, toLocalInput } from './field-edit';
import type { EditValues } from './field-edit';
import { sizeText } from './file-transfer';

const words = { t: (k: string) => k, localized: (v: unknown) => (typeof v === 'string' ? v : '') } as never;

const DEFS: FieldDef[] = [
  { code: 'brief', name: 'Brief', type: 'text' },
  { code: 'reach', name: 'Reach', type: 'number' },
  { code: 'fee', name: 'Fee', type: 'money' },
  { code: 'pay', name: 'Pay', type: 'enum', options: ['Prepaid', 'Postpaid'] },
  { code: 'due', name: 'Due', type: 'date' },
  { code: 'title', name: 'Custom title', type: 'string' },
  {
    code: 'bloggers',
    name: 'Bloggers',
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'name', name: 'Blogger', type: 'string' },
      { code: 'reach', name: 'Reach', type: 'number' },
    ],
  },
];

const DEAL: Deal = {
  id: 'd1',
  title: 'Campaign',
  pipeline: { id: 'p', code: 'p' },
  stage: { id: 's', code: 's', kind: 'open' },
  budget: '1500.00',
  currency: 'UAH',
  responsibleId: 'u1',
  fields: { brief: 'Coffee', reach: 1000, fee: '200.00', bloggers: [{ name: '@a', reach: 5 }] },
  tags: ['A'],
  contactIds: [],
  companyId: null,
  createdAt: '',
  updatedAt: '',
};

function start() {
  const fields = editableFields(DEFS, words);
  const before = initialEditValues(DEAL, fields);
  const after: EditValues = cloneValues(before);
  return { fields, before, after };
}

describe('the field editor diff', () => {
  it('sends nothing when nothing changed (money "1500" equals "1500.00")', () => {
    const { fields, before, after } = start();
    after.budget = '1500';
    after.fields['fee'] = '200';
    expect(buildDealPatch(fields, before, after)).toEqual({});
  });

  it('sends only what changed: built-ins by name, custom fields under fields, a cleared one as null', () => {
    const { fields, before, after } = start();
    after.budget = '2 000,50';
    after.tags = ['A', 'B'];
    after.responsibleId = '';
    after.fields['brief'] = '';
    after.fields['pay'] = 'Prepaid';
    after.fields['due'] = '2026-12-31';
    expect(buildDealPatch(fields, before, after)).toEqual({
      budget: '2000.50',
      responsibleId: null,
      tags: ['A', 'B'],
      fields: { brief: null, pay: 'Prepaid', due: '2026-12-31' },
    });
  });

  it('sends a repeatable group whole when a row is added, blank rows left out', () => {
    const { fields, before, after } = start();
    after.fields['bloggers'] = [
      { name: '@a', reach: '5' },
      { name: '@b', reach: '120000' },
      { name: '', reach: '' },
    ];
    expect(buildDealPatch(fields, before, after)).toEqual({ fields: { bloggers: [{ name: '@a', reach: 5 }, { name: '@b', reach: 120000 }] } });
  });

  it('starts a repeatable group without rows with one empty row, and a custom field named like a property stays custom', () => {
    const { fields, before } = start();
    expect(initialEditValues({ ...DEAL, fields: {} }, fields).fields['bloggers']).toEqual([{ name: '', reach: '' }]);
    expect(fields.find((f) => f.code === 'title')).toMatchObject({ builtIn: false, kind: 'text' });
    expect(before.fields['reach']).toBe('1000');
  });

  it('places the API errors next to the field, the group row member, or the property', () => {
    const { fields } = start();
    const err = toApiError(400, {
      error: 'validation_failed',
      message: 'bad',
      details: [
        { field: 'fields.reach', message: 'must be a number' },
        { field: 'fields.bloggers[1].reach', message: 'must be a number' },
        { field: 'budget', message: 'must be an amount' },
        { field: 'tags[2]', message: 'too long' },
        { field: 'fields.unknown', message: 'there is no deal field "unknown"' },
      ],
    });
    const placed = placeEditErrors(err, fields, (p) => err.fieldErrors[p]);
    expect(placed.byPlace).toEqual({
      'fields.reach': 'must be a number',
      'fields.bloggers[1].reach': 'must be a number',
      budget: 'must be an amount',
      tags: 'too long',
    });
    expect(placed.unplaced).toEqual(['there is no deal field "unknown"']);
  });

  it('shows a stored date-time in the local input format', () => {
    const iso = new Date(2026, 0, 2, 3, 4).toISOString();
    expect(toLocalInput(iso)).toBe('2026-01-02T03:04');
  });
});

describe('file sizes in words', () => {
  it('says bytes, kB and MB in the language', () => {
    expect(sizeText(512, 'en')).toBe('512 B');
    expect(sizeText(512, 'ru')).toMatch(/^512\sБ$/);
    expect(sizeText(1536, 'en')).toBe('1.5 kB');
    expect(sizeText(24_000, 'en')).toBe('24 kB');
    expect(sizeText(2_500_000, 'en')).toBe('2.5 MB');
    expect(sizeText(2_500_000, 'uk')).toMatch(/^2,5\sМБ$/);
    expect(sizeText(-1, 'en')).toBe('');
  });
});
