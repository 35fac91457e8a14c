import { hasNul } from './dto-validators';

describe('hasNul', () => {
  it('finds a NUL in any string of a JSON value, keys included', () => {
    expect(hasNul({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(hasNul({ ['k\u0000']: 1 })).toBe(true);
    expect(hasNul({ a: ['\\u0000 is only text'], n: 1, z: null })).toBe(false);
  });
});
