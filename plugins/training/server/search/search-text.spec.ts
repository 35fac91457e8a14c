import { tsqueryOf } from './search-index';
import { markdownToText, queryWords, snippet, wordMatches } from './search-text';

describe('markdownToText', () => {
  it('keeps the words and drops the markup, URLs and HTML', () => {
    const md = [
      '# Воронка продажів',
      '',
      'Перемістіть **угоду** на _наступну_ стадію. Див. [довідку](https://example.com/help) і ![схема](img.png).',
      '',
      '- перший крок',
      '1. другий крок',
      '> цитата',
      '```ts',
      'const x = 1;',
      '```',
      '<b>жирний</b> `код` https://example.com/raw',
    ].join('\n');
    expect(markdownToText(md)).toBe('Воронка продажів Перемістіть угоду на наступну стадію. Див. довідку і схема. перший крок другий крок цитата const x = 1; жирний код');
  });

  it('leaves no space before punctuation where a mark was stripped', () => {
    expect(markdownToText('Докладніше — у розділі `Рахунки`. Див. **Угоди**, потім «_Звіти_».')).toBe('Докладніше — у розділі Рахунки. Див. Угоди, потім «Звіти».');
  });
});

describe('queryWords', () => {
  it('stems words, drops stop words, one-letter words and repeats, and keeps at most eight', () => {
    expect(queryWords('угоди та воронки в угоди')).toEqual([
      { word: 'угоди', stem: 'угод', prefix: true },
      { word: 'воронки', stem: 'воронк', prefix: true },
    ]);
    expect(queryWords('a b c the і та')).toEqual([]);
    expect(queryWords('один два три чотири пʼять шість сім вісім девять десять')).toHaveLength(8);
    expect(queryWords('код')[0]).toEqual({ word: 'код', stem: 'код', prefix: false });
  });
});

describe('wordMatches', () => {
  const q = (s: string) => queryWords(s)[0];
  it('matches word forms by stem, prefixes of long stems, and Russian/English forms by a long shared beginning', () => {
    expect(wordMatches('воронку', q('воронки'))).toBe(true);
    expect(wordMatches('угодою', q('угода'))).toBe(true);
    expect(wordMatches('воронками', q('ворон'))).toBe(true);
    expect(wordMatches('сделки', q('сделка'))).toBe(true);
    expect(wordMatches('pipelines', q('pipeline'))).toBe(true);
    expect(wordMatches('стадія', q('угода'))).toBe(false);
    expect(wordMatches('кодекс', q('код'))).toBe(false);
  });
});

describe('snippet', () => {
  it('wraps the hits in [[ ]] and cuts around the first one', () => {
    const text = `${'Вступ '.repeat(30)}Щоб перемістити угоду далі воронкою, заповніть поля. ${'Кінець '.repeat(40)}`.trim();
    const s = snippet(text, queryWords('угоди воронки'));
    expect(s).toMatch(/^… /);
    expect(s).toMatch(/ …$/);
    expect(s).toContain('перемістити [[угоду]] далі [[воронкою]], заповніть поля.');
  });

  it('gives the beginning of a text without hits, whole when short', () => {
    expect(snippet('Коротко про все.', queryWords('угода'))).toBe('Коротко про все.');
  });
});

describe('tsqueryOf', () => {
  it('ORs the Ukrainian stem and the russian analysis of each word, ANDs the words to match and ORs them to rank', () => {
    const q = tsqueryOf('угоди pipelines', 8) as NonNullable<ReturnType<typeof tsqueryOf>>;
    const uk = "(SELECT CASE WHEN x.uk = x.ru THEN x.uk ELSE x.uk || x.ru END FROM (SELECT to_tsquery('simple', $8) AS uk, to_tsquery('russian', $9) AS ru) x)";
    expect(q.match).toBe(`${uk} && to_tsquery('russian', $10)`);
    expect(q.rank).toBe(`${uk} || to_tsquery('russian', $10)`);
    expect(q.params).toEqual(["'угод':*", 'угоди:*', 'pipelines:*']);
    expect(tsqueryOf('і та the', 1)).toBeNull();
  });
});
