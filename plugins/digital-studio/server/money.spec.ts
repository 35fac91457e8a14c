import { fromKopecks, parseMoney, toKopecks } from './money';

describe('money as kopecks', () => {
  it('reads numbers and strings with at most two decimals, exactly', () => {
    expect(toKopecks('1500.5')).toBe(150050n);
    expect(toKopecks(0.1)).toBe(10n);
    expect(toKopecks('20000,00')).toBe(2000000n);
    expect(toKopecks('-3.07')).toBe(-307n);
    expect(toKopecks('1.005')).toBeNull();
    expect(toKopecks('abc')).toBeNull();
    expect(toKopecks(Number.NaN)).toBeNull();
  });
  it('writes two places', () => {
    expect(fromKopecks(0n)).toBe('0.00');
    expect(fromKopecks(-5n)).toBe('-0.05');
    expect(fromKopecks(2000000n - 1234567n)).toBe('7654.33');
    expect(parseMoney(500)).toBe('500.00');
  });
});
