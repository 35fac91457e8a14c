/** A plural noun: `Intl.PluralRules` picks the form; `{n}` is the count. */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/** A set of words: key → text (with `{param}` placeholders) or plural forms. */
export type Words = Record<string, string | PluralForms>;

/** The same keys as the English set, in another language: a missing key is a compile error. */
export type Translation<T extends Words> = { [K in keyof T]: T[K] extends string ? string : PluralForms };
