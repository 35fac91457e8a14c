import {
  counterYear,
  DEFAULT_PATTERN,
  formatNumber,
  MAX_PATTERN_LENGTH,
  parseIssueDate,
  patternHasYear,
  validatePattern,
  validatePrefix,
} from './numbering';

describe('validatePattern', () => {
  it('accepts the default and typical patterns, parsed into tokens', () => {
    expect(validatePattern(DEFAULT_PATTERN)).toEqual({
      ok: true,
      tokens: [{ kind: 'prefix' }, { kind: 'text', text: '-' }, { kind: 'YYYY' }, { kind: 'text', text: '-' }, { kind: 'seq', pad: 4 }],
    });
    for (const p of ['{seq}', 'СФ-{YY}/{MM}-{seq:5}', '№{seq:3} від {YYYY}', '{prefix}{YYYY}{MM}{seq:6}', 'INV {seq:12}']) {
      expect([p, validatePattern(p).ok]).toEqual([p, true]);
    }
  });

  it('refuses patterns without {seq}, with two, with unknown tokens or stray braces', () => {
    const cases: Array<[string, string]> = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['{prefix}-{YYYY}', 'must contain {seq}'],
      ['{seq}-{seq:4}', 'only once'],
      ['{prefix}-{yyyy}-{seq}', 'unknown token {yyyy}'],
      ['{prefix}-{DD}-{seq}', 'unknown token {DD}'],
      ['{ seq }', 'unknown token { seq }'],
      ['{}{seq}', 'unknown token {}'],
      ['{seq:0}', 'between 1 and 12'],
      ['{seq:13}', 'between 1 and 12'],
      ['{seq:-1}', 'unknown token'],
      ['{seq', 'unmatched'],
      ['seq}', 'unmatched'],
      ['{{seq}}', 'unmatched'],
      ['{seq}}', 'unmatched'],
      ['A\n{seq}', 'control characters'],
      ['x'.repeat(MAX_PATTERN_LENGTH - 4) + '{seq}', `at most ${MAX_PATTERN_LENGTH}`],
    ];
    for (const [p, fragment] of cases) {
      const r = validatePattern(p);
      expect([p, r.ok]).toEqual([p, false]);
      if (!r.ok) {
        expect(r.field).toBe('pattern');
        expect(r.message).toContain(fragment);
      }
    }
    expect(validatePattern('x'.repeat(MAX_PATTERN_LENGTH - 5) + '{seq}').ok).toBe(true);
    expect(validatePattern(7 as never)).toMatchObject({ ok: false, field: 'pattern' });
  });
});

describe('formatNumber', () => {
  const parts = { prefix: 'INV', date: '2025-03-07', seq: 42 };

  it('renders the default pattern', () => {
    expect(formatNumber(DEFAULT_PATTERN, parts)).toBe('INV-2025-0042');
  });

  it('renders every token', () => {
    expect(formatNumber('{prefix}/{YY}{MM}/{seq}', parts)).toBe('INV/2503/42');
    expect(formatNumber('СФ-{YYYY}.{MM}-{seq:6}', { prefix: '', date: '2024-12-31', seq: 1 })).toBe('СФ-2024.12-000001');
    expect(formatNumber('{YY}-{seq:2}', { prefix: 'X', date: '2009-01-01', seq: 5 })).toBe('09-05');
  });

  it('pads {seq:N} but never truncates', () => {
    expect(formatNumber('{seq:4}', { ...parts, seq: 1 })).toBe('0001');
    expect(formatNumber('{seq:4}', { ...parts, seq: 9999 })).toBe('9999');
    expect(formatNumber('{seq:4}', { ...parts, seq: 12345 })).toBe('12345');
    expect(formatNumber('{seq:1}', { ...parts, seq: 7 })).toBe('7');
    expect(formatNumber('{seq}', { ...parts, seq: Number.MAX_SAFE_INTEGER })).toBe(String(Number.MAX_SAFE_INTEGER));
  });

  it('inserts the prefix literally (braces in it are refused, so it cannot inject a token)', () => {
    expect(formatNumber('{prefix}{seq}', { ...parts, prefix: ' ТОВ-А ' })).toBe('ТОВ-А42');
    expect(() => formatNumber('{prefix}{seq}', { ...parts, prefix: '{YYYY}' })).toThrow(/braces/);
    expect(formatNumber('{prefix}-{YYYY}-{seq:4}', { ...parts, prefix: '' })).toBe('-2025-0042');
  });

  it('throws on an invalid pattern, date or seq', () => {
    expect(() => formatNumber('{prefix}', parts)).toThrow(/seq/);
    expect(() => formatNumber(DEFAULT_PATTERN, { ...parts, date: '2025-02-29' })).toThrow(/calendar date/);
    expect(() => formatNumber(DEFAULT_PATTERN, { ...parts, date: '2025-3-7' })).toThrow(/calendar date/);
    expect(() => formatNumber(DEFAULT_PATTERN, { ...parts, date: '2025-03-07T10:00:00Z' })).toThrow(/calendar date/);
    for (const seq of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => formatNumber(DEFAULT_PATTERN, { ...parts, seq })).toThrow(/seq/);
    }
  });

  it('refuses to produce a number longer than the limit', () => {
    const p = '{prefix}'.repeat(7) + '{seq}';
    expect(() => formatNumber(p, { ...parts, prefix: 'P'.repeat(20) })).toThrow(/longer than/);
  });
});

describe('the counter year', () => {
  it('restarts yearly only when the number carries the year', () => {
    expect(patternHasYear(DEFAULT_PATTERN)).toBe(true);
    expect(patternHasYear('{YY}/{seq}')).toBe(true);
    expect(patternHasYear('{prefix}-{seq:5}')).toBe(false);
    expect(patternHasYear('{MM}-{seq}')).toBe(false);
    expect(counterYear(DEFAULT_PATTERN, '2025-12-31')).toBe(2025);
    expect(counterYear(DEFAULT_PATTERN, '2026-01-01')).toBe(2026);
    expect(counterYear('{prefix}-{seq:5}', '2025-12-31')).toBe(0);
    expect(counterYear('{prefix}-{seq:5}', '2026-01-01')).toBe(0);
  });

  it('throws on an invalid pattern or date', () => {
    expect(() => patternHasYear('{YYYY}')).toThrow(/seq/);
    expect(() => counterYear(DEFAULT_PATTERN, '31.12.2025')).toThrow(/calendar date/);
  });
});

describe('parseIssueDate and validatePrefix', () => {
  it('reads real calendar dates only', () => {
    expect(parseIssueDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIssueDate('2023-02-29')).toBeNull();
    expect(parseIssueDate('2025-04-31')).toBeNull();
    expect(parseIssueDate('2025-13-01')).toBeNull();
    expect(parseIssueDate('2025-00-10')).toBeNull();
    expect(parseIssueDate('0999-01-01')).toBeNull();
    expect(parseIssueDate(20250101 as never)).toBeNull();
  });

  it('keeps prefixes short and plain', () => {
    expect(validatePrefix(' INV ')).toEqual({ ok: true, prefix: 'INV' });
    expect(validatePrefix('')).toEqual({ ok: true, prefix: '' });
    expect(validatePrefix('P'.repeat(21))).toMatchObject({ ok: false, field: 'prefix' });
    expect(validatePrefix('A}')).toMatchObject({ ok: false, field: 'prefix' });
    expect(validatePrefix('A\tB')).toMatchObject({ ok: false, field: 'prefix' });
  });
});
