/** Exact invoice money: parsing, totals with VAT, and the amount in words. */
export {
  MAX_KOPECKS,
  MAX_QUANTITY_THOUSANDTHS,
  MAX_RATE_BASIS_POINTS,
  divRoundHalfUp,
  formatMoney,
  formatQuantity,
  formatRate,
  lineAmount,
  parseMoney,
  parseQuantity,
  parseRate,
} from './amounts';
export type { Parsed } from './amounts';
export { calculateInvoiceTotals, computeExactTotals, formatTotals, groupVat } from './invoice-totals';
export type { EntityVatSettings, ExactLine, ExactTotals, ExactVatGroup, InvoiceLineInput, InvoiceTotals, InvoiceTotalsResult } from './invoice-totals';
export { UK_APOSTROPHE, amountInWords, integerInWords, kopecksInWords, pluralForm } from './amount-in-words';
export type { Currency, Gender, InvoiceLanguage } from './amount-in-words';
