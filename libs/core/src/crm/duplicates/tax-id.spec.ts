import { isValidEdrpou, isValidInn, isValidRnokpp, normalizeTaxId } from './tax-id';

describe('tax ids', () => {
  it('checks ЄДРПОУ check digits in both weight ranges, including the second pass', () => {
    expect(isValidEdrpou('14360570')).toBe(true); // below 30 000 000
    expect(isValidEdrpou('00032129')).toBe(true);
    expect(isValidEdrpou('21133352')).toBe(true); // first remainder 10 → second weights
    expect(isValidEdrpou('37193071')).toBe(true); // 30 000 000 – 60 000 000: shifted weights
    expect(isValidEdrpou('31316718')).toBe(true);
    expect(isValidEdrpou('14360571')).toBe(false);
    expect(isValidEdrpou('37193072')).toBe(false);
    expect(isValidEdrpou('1436057')).toBe(false);
  });

  it('checks РНОКПП and ИНН check digits', () => {
    // Built by the rule: weights −1 5 7 9 4 6 10 5 7, (sum mod 11) mod 10.
    expect(isValidRnokpp('1234567899')).toBe(true);
    expect(isValidRnokpp('1234567890')).toBe(false);
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('500100732250')).toBe(false);
  });

  it('normalises spaces away and names what is wrong', () => {
    expect(normalizeTaxId(' 1436 0570 ', 'UA')).toEqual({ ok: true, value: '14360570' });
    expect(normalizeTaxId('1234567899', 'UA')).toEqual({ ok: true, value: '1234567899' });
    expect(normalizeTaxId('1436-0570', 'UA')).toMatchObject({ ok: false, message: expect.stringContaining('digits only') });
    expect(normalizeTaxId('123456', 'UA')).toMatchObject({ ok: false, message: expect.stringContaining('8 digits') });
    expect(normalizeTaxId('14360571', 'UA')).toMatchObject({ ok: false, message: expect.stringContaining('check digit') });
    expect(normalizeTaxId('7707 083 893', 'RU')).toEqual({ ok: true, value: '7707083893' });
    expect(normalizeTaxId('de 123456789', 'DE')).toEqual({ ok: true, value: 'DE123456789' });
    expect(normalizeTaxId('   ', 'UA')).toMatchObject({ ok: false });
  });
});
