import {
  MAX_KOPECKS,
  type Parsed,
  divRoundHalfUp,
  formatMoney,
  formatQuantity,
  formatRate,
  lineAmount,
  parseMoney,
  parseQuantity,
  parseRate,
} from './amounts';

function value<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`expected ok, got: ${p.error}`);
  return p.value;
}
function error<T>(p: Parsed<T>): string {
  if (p.ok) throw new Error(`expected an error, got ${String(p.value)}`);
  return p.error;
}

describe('parseMoney', () => {
  it.each([
    ['1500', 150000n],
    ['1500.5', 150050n],
    ['1500.50', 150050n],
    ['0.01', 1n],
    ['0', 0n],
    ['0.00', 0n],
    ['  42.10 ', 4210n],
    ['007.5', 750n],
    ['999999999999.99', 99_999_999_999_999n],
  ])('reads the string %j exactly', (input, expected) => {
    expect(value(parseMoney(input))).toBe(expected);
  });

  it.each([
    [1500, 150000n],
    [1500.5, 150050n],
    [0.1, 10n],
    [33.33, 3333n],
    [0, 0n],
    [-0, 0n],
    [999999999999.99, 99_999_999_999_999n],
  ])('reads the number %p exactly', (input, expected) => {
    expect(value(parseMoney(input))).toBe(expected);
  });

  it('rejects more than two decimals, naming the field and the value', () => {
    expect(error(parseMoney('1.005', 'lines[0].price'))).toBe('lines[0].price has more than 2 decimal places, got "1.005"');
    expect(error(parseMoney(1.005))).toMatch(/more than 2 decimal places/);
    expect(error(parseMoney(0.1 + 0.2))).toMatch(/more than 2 decimal places, got 0\.30000000000000004/);
    expect(error(parseMoney(1e-7))).toMatch(/more than 2 decimal places/);
  });

  it('rejects negatives', () => {
    expect(error(parseMoney(-1))).toBe('amount must not be negative, got -1');
    expect(error(parseMoney('-0.01'))).toMatch(/must not be negative/);
  });

  it('rejects NaN, Infinity and non-numbers', () => {
    expect(error(parseMoney(Number.NaN))).toBe('amount must be a finite number, got NaN');
    expect(error(parseMoney(Number.POSITIVE_INFINITY))).toMatch(/finite number/);
    expect(error(parseMoney(null))).toBe('amount is required');
    expect(error(parseMoney(undefined, 'price'))).toBe('price is required');
    expect(error(parseMoney(true))).toBe('amount must be a number or a decimal string, got boolean');
    expect(error(parseMoney({}))).toMatch(/got object/);
    expect(error(parseMoney(150000n))).toMatch(/got bigint/);
    expect(error(parseMoney(''))).toBe('amount is empty');
    expect(error(parseMoney('   '))).toBe('amount is empty');
  });

  it('rejects absurdly large amounts', () => {
    expect(error(parseMoney('1000000000000'))).toBe('amount is too large (maximum 999999999999.99), got "1000000000000"');
    expect(error(parseMoney(1e21))).toMatch(/too large/);
    expect(error(parseMoney('9'.repeat(60)))).toMatch(/too large \(maximum/);
  });

  it('asks for "." as the decimal separator and no thousands separators', () => {
    expect(error(parseMoney('1500,50'))).toMatch(/must use "\." as the decimal separator/);
    expect(error(parseMoney('1,500.50'))).toMatch(/must use "\." as the decimal separator and no thousands separators/);
    expect(error(parseMoney('1 500.50'))).toBe('amount must not contain thousands separators, got "1 500.50"');
    expect(error(parseMoney('1\u00a0500'))).toMatch(/thousands separators/);
  });

  it('rejects other malformed strings', () => {
    for (const s of ['abc', '1e3', '+5', '.5', '5.', '0x10', '1.2.3', '12 грн', 'Infinity', 'NaN']) {
      expect(error(parseMoney(s))).toMatch(/is not a decimal number|must not/);
    }
  });
});

describe('parseQuantity', () => {
  it('reads up to three decimals into thousandths', () => {
    expect(value(parseQuantity('1'))).toBe(1000n);
    expect(value(parseQuantity('1.5'))).toBe(1500n);
    expect(value(parseQuantity(1.5))).toBe(1500n);
    expect(value(parseQuantity('0.333'))).toBe(333n);
    expect(value(parseQuantity('0.001'))).toBe(1n);
    expect(value(parseQuantity('999999999.999'))).toBe(999_999_999_999n);
  });
  it('rejects a fourth decimal, zero, negatives and absurd values', () => {
    expect(error(parseQuantity('1.0005'))).toBe('quantity has more than 3 decimal places, got "1.0005"');
    expect(error(parseQuantity('0'))).toBe('quantity must be greater than 0, got "0"');
    expect(error(parseQuantity(0))).toMatch(/greater than 0/);
    expect(error(parseQuantity(-2))).toMatch(/must not be negative/);
    expect(error(parseQuantity('1000000000'))).toMatch(/too large \(maximum 999999999\.999\)/);
    expect(error(parseQuantity(Number.NaN))).toMatch(/finite/);
  });
});

describe('parseRate', () => {
  it('reads percents into basis points', () => {
    expect(value(parseRate(20))).toBe(2000n);
    expect(value(parseRate('7'))).toBe(700n);
    expect(value(parseRate(0))).toBe(0n);
    expect(value(parseRate('7.5'))).toBe(750n);
    expect(value(parseRate(100))).toBe(10000n);
  });
  it('rejects rates above 100 %, negatives and more than two decimals', () => {
    expect(error(parseRate(101))).toBe('vatRate is too large (maximum 100), got 101');
    expect(error(parseRate(-20))).toMatch(/negative/);
    expect(error(parseRate('16.667'))).toMatch(/more than 2 decimal places/);
    expect(error(parseRate('20%'))).toMatch(/not a decimal number/);
  });
});

describe('formatting', () => {
  it('formats money with two places', () => {
    expect(formatMoney(150000n)).toBe('1500.00');
    expect(formatMoney(150050n)).toBe('1500.50');
    expect(formatMoney(0n)).toBe('0.00');
    expect(formatMoney(7n)).toBe('0.07');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(MAX_KOPECKS)).toBe('999999999999.99');
  });
  it('round-trips every accepted money string', () => {
    for (const s of ['0.00', '0.01', '0.10', '1.00', '1500.50', '999999999999.99']) expect(formatMoney(value(parseMoney(s)))).toBe(s);
  });
  it('formats quantities and rates without trailing zeros', () => {
    expect(formatQuantity(1000n)).toBe('1');
    expect(formatQuantity(1500n)).toBe('1.5');
    expect(formatQuantity(1250n)).toBe('1.25');
    expect(formatQuantity(1n)).toBe('0.001');
    expect(formatRate(2000n)).toBe('20');
    expect(formatRate(750n)).toBe('7.5');
    expect(formatRate(0n)).toBe('0');
  });
});

describe('rounding', () => {
  it('divRoundHalfUp rounds exact halves up and the rest to nearest', () => {
    expect(divRoundHalfUp(5n, 10n)).toBe(1n); // 0.5 → 1
    expect(divRoundHalfUp(4n, 10n)).toBe(0n); // 0.4 → 0
    expect(divRoundHalfUp(15n, 10n)).toBe(2n); // 1.5 → 2
    expect(divRoundHalfUp(25n, 10n)).toBe(3n); // 2.5 → 3 (not banker's 2)
    expect(divRoundHalfUp(1n, 3n)).toBe(0n);
    expect(divRoundHalfUp(2n, 3n)).toBe(1n);
    expect(divRoundHalfUp(0n, 7n)).toBe(0n);
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divRoundHalfUp(-1n, 2n)).toThrow(RangeError);
  });
  it('lineAmount = quantity × price, half up to the kopeck', () => {
    expect(lineAmount(1500n, 3333n)).toBe(5000n); // 1.5 × 33.33 = 49.995 → 50.00
    expect(lineAmount(1500n, 3331n)).toBe(4997n); // 1.5 × 33.31 = 49.965 → 49.97
    expect(lineAmount(500n, 1n)).toBe(1n); // 0.5 × 0.01 = 0.005 → 0.01
    expect(lineAmount(499n, 1n)).toBe(0n); // 0.499 × 0.01 = 0.00499 → 0.00
    expect(lineAmount(3000n, 125050n)).toBe(375150n); // 3 × 1250.50 = 3751.50
    expect(lineAmount(333n, 10011n)).toBe(3334n); // 0.333 × 100.11 = 33.33663 → 33.34
  });
});
