import { Injectable, Pipe, PipeTransform, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { en, ru, uk } from './i18n.dictionaries';
import type { Dictionary, PluralForms, PluralKey, TextKey } from './i18n.dictionaries';

export type Lang = 'uk' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['uk', 'ru', 'en'];
export const DICTIONARIES: Record<Lang, Dictionary> = { en, uk, ru };
export type Params = Record<string, string | number>;

/** localStorage: the choice made while signed out, and each user's own choice. */
export const LANG_KEY = 'portal.lang';
const userKey = (userId: string) => `${LANG_KEY}.${userId}`;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode, quota); the choice then lasts for this page only.
  }
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Before anyone signs in: the last choice made in this browser, else the browser's language, else Ukrainian. */
function initialLang(): Lang {
  const stored = read(LANG_KEY);
  if (isLang(stored)) return stored;
  const preferred = globalThis.navigator?.languages ?? [globalThis.navigator?.language];
  for (const tag of preferred) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'uk';
}

/**
 * The interface language, as a signal. Signed in, it is the user's own choice if they made one, else the
 * portal's language; every switch is remembered for that user (and for the signed-out pages).
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT, { optional: true });
  private readonly current = signal<Lang>(initialLang());
  private userId: string | null = null;

  /** The current language; reading it in a template or `computed` re-renders on a switch. */
  readonly lang = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
  }

  /** The user switches the language: applied now and remembered. */
  choose(lang: Lang): void {
    if (!isLang(lang)) return;
    write(LANG_KEY, lang);
    if (this.userId) write(userKey(this.userId), lang);
    this.apply(lang);
  }

  /**
   * After sign-in (or when the session is restored): the user's own choice in this browser, else the
   * language of their profile (if it has one), else the portal's.
   */
  signedIn(userId: string, portalLocale?: string | null, userLocale?: string | null): void {
    this.userId = userId;
    const own = read(userKey(userId));
    const lang = [own, userLocale, portalLocale].find(isLang);
    if (lang) this.apply(lang);
  }

  /** After sign-out the language stays as it is; later switches are no longer the user's. */
  signedOut(): void {
    this.userId = null;
  }

  t(key: TextKey, params?: Params): string {
    const text = DICTIONARIES[this.current()][key] ?? en[key] ?? key;
    return interpolate(text as string, params);
  }

  /** A count with its noun in the right plural form: "1 воронка", "3 воронки", "5 воронок". */
  plural(key: PluralKey, n: number, params?: Params): string {
    const lang = this.current();
    const forms = (DICTIONARIES[lang][key] ?? en[key]) as PluralForms;
    const category = new Intl.PluralRules(lang).select(n) as keyof PluralForms;
    return interpolate(forms[category] ?? forms.other, { ...params, n });
  }

  /** "A, B and C" in the current language. */
  list(items: string[]): string {
    try {
      return new Intl.ListFormat(this.current(), { style: 'long', type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  /** A text some data gives either as a plain string or per language (`{en, uk, ru}`). */
  localized(value: unknown): string {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const byLang = value as Record<string, unknown>;
      const text = byLang[this.current()] ?? byLang['en'] ?? Object.values(byLang)[0];
      return typeof text === 'string' ? text : '';
    }
    return '';
  }

  private apply(lang: Lang): void {
    this.current.set(lang);
    if (this.document?.documentElement) this.document.documentElement.lang = lang;
  }
}

/** `{{ 'market.title' | t }}`, `{{ 'market.version' | t: { version: p.version } }}`; follows language switches. */
@Pipe({ name: 't', pure: false })
export class TPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TextKey, params?: Params): string {
    return this.i18n.t(key, params);
  }
}
