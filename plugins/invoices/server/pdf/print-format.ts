/**
 * How values are printed on an invoice, the way Ukrainian and Russian accountants write them:
 *   dates   "2025-03-05"  → "05.03.2025"
 *   money   "24000.00"    → "24 000,00"   (space between thousands, comma before the kopecks)
 *   qty     "1.5"         → "1,5"         ("2" stays "2")
 * Pure string work on the exact decimals from ../money: nothing goes through a float.
 */
import type { CalendarDate, Currency, InvoiceLanguage } from './invoice-view';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "2025-03-05" or a Date (its UTC day) → "05.03.2025". Throws a RangeError for anything else. */
export function formatPrintDate(date: CalendarDate): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError('formatPrintDate: invalid Date');
    const dd = String(date.getUTCDate()).padStart(2, '0');
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    return `${dd}.${mm}.${String(date.getUTCFullYear()).padStart(4, '0')}`;
  }
  const m = ISO_DATE_RE.exec(date);
  if (!m) throw new RangeError(`formatPrintDate: expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** Groups of three digits separated by a space: "1234567" → "1 234 567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "24000.00" → "24 000,00"; "5" → "5,00"; "0.5" → "0,50". Throws a RangeError for a non-decimal string. */
export function formatPrintMoney(amount: string): string {
  const m = DECIMAL_RE.exec(amount.trim());
  if (!m) throw new RangeError(`formatPrintMoney: not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 2) throw new RangeError(`formatPrintMoney: more than 2 decimals: ${JSON.stringify(amount)}`);
  return `${sign}${groupThousands(whole.replace(/^0+(?=\d)/, ''))},${frac.padEnd(2, '0')}`;
}

/** "1.5" → "1,5"; "1000" → "1 000"; "0.125" → "0,125". */
export function formatPrintQuantity(quantity: string): string {
  const m = DECIMAL_RE.exec(quantity.trim());
  if (!m) throw new RangeError(`formatPrintQuantity: not a decimal quantity: ${JSON.stringify(quantity)}`);
  const [, sign, whole, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  return `${sign}${groupThousands(whole.replace(/^0+(?=\d)/, ''))}${trimmed ? `,${trimmed}` : ''}`;
}

/** The currency as printed after an amount: "грн", "руб.". */
export function currencyShort(currency: Currency): string {
  return currency === 'UAH' ? 'грн' : 'руб.';
}

/**
 * The label of a tax id when none is given. `country` is where the party is registered (the supplier's bank
 * kind tells it: an IBAN account → Ukraine, a БИК account → Russia).
 *   uk, Ukraine: 8 digits → "Код ЄДРПОУ", 10 → "РНОКПП";   uk, Russia: "ІПН" (the Russian ИНН).
 *   ru, Ukraine: 8 digits → "Код ЕГРПОУ", 10 → "ИНН";       ru, Russia: "ИНН".
 */
export function defaultTaxIdLabel(taxId: string, lang: InvoiceLanguage, country: 'UA' | 'RU'): string {
  const digits = taxId.replace(/\D/g, '').length;
  if (country === 'RU') return lang === 'uk' ? 'ІПН' : 'ИНН';
  if (digits === 8) return lang === 'uk' ? 'Код ЄДРПОУ' : 'Код ЕГРПОУ';
  return lang === 'uk' ? 'РНОКПП' : 'ИНН';
}
