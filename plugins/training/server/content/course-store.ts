import { randomUUID } from 'node:crypto';
import { reindexCourse } from '../search/search-index';
import type { Sql } from '../sql';
import type { CourseDraft } from './course-input';

/**
 * Writes a checked course draft in the caller's transaction: the course row, then lessons, their help tags, tests,
 * questions and choices. Items carrying an `id` (an author's kept item, or a plugin course's item matched by code or
 * position) are updated in place, so the progress, attempts and certificates hanging off them survive; items the
 * draft no longer has are deleted; new ones get new ids. Then the course's search documents are rebuilt.
 */

export interface CourseTarget {
  /** The course to update; absent: a new course. */
  courseId?: string;
  source: string;
  code: string;
  locale: string;
  now: Date;
  createdBy?: string | null;
  /** Set when an admin edits a plugin's course, so reinstalling the plugin leaves their edits alone. */
  customized?: boolean;
}

/** `prefix-1`, `prefix-2`, … : the first free codes for items that came without one. */
function fillCodes<T extends { code?: string }>(items: T[], prefix: string): string[] {
  const used = new Set(items.map((i) => i.code?.toLowerCase()).filter(Boolean));
  let n = 0;
  return items.map((i) => {
    if (i.code) return i.code;
    do n++;
    while (used.has(`${prefix}-${n}`));
    used.add(`${prefix}-${n}`);
    return `${prefix}-${n}`;
  });
}

export async function writeCourse(sql: Sql, portalId: string, draft: CourseDraft, target: CourseTarget): Promise<string> {
  let courseId = target.courseId;
  if (courseId) {
    await sql.returning(
      `UPDATE tr_courses SET code = $3, title = $4, summary = $5, roles = $6::text[], locale = $7, updated_at = $8, customized = customized OR $9
        WHERE portal_id = $1 AND id = $2`,
      [portalId, courseId, target.code, draft.title, draft.summary, draft.roles, target.locale, target.now, !!target.customized],
    );
  } else {
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO tr_courses (portal_id, code, source, locale, title, summary, roles, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $9) RETURNING id`,
      [portalId, target.code, target.source, target.locale, draft.title, draft.summary, draft.roles, target.createdBy ?? null, target.now],
    );
    courseId = row.id;
  }

  // Lessons.
  const lessonIds = draft.lessons.map((l) => l.id ?? randomUUID());
  const lessonCodes = fillCodes(draft.lessons, 'lesson');
  await sql.query(`DELETE FROM tr_lessons WHERE portal_id = $1 AND course_id = $2 AND NOT (id = ANY($3::uuid[]))`, [portalId, courseId, lessonIds]);
  await sql.query(
    `INSERT INTO tr_lessons (id, portal_id, course_id, code, position, title, material, video_url, attachments)
     SELECT x.id, $1, $2, x.code, x.position, x.title, x.material, x.video_url, x.attachments::jsonb
       FROM unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(id, code, position, title, material, video_url, attachments)
     ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, position = EXCLUDED.position, title = EXCLUDED.title, material = EXCLUDED.material,
       video_url = EXCLUDED.video_url, attachments = EXCLUDED.attachments
       WHERE tr_lessons.course_id = EXCLUDED.course_id`,
    [
      portalId,
      courseId,
      lessonIds,
      lessonCodes,
      draft.lessons.map((_, i) => i + 1),
      draft.lessons.map((l) => l.title),
      draft.lessons.map((l) => l.material),
      draft.lessons.map((l) => l.videoUrl),
      draft.lessons.map((l) => JSON.stringify(l.attachments)),
    ],
  );
  const help = draft.lessons.flatMap((l, i) => l.helpFor.map((h, position) => ({ lessonId: lessonIds[i], position, ...h })));
  await sql.query(`DELETE FROM tr_lesson_help WHERE portal_id = $1 AND lesson_id = ANY($2::uuid[])`, [portalId, lessonIds]);
  if (help.length) {
    await sql.query(
      `INSERT INTO tr_lesson_help (lesson_id, portal_id, position, pipeline, stage, rule)
       SELECT x.lesson_id, $1, x.position, x.pipeline, x.stage, x.rule FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[]) AS x(lesson_id, position, pipeline, stage, rule)`,
      [portalId, help.map((h) => h.lessonId), help.map((h) => h.position), help.map((h) => h.pipeline), help.map((h) => h.stage), help.map((h) => h.rule)],
    );
  }

  // Tests, their questions and choices.
  const testIds = draft.tests.map((t) => t.id ?? randomUUID());
  const testCodes = fillCodes(draft.tests, 'test');
  await sql.query(`DELETE FROM tr_tests WHERE portal_id = $1 AND course_id = $2 AND NOT (id = ANY($3::uuid[]))`, [portalId, courseId, testIds]);
  if (draft.tests.length) {
    await sql.query(
      `INSERT INTO tr_tests (id, portal_id, course_id, code, position, title, pass_pct, max_attempts, time_limit_minutes, shuffle)
       SELECT x.id, $1, $2, x.code, x.position, x.title, x.pass_pct, x.max_attempts, x.time_limit_minutes, x.shuffle
         FROM unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::boolean[])
           AS x(id, code, position, title, pass_pct, max_attempts, time_limit_minutes, shuffle)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, position = EXCLUDED.position, title = EXCLUDED.title, pass_pct = EXCLUDED.pass_pct,
         max_attempts = EXCLUDED.max_attempts, time_limit_minutes = EXCLUDED.time_limit_minutes, shuffle = EXCLUDED.shuffle
         WHERE tr_tests.course_id = EXCLUDED.course_id`,
      [
        portalId,
        courseId,
        testIds,
        testCodes,
        draft.tests.map((_, i) => i + 1),
        draft.tests.map((t) => t.title),
        draft.tests.map((t) => t.passPct),
        draft.tests.map((t) => t.attempts),
        draft.tests.map((t) => t.timeLimitMinutes),
        draft.tests.map((t) => t.shuffle),
      ],
    );
  }
  const questions = draft.tests.flatMap((t, ti) => t.questions.map((q, qi) => ({ ...q, id: q.id ?? randomUUID(), testId: testIds[ti], position: qi + 1 })));
  await sql.query(`DELETE FROM tr_questions WHERE portal_id = $1 AND test_id = ANY($2::uuid[]) AND NOT (id = ANY($3::uuid[]))`, [portalId, testIds, questions.map((q) => q.id)]);
  if (questions.length) {
    await sql.query(
      `INSERT INTO tr_questions (id, portal_id, test_id, position, text, multiple)
       SELECT x.id, $1, x.test_id, x.position, x.text, x.multiple FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::boolean[]) AS x(id, test_id, position, text, multiple)
       ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, text = EXCLUDED.text, multiple = EXCLUDED.multiple
         WHERE tr_questions.test_id = EXCLUDED.test_id`,
      [portalId, questions.map((q) => q.id), questions.map((q) => q.testId), questions.map((q) => q.position), questions.map((q) => q.text), questions.map((q) => q.multiple)],
    );
  }
  const choices = questions.flatMap((q) => q.choices.map((c, ci) => ({ ...c, id: c.id ?? randomUUID(), questionId: q.id, position: ci + 1 })));
  await sql.query(`DELETE FROM tr_choices WHERE portal_id = $1 AND question_id = ANY($2::uuid[]) AND NOT (id = ANY($3::uuid[]))`, [portalId, questions.map((q) => q.id), choices.map((c) => c.id)]);
  if (choices.length) {
    await sql.query(
      `INSERT INTO tr_choices (id, portal_id, question_id, position, text, correct)
       SELECT x.id, $1, x.question_id, x.position, x.text, x.correct FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::boolean[]) AS x(id, question_id, position, text, correct)
       ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, text = EXCLUDED.text, correct = EXCLUDED.correct
         WHERE tr_choices.question_id = EXCLUDED.question_id`,
      [portalId, choices.map((c) => c.id), choices.map((c) => c.questionId), choices.map((c) => c.position), choices.map((c) => c.text), choices.map((c) => c.correct)],
    );
  }

  await sql.returning(`UPDATE tr_courses SET lessons_total = $3, tests_total = $4, questions_total = $5 WHERE portal_id = $1 AND id = $2`, [
    portalId,
    courseId,
    draft.lessons.length,
    draft.tests.length,
    questions.length,
  ]);
  await reindexCourse(sql, portalId, { id: courseId, title: draft.title, summary: draft.summary, lessons: draft.lessons.map((l, i) => ({ id: lessonIds[i], title: l.title, material: l.material })) });
  return courseId;
}

/** A course's current items, for matching a new version of it to what exists (by id, code or position). */
export interface ExistingCourse {
  lessons: { id: string; code: string }[];
  tests: { id: string; code: string; questions: { id: string; choices: string[] }[] }[];
}

export async function existingItems(sql: Sql, portalId: string, courseId: string): Promise<ExistingCourse> {
  const lessons = await sql.query<{ id: string; code: string }>(`SELECT id, code FROM tr_lessons WHERE portal_id = $1 AND course_id = $2 ORDER BY position`, [portalId, courseId]);
  const tests = await sql.query<{ id: string; code: string }>(`SELECT id, code FROM tr_tests WHERE portal_id = $1 AND course_id = $2 ORDER BY position`, [portalId, courseId]);
  const questions = await sql.query<{ id: string; test_id: string; choices: string[] | null }>(
    `SELECT q.id, q.test_id, array_agg(c.id ORDER BY c.position) FILTER (WHERE c.id IS NOT NULL) AS choices
       FROM tr_questions q LEFT JOIN tr_choices c ON c.question_id = q.id
      WHERE q.portal_id = $1 AND q.test_id = ANY($2::uuid[])
      GROUP BY q.id, q.test_id, q.position ORDER BY q.position`,
    [portalId, tests.map((t) => t.id)],
  );
  return {
    lessons,
    tests: tests.map((t) => ({ ...t, questions: questions.filter((q) => q.test_id === t.id).map((q) => ({ id: q.id, choices: q.choices ?? [] })) })),
  };
}
