/**
 * Invoice totals, exactly, in bigint kopecks.
 *
 * Rounding (every step half up to the kopeck; all values are ≥ 0, so half up = half away from zero):
 *  1. Line amount = round(quantity × price). Line amounts are what the invoice prints per line, and the totals
 *     are built from them, so the printed lines always add up.
 *  2. VAT is computed on the total, not per line — once per VAT-rate group (see 4):
 *     - prices WITHOUT VAT (pricesIncludeVat = false): subtotal = Σ amounts; VAT = round(subtotal × rate / 100);
 *       total = subtotal + VAT;
 *     - prices WITH VAT (pricesIncludeVat = true): total = Σ amounts; VAT = round(total × rate / (100 + rate));
 *       subtotal = total − VAT.
 *  3. A non-VAT entity (vatPayer = false, e.g. a ФОП on the single tax): VAT = 0, total = subtotal = Σ amounts,
 *     no VAT groups; the invoice prints "Без ПДВ" / "Без НДС" and VAT 0.00. The entity's vatRate and the
 *     pricesIncludeVat flag are then ignored; a line giving a non-zero vatRate is an error (it can't charge VAT).
 *  4. Mixed rates: a line may carry its own vatRate (default: the entity's). Lines are grouped by rate; each
 *     group's VAT is computed as in 2 on that group's sum; the invoice's subtotal, VAT and total are the sums
 *     over the groups. Groups are listed by rate, highest first. A 0 % group of a VAT payer is a group with VAT
 *     0.00 (printed "ПДВ 0 %", which is not the same as "Без ПДВ").
 */
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

/** One line as the API receives it. name and unit are not used by the arithmetic. */
export interface InvoiceLineInput {
  name: string;
  quantity: number | string;
  unit?: string | null;
  price: number | string;
  /** Percent; absent/null → the entity's rate. */
  vatRate?: number | string | null;
}

/** The issuing entity's VAT setting. */
export interface EntityVatSettings {
  vatPayer: boolean;
  /** Percent (20, 7, 0 …); required when vatPayer, ignored otherwise. */
  vatRate?: number | string | null;
  pricesIncludeVat: boolean;
}

/** A parsed line: quantity in thousandths, price in kopecks, VAT rate in basis points (already defaulted). */
export interface ExactLine {
  quantity: bigint;
  price: bigint;
  vatRate: bigint;
}

export interface ExactVatGroup {
  /** Basis points (2000n = 20 %). */
  rate: bigint;
  /** Without VAT. */
  subtotal: bigint;
  vat: bigint;
  /** With VAT. */
  total: bigint;
}

export interface ExactTotals {
  /** Per line, in input order: round(quantity × price), kopecks. */
  lineAmounts: bigint[];
  /** Empty for a non-VAT entity. */
  vatGroups: ExactVatGroup[];
  subtotal: bigint;
  vat: bigint;
  total: bigint;
}

/** The same totals as "1500.00" strings, ready to store and print. */
export interface InvoiceTotals {
  vatPayer: boolean;
  pricesIncludeVat: boolean;
  lines: Array<{ quantity: string; price: string; vatRate: string | null; amount: string }>;
  vatGroups: Array<{ rate: string; subtotal: string; vat: string; total: string }>;
  subtotal: string;
  vat: string;
  total: string;
}

export type InvoiceTotalsResult = { ok: true; value: InvoiceTotals; exact: ExactTotals } | { ok: false; errors: string[] };

/** VAT of a group's sum of line amounts, and the group's subtotal and total (rule 2). */
export function groupVat(sum: bigint, rate: bigint, pricesIncludeVat: boolean): ExactVatGroup {
  if (pricesIncludeVat) {
    const vat = divRoundHalfUp(sum * rate, 10_000n + rate);
    return { rate, subtotal: sum - vat, vat, total: sum };
  }
  const vat = divRoundHalfUp(sum * rate, 10_000n);
  return { rate, subtotal: sum, vat, total: sum + vat };
}

/** The exact totals of already parsed lines (rules 1–4). */
export function computeExactTotals(lines: readonly ExactLine[], settings: { vatPayer: boolean; pricesIncludeVat: boolean }): ExactTotals {
  const lineAmounts = lines.map((l) => lineAmount(l.quantity, l.price));
  const sum = lineAmounts.reduce((a, b) => a + b, 0n);
  if (!settings.vatPayer) return { lineAmounts, vatGroups: [], subtotal: sum, vat: 0n, total: sum };

  const sums = new Map<bigint, bigint>();
  lines.forEach((l, i) => sums.set(l.vatRate, (sums.get(l.vatRate) ?? 0n) + lineAmounts[i]));
  const vatGroups = [...sums.entries()]
    .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
    .map(([rate, groupSum]) => groupVat(groupSum, rate, settings.pricesIncludeVat));
  return {
    lineAmounts,
    vatGroups,
    subtotal: vatGroups.reduce((a, g) => a + g.subtotal, 0n),
    vat: vatGroups.reduce((a, g) => a + g.vat, 0n),
    total: vatGroups.reduce((a, g) => a + g.total, 0n),
  };
}

/**
 * Parses the lines and the entity setting, and computes the totals. All input problems are reported at once,
 * each naming its field ("lines[1].price has more than 2 decimal places, got \"1.005\"").
 */
export function calculateInvoiceTotals(lines: readonly InvoiceLineInput[], entity: EntityVatSettings): InvoiceTotalsResult {
  const errors: string[] = [];
  const take = <T>(p: Parsed<T>): T | null => {
    if (p.ok) return p.value;
    errors.push(p.error);
    return null;
  };

  if (!Array.isArray(lines) || lines.length === 0) return { ok: false, errors: ['an invoice needs at least one line'] };

  let entityRate = 0n;
  if (entity.vatPayer) {
    if (entity.vatRate === undefined || entity.vatRate === null) errors.push('entity.vatRate is required for a VAT payer');
    else entityRate = take(parseRate(entity.vatRate, 'entity.vatRate')) ?? 0n;
  }

  const exactLines: ExactLine[] = [];
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const quantity = take(parseQuantity(line?.quantity, `${at}.quantity`));
    const price = take(parseMoney(line?.price, `${at}.price`));
    let vatRate: bigint | null = entityRate;
    if (line?.vatRate !== undefined && line?.vatRate !== null) {
      vatRate = take(parseRate(line.vatRate, `${at}.vatRate`));
      if (vatRate !== null && vatRate !== 0n && !entity.vatPayer) {
        errors.push(`${at}.vatRate must be absent or 0: the entity is not a VAT payer`);
        vatRate = null;
      }
    }
    if (quantity !== null && price !== null && vatRate !== null) {
      exactLines.push({ quantity, price, vatRate });
      if (lineAmount(quantity, price) > MAX_KOPECKS) errors.push(`${at}: quantity × price is too large (maximum ${formatMoney(MAX_KOPECKS)})`);
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const exact = computeExactTotals(exactLines, entity);
  if (exact.total > MAX_KOPECKS) return { ok: false, errors: [`the invoice total is too large (maximum ${formatMoney(MAX_KOPECKS)})`] };
  return { ok: true, value: formatTotals(exactLines, exact, entity), exact };
}

/** Exact totals → strings. */
export function formatTotals(lines: readonly ExactLine[], exact: ExactTotals, settings: { vatPayer: boolean; pricesIncludeVat: boolean }): InvoiceTotals {
  return {
    vatPayer: settings.vatPayer,
    pricesIncludeVat: settings.vatPayer && settings.pricesIncludeVat,
    lines: lines.map((l, i) => ({
      quantity: formatQuantity(l.quantity),
      price: formatMoney(l.price),
      vatRate: settings.vatPayer ? formatRate(l.vatRate) : null,
      amount: formatMoney(exact.lineAmounts[i]),
    })),
    vatGroups: exact.vatGroups.map((g) => ({ rate: formatRate(g.rate), subtotal: formatMoney(g.subtotal), vat: formatMoney(g.vat), total: formatMoney(g.total) })),
    subtotal: formatMoney(exact.subtotal),
    vat: formatMoney(exact.vat),
    total: formatMoney(exact.total),
  };
}
