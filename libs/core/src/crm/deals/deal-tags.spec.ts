import { ValidationFailedError } from '../../common/errors';
import { MAX_TAGS, normalizeTags, withTags, withoutTags } from './deal-tags';

describe('normalizeTags', () => {
  it('trims, collapses spaces and keeps each tag once, case-insensitively, first spelling winning', () => {
    expect(normalizeTags(['  VIP ', 'vip', 'no   money', 'Партнёр', 'ПАРТНЁР'])).toEqual(['VIP', 'no money', 'Партнёр']);
  });

  it('names the bad tag by its index', () => {
    try {
      normalizeTags(['ok', '   ']);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailedError);
      expect((err as ValidationFailedError).details).toEqual([{ field: 'tags[1]', message: expect.any(String) }]);
    }
  });

  it(`allows at most ${MAX_TAGS} distinct tags, counting duplicates once`, () => {
    const many = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(normalizeTags([...many, 'T0', 't1'])).toHaveLength(MAX_TAGS);
    expect(() => normalizeTags([...many, 'one more'])).toThrow(ValidationFailedError);
  });

  it('adds without duplicating and removes case-insensitively', () => {
    expect(withTags(['VIP', 'A'], ['vip', 'B'])).toEqual(['VIP', 'A', 'B']);
    expect(withoutTags(['VIP', 'A', 'B'], ['vip', ' b '])).toEqual(['A']);
  });
});
