import { DealState, diffDeal, stableJson } from './deal-changes';

const state = (over: Partial<DealState> = {}): DealState => ({
  title: 'A',
  budget: '10.00',
  currency: 'UAH',
  responsibleId: 'u1',
  companyId: null,
  contactIds: [],
  tags: [],
  lostReason: null,
  fields: {},
  ...over,
});

describe('diffDeal', () => {
  it('reports each changed built-in and custom field once, with from and to', () => {
    const before = state({ fields: { city: 'Kyiv', brief: 'x' } });
    const after = state({ budget: '12.50', tags: ['VIP'], fields: { city: 'Lviv', segment: 'A' } });
    expect(diffDeal(before, after)).toEqual([
      { field: 'budget', from: '10.00', to: '12.50' },
      { field: 'tags', from: [], to: ['VIP'] },
      { field: 'brief', from: 'x', to: null },
      { field: 'city', from: 'Kyiv', to: 'Lviv' },
      { field: 'segment', from: null, to: 'A' },
    ]);
  });

  it('sees no change in equal values, whatever the key order', () => {
    const a = state({ fields: { group: { a: 1, b: 2 } } });
    const b = state({ fields: { group: { b: 2, a: 1 } } });
    expect(diffDeal(a, b)).toEqual([]);
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
