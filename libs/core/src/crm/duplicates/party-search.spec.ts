import { escapeLike, searchCondition } from './party-search';

describe('list search', () => {
  it('normalises a phone typed in national format', () => {
    const { sql, params } = searchCondition('c', '067 123 45 67', 'UA', { taxId: false });
    expect(params['qPhone']).toBe('+380671234567');
    expect(params['qDigits']).toBe('%0671234567%');
    expect(sql).toContain('c.phones @> ARRAY[:qPhone]');
    expect(sql).not.toContain('tax_id');
  });

  it('searches names and e-mails literally, and tax ids for companies', () => {
    const { sql, params } = searchCondition('c', '50%_off', 'UA', { taxId: true });
    expect(params['qLike']).toBe('%50\\%\\_off%');
    expect(params['qPhone']).toBeUndefined();
    expect(params['qDigits']).toBeUndefined();
    expect(params['qTax']).toBe('50%_OFF');
    expect(sql).toContain('c.name ILIKE :qLike');
    expect(escapeLike('a\\b')).toBe('a\\\\b');
  });
});
