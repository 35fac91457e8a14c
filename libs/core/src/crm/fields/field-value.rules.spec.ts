import { PendingRefs, ValueProblem, isFilled, normalizeGroup, normalizeScalar } from './field-value.rules';

const run = (type: string, value: unknown, extra: Record<string, unknown> = {}) => {
  const problems: ValueProblem[] = [];
  const refs: PendingRefs = { users: [], files: [] };
  const out = normalizeScalar({ code: 'f', type, ...extra }, value, 'fields.f', 'UA', problems, refs);
  return { out, problems, refs };
};

describe('custom field values', () => {
  it('normalises money exactly, never through a float', () => {
    expect(run('money', 1500.5).out).toBe('1500.50');
    expect(run('money', '0.10').out).toBe('0.10');
    expect(run('money', '12.345').problems[0].field).toBe('fields.f');
  });
  it('checks dates are real dates and datetimes carry an offset', () => {
    expect(run('date', '2026-02-28').out).toBe('2026-02-28');
    expect(run('date', '2026-02-30').problems).toHaveLength(1);
    expect(run('datetime', '2026-11-24T10:00:00+02:00').out).toBe('2026-11-24T08:00:00.000Z');
    expect(run('datetime', '2026-11-24 10:00').problems).toHaveLength(1);
  });
  it('keeps enums within their options', () => {
    expect(run('enum', 'B', { options: ['A', 'B'] }).out).toBe('B');
    expect(run('enum', 'C', { options: ['A', 'B'] }).problems[0].message).toMatch(/one of: A, B/);
    expect(run('multienum', ['A', 'A', 'B'], { options: ['A', 'B'] }).out).toEqual(['A', 'B']);
  });
  it('normalises phones, e-mails and URLs', () => {
    expect(run('phone', '067 123 45 67').out).toBe('+380671234567');
    expect(run('email', ' Ann@Example.COM ').out).toBe('ann@example.com');
    expect(run('url', 'ftp://x').problems).toHaveLength(1);
  });
  it('checks a plugin type as its base type, then with the plugin\'s validator', () => {
    const warehouse = { base: 'number', validate: (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? null : 'must be a warehouse number') };
    const check = (value: unknown) => {
      const problems: ValueProblem[] = [];
      const out = normalizeScalar({ code: 'f', type: 'np.warehouse' }, value, 'fields.f', 'UA', problems, { users: [], files: [] }, (t) => (t === 'np.warehouse' ? warehouse : undefined));
      return { out, problems };
    };
    expect(check('12')).toEqual({ out: 12, problems: [] });
    expect(check('twelve').problems).toEqual([{ field: 'fields.f', message: 'must be a number' }]);
    expect(check(1.5).problems).toEqual([{ field: 'fields.f', message: 'must be a warehouse number' }]);
    expect(run('other.type', { any: 'thing' }).out).toEqual({ any: 'thing' });
  });
  it('collects user and file references for one batched check', () => {
    const id = '0b5c5b38-3f5e-4a61-a7a4-6a1f0c3b9d10';
    expect(run('user', id).refs.users).toEqual([{ id, path: 'fields.f' }]);
    expect(run('file', 'nope').problems).toHaveLength(1);
  });
  it('validates each entry of a repeatable group and names the member', () => {
    const def = {
      code: 'bloggers',
      type: 'group',
      repeatable: true,
      fields: [
        { code: 'blogger', type: 'string', required: true },
        { code: 'platform', type: 'enum', options: ['Instagram', 'TikTok'] },
      ],
    };
    const problems: ValueProblem[] = [];
    const out = normalizeGroup(def, [{ blogger: 'Ann', platform: 'TikTok' }, { platform: 'MySpace' }], 'fields.bloggers', 'UA', problems, { users: [], files: [] });
    expect(problems.map((p) => p.field)).toEqual(['fields.bloggers[1].blogger', 'fields.bloggers[1].platform']);
    expect((out as unknown[])[0]).toEqual({ blogger: 'Ann', platform: 'TikTok' });
  });
  it('treats empty strings, arrays and groups as not filled', () => {
    expect(isFilled('  ')).toBe(false);
    expect(isFilled([])).toBe(false);
    expect(isFilled([{ a: '' }])).toBe(false);
    expect(isFilled(0)).toBe(true);
  });
});
