import { InputProblems, added, changedFieldCodes, changedKeys, normalizeEmails, normalizePhones, normalizeTags, normalizeWeb, optionalText, requiredText } from './party-input';

describe('contact and company input', () => {
  it('trims and lower-cases e-mails, each once, and names a bad one by its index', () => {
    const p = new InputProblems();
    expect(normalizeEmails([' Olena@Example.COM ', 'olena@example.com', 'not-an-email', 42], p)).toEqual(['olena@example.com']);
    expect(p.list.map((x) => x.field)).toEqual(['emails[2]', 'emails[3]']);
  });

  it("reads national phones in the portal's country and stores E.164, each once", () => {
    const p = new InputProblems();
    expect(normalizePhones(['067 123 45 67', '+380671234567', '+38 (050) 111-22-33', 'call me'], 'UA', p)).toEqual(['+380671234567', '+380501112233']);
    expect(p.list).toEqual([{ field: 'phones[3]', message: expect.stringContaining('call me') }]);
  });

  it('refuses a list that is not an array or is too long', () => {
    const p = new InputProblems();
    normalizeEmails('a@b.c', p);
    normalizePhones(Array(21).fill('+380671234567'), 'UA', p);
    expect(p.list.map((x) => x.field)).toEqual(['emails', 'phones']);
  });

  it('trims tags and keeps each once case-insensitively, the first spelling winning', () => {
    const p = new InputProblems();
    expect(normalizeTags(['  VIP ', 'vip', 'Партнер', 'ПАРТНЕР', 'a   b'], p)).toEqual(['VIP', 'Партнер', 'a b']);
    normalizeTags(['ok', '  ', 'x'.repeat(101)], p);
    expect(p.list.map((x) => x.field)).toEqual(['tags[1]', 'tags[2]']);
  });

  it('requires a name and clears blank optional texts', () => {
    const p = new InputProblems();
    expect(requiredText('  Olena  ', 'name', 300, p)).toBe('Olena');
    requiredText('   ', 'name', 300, p);
    requiredText('x'.repeat(301), 'name', 300, p);
    expect(optionalText('  ', 'position', 200, p)).toBeNull();
    expect(optionalText(null, 'position', 200, p)).toBeNull();
    expect(p.list.map((x) => x.field)).toEqual(['name', 'name']);
    expect(() => p.throwIfAny()).toThrow(expect.objectContaining({ status: 400, code: 'validation_failed' }));
  });

  it('accepts web addresses with or without a scheme', () => {
    const p = new InputProblems();
    expect(normalizeWeb('example.com', p)).toBe('example.com');
    expect(normalizeWeb('https://example.com/about', p)).toBe('https://example.com/about');
    normalizeWeb('not a site', p);
    normalizeWeb('ftp://example.com', p);
    expect(p.list.map((x) => x.field)).toEqual(['web', 'web']);
  });

  it('tells what changed and which values are new', () => {
    expect(changedKeys({ a: 1, b: ['x'], c: null }, { a: 1, b: ['x', 'y'], c: null }, ['a', 'b', 'c'])).toEqual(['b']);
    expect(changedFieldCodes({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual(['b', 'c']);
    expect(added(['+1'], ['+1', '+2'])).toEqual(['+2']);
  });
});
