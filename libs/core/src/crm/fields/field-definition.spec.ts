import { fieldDefProblems, patchMembers, widenFieldDef } from './field-definition';

const bloggers = {
  type: 'group',
  options: null,
  repeatable: true,
  fields: [
    { code: 'blogger', name: 'Blogger', type: 'string', required: true },
    { code: 'platform', name: 'Platform', type: 'enum', options: ['Instagram'] },
  ],
};

describe('field definitions', () => {
  it('accepts every core type and, for plugins, namespaced types', () => {
    expect(fieldDefProblems({ entity: 'deal', code: 'ttn', name: 'TTN', type: 'string' })).toEqual([]);
    expect(fieldDefProblems({ entity: 'deal', code: 'city', name: 'City', type: 'np.city' })[0].field).toBe('type');
    expect(fieldDefProblems({ entity: 'deal', code: 'city', name: 'City', type: 'np.city' }, '', { allowPluginTypes: true })).toEqual([]);
  });

  it('names each malformed part', () => {
    const problems = fieldDefProblems(
      {
        entity: 'lead',
        code: 'x',
        name: 'X',
        type: 'group',
        repeatable: true,
        fields: [
          { code: 'a', name: 'A', type: 'enum', options: ['p', 'p'] },
          { code: 'a', name: 'A2', type: 'group' },
        ],
      },
      'fields[3]',
    );
    expect(problems.map((p) => p.field)).toEqual(['fields[3].entity', 'fields[3].fields[0].options[1]', 'fields[3].fields[1].code', 'fields[3].fields[1].type']);
    expect(fieldDefProblems({ entity: 'deal', code: 's', name: 'S', type: 'string', options: ['a'], repeatable: true }).map((p) => p.field)).toEqual(['options', 'repeatable']);
  });
});

describe('editing a group’s members', () => {
  it('adds, renames and extends members', () => {
    const r = patchMembers(bloggers.fields, [
      { code: 'blogger', name: 'Influencer', type: 'string', required: true },
      { code: 'platform', name: 'Platform', type: 'enum', options: ['Instagram', 'TikTok'] },
      { code: 'price', name: 'Price', type: 'money' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.members.map((m) => [m.code, m.name])).toEqual([
      ['blogger', 'Influencer'],
      ['platform', 'Platform'],
      ['price', 'Price'],
    ]);
  });

  it('refuses to drop a member or an option, or to change a type', () => {
    const r = patchMembers(bloggers.fields, [{ code: 'platform', name: 'Platform', type: 'string' }]);
    expect(r.problems.map((p) => p.field)).toEqual(['fields', 'fields[0].type']);
    const o = patchMembers(bloggers.fields, [bloggers.fields[0], { code: 'platform', name: 'Platform', type: 'enum', options: ['TikTok'] }]);
    expect(o.problems.map((p) => p.field)).toEqual(['fields[1].options']);
  });
});

describe('installing over a definition the portal has', () => {
  it('adds options and members only, and is a no-op the second time', () => {
    const wanted = {
      entity: 'deal',
      code: 'bloggers',
      name: 'Блогеры',
      type: 'group',
      repeatable: true,
      fields: [
        { code: 'platform', name: 'Площадка', type: 'enum', options: ['TikTok'] },
        { code: 'service', name: 'Услуга', type: 'string' },
      ],
    };
    const first = widenFieldDef(bloggers, wanted);
    expect(first.changes).toEqual(['fields.platform.options: +TikTok', 'fields: +service']);
    const members = first.fields ?? [];
    expect(members.map((f) => f.code)).toEqual(['blogger', 'platform', 'service']);
    expect(members[1]).toMatchObject({ name: 'Platform', options: ['Instagram', 'TikTok'] });
    expect(widenFieldDef({ ...bloggers, fields: members }, wanted).changes).toEqual([]);
  });

  it('reports a type the stored values would not fit as a conflict', () => {
    expect(widenFieldDef({ type: 'string', options: null, repeatable: false, fields: null }, { entity: 'deal', code: 'x', name: 'X', type: 'number' }).conflict).toMatch(/string/);
    expect(widenFieldDef(bloggers, { entity: 'deal', code: 'b', name: 'B', type: 'group', fields: bloggers.fields }).conflict).toMatch(/repeatable/);
  });
});
