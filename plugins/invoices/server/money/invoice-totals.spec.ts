import { divRoundHalfUp } from './amounts';
import { type EntityVatSettings, type InvoiceLineInput, type InvoiceTotals, calculateInvoiceTotals, computeExactTotals, groupVat } from './invoice-totals';

const VAT20: EntityVatSettings = { vatPayer: true, vatRate: 20, pricesIncludeVat: false };
const VAT20_INCL: EntityVatSettings = { vatPayer: true, vatRate: 20, pricesIncludeVat: true };
const FOP: EntityVatSettings = { vatPayer: false, pricesIncludeVat: false };

function totals(lines: InvoiceLineInput[], entity: EntityVatSettings): InvoiceTotals {
  const r = calculateInvoiceTotals(lines, entity);
  if (!r.ok) throw new Error(`expected totals, got: ${r.errors.join('; ')}`);
  return r.value;
}
function errors(lines: InvoiceLineInput[], entity: EntityVatSettings): string[] {
  const r = calculateInvoiceTotals(lines, entity);
  if (r.ok) throw new Error(`expected errors, got total ${r.value.total}`);
  return r.errors;
}
const line = (quantity: number | string, price: number | string, vatRate?: number | string | null): InvoiceLineInput => ({ name: 'Послуга', unit: 'шт.', quantity, price, vatRate });

describe('a three-line invoice with 20 % VAT, prices without VAT', () => {
  // By hand:
  //   1. Розробка логотипу  3     × 1250.50 = 3751.50
  //   2. Хостинг            1.5   ×   33.33 =   49.995  → 50.00 (half up)
  //   3. Домен              0.333 ×  100.11 =   33.33663 → 33.34
  //   subtotal = 3751.50 + 50.00 + 33.34 = 3834.84
  //   VAT 20 % = 3834.84 × 0.2 = 766.968 → 766.97
  //   total    = 3834.84 + 766.97 = 4601.81
  const lines: InvoiceLineInput[] = [
    { name: 'Розробка логотипу', quantity: 3, unit: 'год', price: '1250.50' },
    { name: 'Хостинг', quantity: '1.5', unit: 'міс', price: 33.33 },
    { name: 'Домен', quantity: '0.333', price: '100.11' },
  ];

  it('is exact to the kopeck', () => {
    const t = totals(lines, VAT20);
    expect(t.lines.map((l) => l.amount)).toEqual(['3751.50', '50.00', '33.34']);
    expect(t.subtotal).toBe('3834.84');
    expect(t.vat).toBe('766.97');
    expect(t.total).toBe('4601.81');
    expect(t.vatGroups).toEqual([{ rate: '20', subtotal: '3834.84', vat: '766.97', total: '4601.81' }]);
    expect(t.vatPayer).toBe(true);
    expect(t.pricesIncludeVat).toBe(false);
    expect(t.lines[1]).toEqual({ quantity: '1.5', price: '33.33', vatRate: '20', amount: '50.00' });
  });

  it('also returns the exact bigint kopecks', () => {
    const r = calculateInvoiceTotals(lines, VAT20);
    expect(r.ok && r.exact).toEqual({
      lineAmounts: [375150n, 5000n, 3334n],
      vatGroups: [{ rate: 2000n, subtotal: 383484n, vat: 76697n, total: 460181n }],
      subtotal: 383484n,
      vat: 76697n,
      total: 460181n,
    });
  });

  it('takes the rate as a string as well', () => {
    expect(totals(lines, { ...VAT20, vatRate: '20' }).total).toBe('4601.81');
  });
});

describe('VAT is computed on the total, not per line', () => {
  it('three lines of 0.03 at 20 %: VAT 0.018 → 0.02 (per line it would be 3 × 0.01 = 0.03)', () => {
    const t = totals([line(1, '0.03'), line(1, '0.03'), line(1, '0.03')], VAT20);
    expect([t.subtotal, t.vat, t.total]).toEqual(['0.09', '0.02', '0.11']);
  });
});

describe('a non-VAT entity (ФОП)', () => {
  it('has VAT 0.00 and total = subtotal, with no VAT groups', () => {
    // 1 × 20000.00 + 4 × 1000.00 = 24000.00
    const t = totals([line(1, 20000), line(4, '1000.00')], FOP);
    expect([t.subtotal, t.vat, t.total]).toEqual(['24000.00', '0.00', '24000.00']);
    expect(t.vatGroups).toEqual([]);
    expect(t.vatPayer).toBe(false);
    expect(t.lines.map((l) => l.vatRate)).toEqual([null, null]);
  });

  it('ignores the entity rate and the prices-include-VAT flag', () => {
    const t = totals([line(1.5, 33.33)], { vatPayer: false, vatRate: 20, pricesIncludeVat: true });
    expect([t.subtotal, t.vat, t.total]).toEqual(['50.00', '0.00', '50.00']);
    expect(t.pricesIncludeVat).toBe(false);
  });

  it('accepts a line rate of 0 but rejects a non-zero one', () => {
    expect(totals([line(1, 10, 0)], FOP).total).toBe('10.00');
    expect(errors([line(1, 10, 20)], FOP)).toEqual(['lines[0].vatRate must be absent or 0: the entity is not a VAT payer']);
  });
});

describe('prices including VAT', () => {
  it('extracts VAT from the total: 1200.00 + 2 × 50.00 = 1300.00; VAT = 1300 × 20/120 = 216.666… → 216.67', () => {
    const t = totals([line(1, '1200.00'), line(2, '50.00')], VAT20_INCL);
    expect([t.subtotal, t.vat, t.total]).toEqual(['1083.33', '216.67', '1300.00']);
    expect(t.pricesIncludeVat).toBe(true);
    expect(t.vatGroups).toEqual([{ rate: '20', subtotal: '1083.33', vat: '216.67', total: '1300.00' }]);
  });

  it('1200.00 with 20 % inside is exactly 1000.00 + 200.00', () => {
    const t = totals([line(1, 1200)], VAT20_INCL);
    expect([t.subtotal, t.vat, t.total]).toEqual(['1000.00', '200.00', '1200.00']);
  });

  it('7 %: 10.70 = 10.00 + 0.70', () => {
    const t = totals([line(1, '10.70')], { vatPayer: true, vatRate: 7, pricesIncludeVat: true });
    expect([t.subtotal, t.vat, t.total]).toEqual(['10.00', '0.70', '10.70']);
  });
});

describe('odd kopecks round half up', () => {
  it('line: 1.5 × 33.33 = 49.995 → 50.00', () => {
    const t = totals([line('1.5', '33.33')], VAT20);
    expect(t.lines[0].amount).toBe('50.00');
    // 50.00 × 0.2 = 10.00
    expect([t.subtotal, t.vat, t.total]).toEqual(['50.00', '10.00', '60.00']);
  });

  it('line: half a kopeck rounds up, just under half rounds down', () => {
    expect(totals([line('0.5', '0.01')], FOP).total).toBe('0.01'); // 0.005 → 0.01
    expect(totals([line('0.499', '0.01')], FOP).total).toBe('0.00'); // 0.00499 → 0.00
    expect(totals([line('2.5', '0.01')], FOP).total).toBe('0.03'); // 0.025 → 0.03 (banker's would give 0.02)
  });

  it('VAT without VAT in prices: 7 % of 0.50 = 0.035 → 0.04; 7 % of 1.50 = 0.105 → 0.11', () => {
    const vat7: EntityVatSettings = { vatPayer: true, vatRate: 7, pricesIncludeVat: false };
    expect(totals([line(1, '0.50')], vat7)).toMatchObject({ subtotal: '0.50', vat: '0.04', total: '0.54' });
    expect(totals([line(1, '1.50')], vat7)).toMatchObject({ subtotal: '1.50', vat: '0.11', total: '1.61' });
    // 7 % of 1.49 = 0.1043 → 0.10
    expect(totals([line(1, '1.49')], vat7)).toMatchObject({ vat: '0.10', total: '1.59' });
  });

  it('VAT within prices: 0.03 × 20/120 = 0.005 → 0.01; 0.09 × 20/120 = 0.015 → 0.02', () => {
    expect(totals([line(1, '0.03')], VAT20_INCL)).toMatchObject({ subtotal: '0.02', vat: '0.01', total: '0.03' });
    expect(totals([line(1, '0.09')], VAT20_INCL)).toMatchObject({ subtotal: '0.07', vat: '0.02', total: '0.09' });
  });
});

describe('mixed VAT rates per line', () => {
  it('groups by rate, highest first, VAT on each group total', () => {
    // 20 % (entity default): 1 × 100.00 = 100.00 → VAT 20.00
    //  7 %:                  3 × 10.50 =  31.50 → VAT 2.205 → 2.21
    //  0 %:                  1 × 5.00  =   5.00 → VAT 0.00
    // subtotal 136.50, VAT 22.21, total 158.71
    const t = totals([line(1, 100), line(3, '10.50', 7), line(1, 5, '0')], VAT20);
    expect(t.vatGroups).toEqual([
      { rate: '20', subtotal: '100.00', vat: '20.00', total: '120.00' },
      { rate: '7', subtotal: '31.50', vat: '2.21', total: '33.71' },
      { rate: '0', subtotal: '5.00', vat: '0.00', total: '5.00' },
    ]);
    expect([t.subtotal, t.vat, t.total]).toEqual(['136.50', '22.21', '158.71']);
    expect(t.lines.map((l) => l.vatRate)).toEqual(['20', '7', '0']);
  });

  it('lines of the same rate share one rounding: 2 × (7 % of 0.50) on the group = 0.07, not 0.04 + 0.04', () => {
    const t = totals([line(1, '0.50', 7), line(1, 99), line(1, '0.50', '7')], VAT20);
    expect(t.vatGroups).toEqual([
      { rate: '20', subtotal: '99.00', vat: '19.80', total: '118.80' },
      { rate: '7', subtotal: '1.00', vat: '0.07', total: '1.07' },
    ]);
    expect(t.vat).toBe('19.87');
  });

  it('with prices including VAT', () => {
    // 120.00 @ 20 % → 20.00 inside; 10.70 @ 7 % → 0.70 inside
    const t = totals([line(1, 120), line(1, '10.70', 7)], VAT20_INCL);
    expect([t.subtotal, t.vat, t.total]).toEqual(['110.00', '20.70', '130.70']);
  });

  it('a VAT payer at 0 % still has a 0 % group (printed "ПДВ 0 %", not "Без ПДВ")', () => {
    const t = totals([line(2, 10)], { vatPayer: true, vatRate: 0, pricesIncludeVat: false });
    expect(t.vatGroups).toEqual([{ rate: '0', subtotal: '20.00', vat: '0.00', total: '20.00' }]);
    expect(t.vatPayer).toBe(true);
  });
});

describe('input errors', () => {
  it('needs at least one line', () => {
    expect(errors([], VAT20)).toEqual(['an invoice needs at least one line']);
  });

  it('reports every bad field at once, by path', () => {
    expect(errors([line('0', 10), line(1, '1.005'), line('1,5', -3, 'двадцять')], VAT20)).toEqual([
      'lines[0].quantity must be greater than 0, got "0"',
      'lines[1].price has more than 2 decimal places, got "1.005"',
      'lines[2].quantity must use "." as the decimal separator and no thousands separators, got "1,5"',
      'lines[2].price must not be negative, got -3',
      'lines[2].vatRate is not a decimal number, got "двадцять"',
    ]);
  });

  it('needs a valid entity rate for a VAT payer', () => {
    expect(errors([line(1, 1)], { vatPayer: true, pricesIncludeVat: false })).toEqual(['entity.vatRate is required for a VAT payer']);
    expect(errors([line(1, 1)], { vatPayer: true, vatRate: 120, pricesIncludeVat: false })).toEqual(['entity.vatRate is too large (maximum 100), got 120']);
  });

  it('rejects missing fields', () => {
    expect(errors([{ name: 'x' } as unknown as InvoiceLineInput], FOP)).toEqual(['lines[0].quantity is required', 'lines[0].price is required']);
  });

  it('rejects absurd totals', () => {
    expect(errors([line('999999999.999', '999999999999.99')], FOP)).toEqual(['lines[0]: quantity × price is too large (maximum 999999999999.99)']);
    expect(errors([line(1, '600000000000'), line(1, '600000000000')], FOP)).toEqual(['the invoice total is too large (maximum 999999999999.99)']);
    // 900 000 000 000 + 20 % VAT exceeds the maximum only with the VAT
    expect(errors([line(1, '900000000000')], VAT20)).toEqual(['the invoice total is too large (maximum 999999999999.99)']);
    expect(totals([line(1, '999999999999.99')], FOP).total).toBe('999999999999.99');
  });
});

describe('invariants on many pseudo-random invoices', () => {
  // A small deterministic LCG, so the test is reproducible.
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };

  it('subtotal + VAT = total, the groups add up, and each group VAT is the half-up rounding of the exact one', () => {
    const rates = [0n, 700n, 1400n, 2000n, 1000n];
    for (let k = 0; k < 500; k++) {
      const pricesIncludeVat = rnd(2) === 1;
      const lines = Array.from({ length: 1 + rnd(6) }, () => ({
        quantity: BigInt(1 + rnd(100_000)),
        price: BigInt(rnd(10_000_000)),
        vatRate: rates[rnd(rates.length)],
      }));
      const t = computeExactTotals(lines, { vatPayer: true, pricesIncludeVat });
      expect(t.subtotal + t.vat).toBe(t.total);
      const sum = t.lineAmounts.reduce((a, b) => a + b, 0n);
      expect(pricesIncludeVat ? t.total : t.subtotal).toBe(sum);
      for (const g of t.vatGroups) {
        const base = pricesIncludeVat ? g.total : g.subtotal;
        const den = pricesIncludeVat ? 10_000n + g.rate : 10_000n;
        // |vat − base × rate / den| ≤ ½ kopeck, and an exact half went up.
        const diff = g.vat * den - base * g.rate; // in units of 1/den kopeck
        expect(2n * diff <= den && 2n * diff > -den).toBe(true);
        expect(g.subtotal + g.vat).toBe(g.total);
      }
      for (let i = 0; i < lines.length; i++) {
        expect(t.lineAmounts[i]).toBe(divRoundHalfUp(lines[i].quantity * lines[i].price, 1000n));
      }
    }
  });

  it('groupVat for a single group matches the formula directly', () => {
    expect(groupVat(383484n, 2000n, false)).toEqual({ rate: 2000n, subtotal: 383484n, vat: 76697n, total: 460181n });
    expect(groupVat(130000n, 2000n, true)).toEqual({ rate: 2000n, subtotal: 108333n, vat: 21667n, total: 130000n });
  });
});
