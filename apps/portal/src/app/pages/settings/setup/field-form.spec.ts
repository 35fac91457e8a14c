import { draftFromField, editProblems, emptyField, emptyMember, fieldProblems, parseOptions, toCreateBody, toPatchBody, withName } from './field-form';
import type { FieldDraft } from './field-form';
import type { FieldDef } from './setup.types';

const localize = (v: unknown) => String(v);
const keys = (d: FieldDraft) => fieldProblems(d).map((p) => `${p.field}:${p.key}`);

describe('custom field form', () => {
  it('a new field takes its code from the name until a code is typed', () => {
    let d = withName(emptyField('deal'), 'Бриф клієнта', true);
    expect(d.code).toBe('bryf_kliienta');
    d = { ...d, code: 'brief', codeTouched: true };
    expect(withName(d, 'Brief', true).code).toBe('brief');
  });

  it('a string field needs a code and a name only', () => {
    expect(keys({ ...emptyField('deal'), code: '', name: '' })).toEqual(['code:setup.err.code', 'name:setup.err.nameRequired']);
    expect(keys({ ...emptyField('deal'), code: 'city', name: 'City' })).toEqual([]);
  });

  it('a list needs options, none empty or twice', () => {
    const base = { ...emptyField('contact'), code: 'source', name: 'Source', type: 'enum' };
    expect(keys(base)).toEqual(['options:setup.err.optionsRequired']);
    expect(
      keys({
        ...base,
        options: [
          { value: 'Ads', locked: false },
          { value: ' ', locked: false },
          { value: 'Ads', locked: false },
        ],
      }),
    ).toEqual(['options[1]:setup.err.optionEmpty', 'options[2]:setup.err.optionDuplicate']);
    expect(toCreateBody({ ...base, type: 'multienum', options: [{ value: ' Ads ', locked: false }] })).toEqual({
      entity: 'contact',
      code: 'source',
      name: 'Source',
      type: 'multienum',
      required: false,
      options: ['Ads'],
    });
  });

  it("a plugin's type must be namespaced like np.city", () => {
    const base = { ...emptyField('deal'), code: 'city', name: 'City', type: 'plugin' };
    expect(keys({ ...base, pluginType: 'city' })).toEqual(['type:setup.err.pluginType']);
    expect(keys({ ...base, pluginType: 'np.city' })).toEqual([]);
    expect(toCreateBody({ ...base, pluginType: 'np.city' })['type']).toBe('np.city');
  });

  it('a group needs valid members of non-group types with unique codes; repeatable goes with it', () => {
    const base: FieldDraft = { ...emptyField('deal'), code: 'bloggers', name: 'Bloggers', type: 'group', repeatable: true };
    expect(keys(base)).toEqual(['fields:setup.err.membersRequired']);
    const members = [
      { ...emptyMember(), code: 'name', name: 'Name' },
      { ...emptyMember(), code: 'name', name: '', type: 'group' },
      { ...emptyMember(), code: 'platform', name: 'Platform', type: 'enum' },
    ];
    expect(keys({ ...base, members })).toEqual([
      'fields[1].code:setup.err.codeDuplicate',
      'fields[1].name:setup.err.nameRequired',
      'fields[1].type:setup.err.memberGroup',
      'fields[2].options:setup.err.optionsRequired',
    ]);
    const ok = { ...base, members: [members[0], { ...emptyMember(), code: 'reach', name: 'Reach', type: 'number' }] };
    expect(keys(ok)).toEqual([]);
    expect(toCreateBody(ok)).toEqual({
      entity: 'deal',
      code: 'bloggers',
      name: 'Bloggers',
      type: 'group',
      required: false,
      repeatable: true,
      fields: [
        { code: 'name', name: 'Name', type: 'string', required: false },
        { code: 'reach', name: 'Reach', type: 'number', required: false },
      ],
    });
  });

  it('an edit may add options and members but not remove saved ones; only changes are sent', () => {
    const stored: FieldDef = {
      id: 'f1',
      entity: 'deal',
      code: 'bloggers',
      name: 'Bloggers',
      type: 'group',
      required: false,
      repeatable: true,
      fields: [{ code: 'platform', name: 'Platform', type: 'enum', options: ['YouTube'], required: true }],
    };
    const d = draftFromField(stored, localize);
    expect(d.members[0]).toMatchObject({ existing: true, options: [{ value: 'YouTube', locked: true }] });
    expect(toPatchBody(d, stored, localize)).toEqual({});
    const dropped = { ...d, members: [{ ...d.members[0], options: parseOptions('TikTok', d.members[0].options) }] };
    expect(editProblems(dropped, stored).map((p) => p.field)).toEqual(['fields[0].options']);
    const added = { ...d, name: 'Influencers', members: [{ ...d.members[0], options: parseOptions('YouTube, TikTok', d.members[0].options) }, { ...emptyMember(), code: 'reach', name: 'Reach', type: 'number' }] };
    expect(editProblems(added, stored)).toEqual([]);
    expect(toPatchBody(added, stored, localize)).toEqual({
      name: 'Influencers',
      fields: [
        { code: 'platform', name: 'Platform', type: 'enum', required: true, options: ['YouTube', 'TikTok'] },
        { code: 'reach', name: 'Reach', type: 'number', required: false },
      ],
    });
  });
});
