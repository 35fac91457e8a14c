import type { Sql } from '../sql';
import { markdownToText, queryWords } from './search-text';
import type { QueryWord } from './search-text';
import { isCyrillic, ukStems } from './uk-stemmer';

/**
 * The course search index (`tr_search`): one document per course (title, summary) and one per lesson (title,
 * material as plain text). A document's vector joins two analyses of the same text — the Ukrainian stems of its
 * Cyrillic words, made in TS, as a 'simple' vector, and PostgreSQL's 'russian' configuration (Russian snowball stems
 * for Cyrillic words, English snowball stems and stop words for Latin ones: it maps ASCII words to english_stem, so
 * a separate 'english' analysis would only duplicate them) — titles weighted A, bodies B. A query matches a document
 * when every query word matches in at least one of the two (see `tsqueryOf`).
 */

export interface IndexedCourse {
  id: string;
  title: string;
  summary: string | null;
  lessons: { id: string; title: string; material: string }[];
}

const VECTOR = `setweight(to_tsvector('simple', x.title_uk), 'A') || setweight(to_tsvector('simple', x.body_uk), 'B')
  || setweight(to_tsvector('russian', x.title), 'A') || setweight(to_tsvector('russian', x.body), 'B')`;

/** Rebuilds a course's documents (in the caller's transaction). */
export async function reindexCourse(sql: Sql, portalId: string, course: IndexedCourse): Promise<void> {
  await sql.query(`DELETE FROM tr_search WHERE portal_id = $1 AND course_id = $2`, [portalId, course.id]);
  const docs = [
    { lessonId: null as string | null, title: course.title, body: course.summary ?? '' },
    ...course.lessons.map((l) => ({ lessonId: l.id, title: l.title, body: markdownToText(l.material) })),
  ];
  await sql.query(
    `INSERT INTO tr_search (portal_id, course_id, lesson_id, title, body, tsv)
     SELECT $1, $2, x.lesson_id, x.title, x.body, ${VECTOR}
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(lesson_id, title, body, title_uk, body_uk)`,
    [portalId, course.id, docs.map((d) => d.lessonId), docs.map((d) => d.title), docs.map((d) => d.body), docs.map((d) => ukStems(d.title)), docs.map((d) => ukStems(d.body))],
  );
}

/**
 * The tsqueries of a search as SQL over parameters starting at `$first`. Each word: its Ukrainian stem in the
 * 'simple' vector (Cyrillic words) OR the word in the 'russian' analysis (as prefixes for words of four letters and
 * more), the two folded into one when they are the same lexeme. `match` needs every word (AND); `rank` is the OR of
 * the words, for ts_rank — every matched document has all of them anyway, and ranking by an AND query costs time
 * quadratic in a word's repetitions, by an OR linear. Null when nothing searchable is left (only stop words).
 */
export function tsqueryOf(q: string, first: number): { match: string; rank: string; params: string[]; words: QueryWord[] } | null {
  const words = queryWords(q);
  if (!words.length) return null;
  const params: string[] = [];
  const parts = words.map((w) => {
    const russian = `${w.word}${w.word.length >= 4 ? ':*' : ''}`;
    if (!isCyrillic(w.word)) {
      params.push(russian);
      return `to_tsquery('russian', $${first + params.length - 1})`;
    }
    params.push(`'${w.stem}'${w.prefix ? ':*' : ''}`, russian);
    const a = first + params.length - 2;
    return `(SELECT CASE WHEN x.uk = x.ru THEN x.uk ELSE x.uk || x.ru END FROM (SELECT to_tsquery('simple', $${a}) AS uk, to_tsquery('russian', $${a + 1}) AS ru) x)`;
  });
  return { match: parts.join(' && '), rank: parts.join(' || '), params, words };
}
