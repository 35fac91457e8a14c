/**
 * A light Ukrainian stemmer: stock PostgreSQL (and PGlite) has Russian and English snowball stemmers but none for
 * Ukrainian, so the search index stores Ukrainian stems made here (as a 'simple' tsvector) next to the 'russian' and
 * 'english' analyses of the same text, and the query is stemmed the same way.
 *
 * It strips one inflectional ending (noun, adjective and the unambiguous verb endings; the longest that leaves a
 * stem of at least three letters after the first vowel), then evens out what the endings leave behind: a final soft
 * sign, й, і, ї or и ("лекці-я" / "лекці-й" → "лекц"), a doubled final consonant ("навчанн-я" / "навчань" →
 * "навчан"), the і/о alternation of -ість nouns ("відповідальність" / "відповідальності") and the adjectival
 * suffix -ов- ("обов'язкова" / "обов'язкові" → "обовязк"). So "угода", "угоди",
 * "угоду", "угодою", "угод", "угодами" are all "угод", and "воронка", "воронки", "воронку" are "воронк".
 *
 * Known limits (a light stemmer's, accepted): consonant alternations (урок / уроці), fleeting vowels (воронка /
 * воронок), і/о in closed syllables (рік / року) and most verb forms keep different stems. Infinitive (-ати, -ити)
 * and past-tense (-ла, -ли) endings are left alone on purpose: they collide with nouns ("зарплати", "кредити",
 * "школа"), which matter more in a course catalogue.
 */

const VOWELS = new Set('аеиоуюяіїєыэё');

/** Endings, longest first (ties keep the order given). */
const ENDINGS = [
  // three letters
  'ами', 'ями', 'ими', 'іми', 'ого', 'ому', 'ові', 'еві', 'єві', 'ють', 'ять', 'ать', 'уть', 'ить', 'іть', 'ємо', 'емо', 'имо', 'їмо', 'єте', 'ете', 'ите', 'їте',
  // two letters
  'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'єм', 'ою', 'ею', 'єю', 'ів', 'їв', 'ий', 'ій', 'ої', 'ім', 'им', 'их', 'іх', 'ей', 'еш', 'єш', 'иш', 'їш',
  // one letter
  'а', 'я', 'о', 'е', 'є', 'у', 'ю', 'и', 'і', 'ї', 'ь', 'й',
].sort((a, b) => b.length - a.length);

const REFLEXIVE = ['ся', 'сь'];
const MIN_STEM = 3;

/** Words too common to search by (Ukrainian, Russian and English), dropped from the index and from queries. */
export const STOP_WORDS = new Set(
  [
    // Ukrainian
    'і й та в у на з із зі до по за від для що як це не а але або чи о при про під над між через так вже ще тільки також',
    'його її їх він вона воно вони ми ви я ти цей ця ці той те ті бо якщо коли де щоб є був була було були буде бути можна треба',
    // Russian
    'и во что он с со как то все она но да ты к же вы бы только ее мне вот от меня еще нет из ему это этот эта эти',
    // English
    'a an the to of in on and or for is are be how what with by at it this that as from',
  ]
    .join(' ')
    .split(' '),
);

/** Lower case, apostrophes out, ґ as г (people type either), ё as е. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/['’ʼ`]/g, '').replace(/ґ/g, 'г').replace(/ё/g, 'е');
}

export const isCyrillic = (w: string) => /[а-яіїєґё]/i.test(w);
const isConsonant = (ch: string | undefined) => !!ch && /[бвгґджзйклмнпрстфхцчшщ]/.test(ch);

/** Index just after the first vowel: endings are only stripped from what follows it (snowball's RV region). */
function rvStart(w: string): number {
  for (let i = 0; i < w.length; i++) if (VOWELS.has(w[i])) return i + 1;
  return w.length;
}

function stripEnding(w: string, endings: readonly string[]): string {
  const rv = rvStart(w);
  for (const e of endings) {
    const rest = w.length - e.length;
    if (w.endsWith(e) && rest >= MIN_STEM && rest >= rv) return w.slice(0, rest);
  }
  return w;
}

/** The stem of one word (already a single token: letters and digits). Non-Cyrillic words come back normalized. */
export function stemUk(word: string): string {
  let w = normalizeWord(word);
  if (!isCyrillic(w) || w.length <= MIN_STEM) return w;
  w = stripEnding(w, REFLEXIVE);
  w = stripEnding(w, ENDINGS);
  // What endings leave behind: a soft sign or й, then one of і ї и ("стаді-я" → "стад").
  if (w.length > MIN_STEM && /[ьй]$/.test(w)) w = w.slice(0, -1);
  if (w.length > MIN_STEM && /[іїи]$/.test(w)) w = w.slice(0, -1);
  // A doubled final consonant is one ("завданн-я", "завдань" → "завдан").
  if (w.length > MIN_STEM + 1 && w[w.length - 1] === w[w.length - 2] && isConsonant(w[w.length - 1])) w = w.slice(0, -1);
  // -ість nouns: "відповідальніст-ь", "відповідальност-і" → "відповідальност".
  if (w.length > MIN_STEM + 1 && w.endsWith('іст')) w = `${w.slice(0, -3)}ост`;
  // The adjectival suffix -ов- goes too: "обов'язков-ий" and "обов'язк-ові" (where -ові reads as a noun's dative
  // ending) meet at "обовязк", and "тестовий" finds "тест".
  if (w.endsWith('ов') && w.length - 2 >= MIN_STEM && w.length - 2 >= rvStart(w)) w = w.slice(0, -2);
  return w;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’ʼ`][\p{L}\p{N}]+)*/gu;

/** The words of a text, in order, with where each starts and ends (for snippets). */
export function tokenize(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(TOKEN_RE)) out.push({ word: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

export const isStopWord = (word: string) => STOP_WORDS.has(normalizeWord(word));

/**
 * The Cyrillic words of a text as Ukrainian stems (stop words and one-letter words out): what the 'simple' vector
 * indexes. Latin words and numbers are left to the 'russian' configuration, which stems them as English.
 */
export function ukStems(text: string): string {
  return tokenize(text)
    .map((t) => t.word)
    .filter((w) => w.length > 1 && isCyrillic(w) && !isStopWord(w))
    .map(stemUk)
    .join(' ');
}
