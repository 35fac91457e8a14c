/**
 * An amount written out in words for an invoice ("Сума прописом" / "Сумма прописью"):
 *   amountInWords('24000.00', 'UAH', 'uk') → "Двадцять чотири тисячі гривень 00 копійок"
 *   amountInWords('24000.00', 'RUB', 'ru') → "Двадцать четыре тысячи рублей 00 копеек"
 *
 * - The whole part in words, the currency noun agreeing with it, then the kopecks as two digits with their noun
 *   ("00 копійок", "01 копійка", "02 копійки"). Only the first letter is capitalized.
 * - Agreement: the last two digits 11–14 → genitive plural (одинадцять гривень); otherwise the last digit 1 →
 *   nominative singular (двадцять одна гривня), 2–4 → the "few" form (дві гривні / два рубля), else genitive
 *   plural (п’ять гривень). The same rule declines тисяча, мільйон/миллион and мільярд/миллиард.
 * - Gender: гривня/гривна, копійка/копейка and тисяча/тысяча are feminine (одна, дві/две); рубль, мільйон/миллион
 *   and мільярд/миллиард are masculine (один, два).
 * - Ukrainian words are written with the typographic apostrophe ’ (U+2019): п’ять, дев’ять, п’ятсот.
 * - Range 0 … 999 999 999 999.99 (up to мільярди/миллиарды); a negative, malformed or larger amount throws.
 */
import { MAX_KOPECKS, parseMoney } from './amounts';

export type Currency = 'UAH' | 'RUB';
export type InvoiceLanguage = 'uk' | 'ru';

/** The apostrophe used in Ukrainian words. */
export const UK_APOSTROPHE = '\u2019';

export type Gender = 'm' | 'f';
/** [one, few (2–4), many (0, 5–20)]. */
type Forms = readonly [string, string, string];

interface LanguageWords {
  zero: string;
  onesMasculine: readonly string[];
  onesFeminine: readonly string[];
  teens: readonly string[];
  tens: readonly string[];
  hundreds: readonly string[];
  /** thousand, million, billion (10^9). */
  scales: ReadonlyArray<{ forms: Forms; gender: Gender }>;
  currencies: Record<Currency, { forms: Forms; gender: Gender }>;
  kopecks: Forms;
}

const A = UK_APOSTROPHE;

const WORDS: Record<InvoiceLanguage, LanguageWords> = {
  uk: {
    zero: 'нуль',
    onesMasculine: ['', 'один', 'два', 'три', 'чотири', `п${A}ять`, 'шість', 'сім', 'вісім', `дев${A}ять`],
    onesFeminine: ['', 'одна', 'дві', 'три', 'чотири', `п${A}ять`, 'шість', 'сім', 'вісім', `дев${A}ять`],
    teens: ['десять', 'одинадцять', 'дванадцять', 'тринадцять', 'чотирнадцять', `п${A}ятнадцять`, 'шістнадцять', 'сімнадцять', 'вісімнадцять', `дев${A}ятнадцять`],
    tens: ['', '', 'двадцять', 'тридцять', 'сорок', `п${A}ятдесят`, 'шістдесят', 'сімдесят', 'вісімдесят', `дев${A}яносто`],
    hundreds: ['', 'сто', 'двісті', 'триста', 'чотириста', `п${A}ятсот`, 'шістсот', 'сімсот', 'вісімсот', `дев${A}ятсот`],
    scales: [
      { forms: ['тисяча', 'тисячі', 'тисяч'], gender: 'f' },
      { forms: ['мільйон', 'мільйони', 'мільйонів'], gender: 'm' },
      { forms: ['мільярд', 'мільярди', 'мільярдів'], gender: 'm' },
    ],
    currencies: {
      UAH: { forms: ['гривня', 'гривні', 'гривень'], gender: 'f' },
      RUB: { forms: ['рубль', 'рублі', 'рублів'], gender: 'm' },
    },
    kopecks: ['копійка', 'копійки', 'копійок'],
  },
  ru: {
    zero: 'ноль',
    onesMasculine: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
    onesFeminine: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
    teens: ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'],
    tens: ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'],
    hundreds: ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'],
    scales: [
      { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
      { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
      { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
    ],
    currencies: {
      UAH: { forms: ['гривна', 'гривны', 'гривен'], gender: 'f' },
      RUB: { forms: ['рубль', 'рубля', 'рублей'], gender: 'm' },
    },
    kopecks: ['копейка', 'копейки', 'копеек'],
  },
};

/** The noun form agreeing with n (n ≥ 0): 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 11–14, 25 → many. */
export function pluralForm(n: bigint | number, forms: Forms): string {
  const v = BigInt(n);
  const lastTwo = v % 100n;
  const last = v % 10n;
  if (lastTwo >= 11n && lastTwo <= 14n) return forms[2];
  if (last === 1n) return forms[0];
  if (last >= 2n && last <= 4n) return forms[1];
  return forms[2];
}

/** 1…999 in words, in the given gender (only 1 and 2 differ). */
function triadWords(n: number, gender: Gender, w: LanguageWords): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) out.push(w.hundreds[h]);
  if (rest >= 10 && rest < 20) {
    out.push(w.teens[rest - 10]);
  } else {
    const t = Math.floor(rest / 10);
    const o = rest % 10;
    if (t > 0) out.push(w.tens[t]);
    if (o > 0) out.push((gender === 'f' ? w.onesFeminine : w.onesMasculine)[o]);
  }
  return out;
}

/** A whole number 0 … 999 999 999 999 in words, lower case, the units agreeing with `gender`. */
export function integerInWords(n: bigint, gender: Gender, lang: InvoiceLanguage): string {
  const w = WORDS[lang];
  if (n < 0n || n > 999_999_999_999n) throw new RangeError(`integerInWords: ${n} is out of range 0…999999999999`);
  if (n === 0n) return w.zero;
  const triads: number[] = []; // least significant first
  for (let v = n; v > 0n; v /= 1000n) triads.push(Number(v % 1000n));
  const words: string[] = [];
  for (let i = triads.length - 1; i >= 0; i--) {
    const t = triads[i];
    if (t === 0) continue;
    if (i === 0) {
      words.push(...triadWords(t, gender, w));
    } else {
      const scale = w.scales[i - 1];
      words.push(...triadWords(t, scale.gender, w), pluralForm(t, scale.forms));
    }
  }
  return words.join(' ');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Kopecks (0 … 99 999 999 999 999) in words; see the file comment. */
export function kopecksInWords(kopecks: bigint, currency: Currency, lang: InvoiceLanguage): string {
  if (kopecks < 0n) throw new RangeError('amountInWords: the amount must not be negative');
  if (kopecks > MAX_KOPECKS) throw new RangeError('amountInWords: the amount must not exceed 999999999999.99');
  if (!Object.prototype.hasOwnProperty.call(WORDS, lang)) throw new RangeError(`amountInWords: unknown language ${String(lang)}`);
  const w = WORDS[lang];
  if (!Object.prototype.hasOwnProperty.call(w.currencies, currency)) throw new RangeError(`amountInWords: unknown currency ${String(currency)}`);
  const cur = w.currencies[currency];
  const whole = kopecks / 100n;
  const cents = kopecks % 100n;
  const text = `${integerInWords(whole, cur.gender, lang)} ${pluralForm(whole, cur.forms)} ${String(cents).padStart(2, '0')} ${pluralForm(cents, w.kopecks)}`;
  return capitalize(text);
}

/**
 * The amount ("24000.00", "1.5", at most two decimals, "." separator) written out in words in the invoice's
 * language: "Двадцять чотири тисячі гривень 00 копійок". Throws a RangeError for a negative, malformed or too
 * large amount, an unknown currency or language.
 */
export function amountInWords(amount: string, currency: Currency, lang: InvoiceLanguage): string {
  const parsed = parseMoney(amount, 'amount');
  if (!parsed.ok) throw new RangeError(`amountInWords: ${parsed.error}`);
  return kopecksInWords(parsed.value, currency, lang);
}
