import { TestBed } from '@angular/core/testing';
import { Component, inject } from '@angular/core';
import { I18nService, LANG_KEY, TPipe, DICTIONARIES, LANGS } from './i18n.service';
import { en } from './i18n.dictionaries';

describe('I18nService', () => {
  let i18n: I18nService;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
    i18n = TestBed.inject(I18nService);
  });

  it('has every key in every language, with the same parameters and plural forms', () => {
    const params = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();
    for (const lang of LANGS) {
      const dict = DICTIONARIES[lang] as Record<string, unknown>;
      expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(en)) {
        const translated = dict[key];
        if (typeof value === 'string') {
          expect(typeof translated).toBe('string');
          expect((translated as string).trim()).not.toBe('');
          expect(params(translated as string)).toBe(params(value));
        } else {
          const forms = translated as Record<string, string>;
          const needed = lang === 'en' ? ['one', 'other'] : ['one', 'few', 'many', 'other'];
          for (const f of needed) expect(forms[f]).toContain('{n}');
        }
      }
    }
  });

  it('translates, interpolates and follows a switch', () => {
    i18n.choose('en');
    expect(i18n.t('market.title')).toBe('Marketplace');
    expect(i18n.t('signup.title')).toBe('Create your portal');
    expect(i18n.t('market.version', { version: '1.2.0' })).toBe('Version 1.2.0');
    i18n.choose('uk');
    expect(i18n.lang()).toBe('uk');
    expect(i18n.t('market.title')).toBe('Маркетплейс');
    expect(i18n.t('signup.title')).toBe('Створіть свій портал');
    i18n.choose('ru');
    expect(i18n.t('market.title')).toBe('Маркетплейс');
    expect(i18n.t('signup.title')).toBe('Создайте свой портал');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('chooses plural forms by the rules of each language', () => {
    i18n.choose('uk');
    expect([1, 3, 5, 21, 22, 11].map((n) => i18n.plural('count.pipeline', n))).toEqual([
      '1 воронка',
      '3 воронки',
      '5 воронок',
      '21 воронка',
      '22 воронки',
      '11 воронок',
    ]);
    i18n.choose('ru');
    expect([1, 2, 14].map((n) => i18n.plural('count.field', n))).toEqual(['1 поле', '2 поля', '14 полей']);
    i18n.choose('en');
    expect([1, 22].map((n) => i18n.plural('count.automation', n))).toEqual(['1 automation rule', '22 automation rules']);
  });

  it("uses the portal's language unless the user chose their own, and remembers the choice per user", () => {
    i18n.choose('en'); // chosen while signed out (e.g. on the sign-up page)
    i18n.signedIn('user-1', 'uk');
    expect(i18n.lang()).toBe('uk');

    i18n.choose('ru');
    expect(localStorage.getItem(`${LANG_KEY}.user-1`)).toBe('ru');
    i18n.signedOut();
    i18n.signedIn('user-1', 'uk');
    expect(i18n.lang()).toBe('ru');

    i18n.signedIn('user-2', 'en');
    expect(i18n.lang()).toBe('en');
    i18n.signedIn('user-3', 'xx');
    expect(i18n.lang()).toBe('en'); // an unknown portal language changes nothing
  });

  it('starts with the language chosen last in this browser', () => {
    localStorage.setItem(LANG_KEY, 'ru');
    TestBed.resetTestingModule();
    expect(TestBed.inject(I18nService).lang()).toBe('ru');
  });

  it('lists in the words of the language', () => {
    i18n.choose('uk');
    expect(i18n.list(['A', 'B', 'C'])).toBe('A, B і C');
    i18n.choose('en');
    expect(i18n.list(['A', 'B'])).toBe('A and B');
  });

  it('the t pipe re-renders on a switch', async () => {
    @Component({ imports: [TPipe], template: `<h1>{{ 'market.title' | t }}</h1><p>{{ 'signup.title' | t }}</p>` })
    class Host {
      readonly i18n = inject(I18nService);
    }
    i18n.choose('en');
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const p = () => (fixture.nativeElement as HTMLElement).querySelector('p')?.textContent;
    expect(p()).toBe('Create your portal');
    i18n.choose('uk');
    await fixture.whenStable();
    expect(p()).toBe('Створіть свій портал');
  });
});

describe('I18nService with a profile language', () => {
  it("prefers the user's choice here, then their profile's language, then the portal's", () => {
    localStorage.clear();
    const i18n = TestBed.inject(I18nService);
    i18n.signedIn('u', 'uk', 'ru');
    expect(i18n.lang()).toBe('ru');
    i18n.signedIn('v', 'uk', null);
    expect(i18n.lang()).toBe('uk');
    i18n.choose('en');
    i18n.signedIn('v', 'uk', 'ru');
    expect(i18n.lang()).toBe('en');
  });
});
