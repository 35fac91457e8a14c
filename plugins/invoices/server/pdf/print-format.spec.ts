import { currencyShort, defaultTaxIdLabel, formatPrintDate, formatPrintMoney, formatPrintQuantity } from './print-format';

describe('print formats', () => {
  it('prints dates as dd.mm.yyyy', () => {
    expect(formatPrintDate('2025-03-05')).toBe('05.03.2025');
    expect(formatPrintDate(new Date(Date.UTC(2025, 11, 31)))).toBe('31.12.2025');
    expect(() => formatPrintDate('05.03.2025')).toThrow(RangeError);
    expect(() => formatPrintDate(new Date(NaN))).toThrow(RangeError);
  });

  it('prints money with a space between thousands and a comma before the kopecks', () => {
    expect(formatPrintMoney('24000.00')).toBe('24 000,00');
    expect(formatPrintMoney('999999999999.99')).toBe('999 999 999 999,99');
    expect(formatPrintMoney('1234567.5')).toBe('1 234 567,50');
    expect(formatPrintMoney('500')).toBe('500,00');
    expect(formatPrintMoney('0.07')).toBe('0,07');
    expect(formatPrintMoney('007.00')).toBe('7,00');
    expect(() => formatPrintMoney('1,5')).toThrow(RangeError);
    expect(() => formatPrintMoney('1.005')).toThrow(RangeError);
  });

  it('prints quantities without trailing zeros', () => {
    expect(formatPrintQuantity('2')).toBe('2');
    expect(formatPrintQuantity('1.5')).toBe('1,5');
    expect(formatPrintQuantity('0.125')).toBe('0,125');
    expect(formatPrintQuantity('1000.500')).toBe('1 000,5');
  });

  it('names currencies and tax ids', () => {
    expect(currencyShort('UAH')).toBe('грн');
    expect(currencyShort('RUB')).toBe('руб.');
    expect(defaultTaxIdLabel('32855961', 'uk', 'UA')).toBe('Код ЄДРПОУ');
    expect(defaultTaxIdLabel('3123456789', 'uk', 'UA')).toBe('РНОКПП');
    expect(defaultTaxIdLabel('32855961', 'ru', 'UA')).toBe('Код ЕГРПОУ');
    expect(defaultTaxIdLabel('7707083893', 'ru', 'RU')).toBe('ИНН');
    expect(defaultTaxIdLabel('7707083893', 'uk', 'RU')).toBe('ІПН');
  });
});
