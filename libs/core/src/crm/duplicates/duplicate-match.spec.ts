import { hasKeys, lockKeysOf, matchesOf } from './duplicate-match';

describe('duplicate matching', () => {
  const rows = [
    { id: 'a', name: 'Acme', emails: ['info@acme.test'], phones: ['+380671234567'], taxId: '14360570' },
    { id: 'b', name: 'Beta', emails: [], phones: ['+380501112233'], taxId: null },
  ];

  it('reports each shared value of each record', () => {
    const m = matchesOf('company', rows, { emails: ['info@acme.test'], phones: ['+380671234567', '+380501112233'], taxId: '14360570' });
    expect(m).toEqual([
      { id: 'a', entity: 'company', name: 'Acme', match: 'taxId', value: '14360570' },
      { id: 'a', entity: 'company', name: 'Acme', match: 'email', value: 'info@acme.test' },
      { id: 'a', entity: 'company', name: 'Acme', match: 'phone', value: '+380671234567' },
      { id: 'b', entity: 'company', name: 'Beta', match: 'phone', value: '+380501112233' },
    ]);
  });

  it('does not match on values the record does not hold', () => {
    expect(matchesOf('contact', rows, { emails: ['other@acme.test'], phones: [] })).toEqual([]);
    expect(hasKeys({ emails: [], phones: [], taxId: null })).toBe(false);
  });

  it('locks per portal, entity and value, in one sorted order', () => {
    const keys = lockKeysOf('p1', 'contact', { emails: ['z@x.test', 'a@x.test'], phones: ['+380671234567', '+380671234567'] });
    expect(keys).toEqual(['dup:p1:contact:email:a@x.test', 'dup:p1:contact:email:z@x.test', 'dup:p1:contact:phone:+380671234567']);
    expect(lockKeysOf('p2', 'company', { emails: [], phones: [], taxId: '14360570' })).toEqual(['dup:p2:company:taxId:14360570']);
  });
});
