import type { Sql } from '../sql';
import { embedUrlOf } from './embed-url';

/**
 * The API shapes of courses (TRAINING-API.md), read for one person: the catalogue's summaries with their progress,
 * a course with its lessons and tests (never the correct answers), and the authoring view (with them).
 */

export const ATTEMPT_GRACE_MS = 30_000;

export interface MyCourseProgress {
  lessonsDone: number;
  bestScorePct: number | null;
  passed: boolean;
  dueAt: string | null;
  overdue: boolean;
  certificateId: string | null;
}

export interface CourseRow {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  roles: string[];
  source: string;
  locale: string;
  archived: boolean;
  customized: boolean;
  updated_at: Date;
  lessons_total: number;
  tests_total: number;
  lessons_done: number;
  best_score_pct: number | null;
  best_score: number | null;
  max_score: number;
  certificate_id: string | null;
  passed_at: Date | null;
  due_at: Date | null;
  user_id: string;
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Course summaries for a page of (course, person) pairs, set-based (one pass per kind of fact, only over the page).
 * `prefix` is SQL opening a WITH whose last CTE is `page(course_id, user_id, ord, …)` (CTE names starting `sum_` are this function's); every column of the page comes
 * back too (so it must not name columns `id`, `title`… of the course: use `hit_title`, `user_name`…). Per pair:
 * lessons done, the best graded score of each test summed (points) and averaged over all the course's tests (untried
 * tests as 0; null before any graded attempt), the certificate, and the earliest due date of the person's active
 * enrolments in the course. Rows in `ord` order.
 */
export function summarySql(prefix: string): string {
  return `${prefix},
  sum_done AS (
    SELECT p.user_id, p.course_id, count(*)::int AS n
      FROM page p JOIN tr_lessons l ON l.course_id = p.course_id JOIN tr_lesson_progress lp ON lp.lesson_id = l.id AND lp.user_id = p.user_id
     GROUP BY p.user_id, p.course_id),
  sum_test AS (
    SELECT p.user_id, p.course_id, max(a.score_pct) AS pct, max(a.score) AS score
      FROM page p JOIN tr_tests t ON t.course_id = p.course_id JOIN tr_attempts a ON a.test_id = t.id AND a.user_id = p.user_id AND a.status <> 'open'
     GROUP BY p.user_id, p.course_id, t.id),
  sum_best AS (SELECT user_id, course_id, sum(pct)::int AS pct, sum(score)::int AS score FROM sum_test GROUP BY user_id, course_id),
  sum_due AS (
    SELECT p.user_id, p.course_id, min(e.due_at) AS due_at
      FROM page p JOIN tr_assignments a ON a.course_id = p.course_id JOIN tr_enrolments e ON e.assignment_id = a.id AND e.user_id = p.user_id AND e.active
     GROUP BY p.user_id, p.course_id)
  SELECT c.id, c.code, c.title, c.summary, c.roles, c.source, c.locale, c.archived, c.customized, c.updated_at,
         c.lessons_total, c.tests_total, c.questions_total AS max_score,
         coalesce(sum_done.n, 0) AS lessons_done,
         CASE WHEN sum_best.user_id IS NULL OR c.tests_total = 0 THEN NULL ELSE floor(sum_best.pct::numeric / c.tests_total)::int END AS best_score_pct,
         sum_best.score AS best_score,
         x.id AS certificate_id, x.issued_at AS passed_at, sum_due.due_at, p.*
    FROM page p
    JOIN tr_courses c ON c.id = p.course_id
    LEFT JOIN sum_done ON sum_done.user_id = p.user_id AND sum_done.course_id = p.course_id
    LEFT JOIN sum_best ON sum_best.user_id = p.user_id AND sum_best.course_id = p.course_id
    LEFT JOIN sum_due ON sum_due.user_id = p.user_id AND sum_due.course_id = p.course_id
    LEFT JOIN tr_certificates x ON x.course_id = p.course_id AND x.user_id = p.user_id
   ORDER BY p.ord`;
}

export function myProgress(r: CourseRow, now: Date): MyCourseProgress {
  const passed = !!r.certificate_id;
  return {
    lessonsDone: r.lessons_done,
    bestScorePct: r.best_score_pct,
    passed,
    dueAt: iso(r.due_at),
    overdue: !!r.due_at && !passed && new Date(r.due_at).getTime() < now.getTime(),
    certificateId: r.certificate_id,
  };
}

export function courseSummary(r: CourseRow, now: Date) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    summary: r.summary,
    roles: r.roles,
    source: r.source,
    archived: r.archived,
    lessonsTotal: r.lessons_total,
    testsTotal: r.tests_total,
    updatedAt: iso(r.updated_at),
    my: myProgress(r, now),
  };
}

/** A course by id or code on the portal, with the person's summary; null when there is none. */
export async function courseRow(sql: Sql, portalId: string, userId: string, idOrCode: string): Promise<CourseRow | null> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  const [row] = await sql.query<CourseRow>(
    summarySql(`WITH page AS (SELECT c.id AS course_id, $2::uuid AS user_id, 1 AS ord FROM tr_courses c WHERE c.portal_id = $1 AND ${byId ? 'c.id = $3::uuid' : 'c.code = $3'})`),
    [portalId, userId, byId ? idOrCode.toLowerCase() : idOrCode],
  );
  return row ?? null;
}

interface LessonRow {
  id: string;
  code: string;
  position: number;
  title: string;
  material: string;
  video_url: string | null;
  attachments: { name: string; url: string }[];
  help_for: { pipeline: string; stage: string; rule: string | null }[];
  done: boolean;
}

interface TestRow {
  id: string;
  code: string;
  position: number;
  title: string;
  pass_pct: number;
  max_attempts: number | null;
  time_limit_minutes: number | null;
  shuffle: boolean;
  questions_total: number;
  attempts_used: number;
  best_score_pct: number | null;
  passed: boolean;
  open_id: string | null;
  open_started_at: Date | null;
  open_deadline_at: Date | null;
}

export async function lessonsOf(sql: Sql, portalId: string, courseId: string, userId: string) {
  const rows = await sql.query<LessonRow>(
    `SELECT l.id, l.code, l.position, l.title, l.material, l.video_url, l.attachments,
            coalesce((SELECT json_agg(json_build_object('pipeline', h.pipeline, 'stage', h.stage, 'rule', h.rule) ORDER BY h.position)
                        FROM tr_lesson_help h WHERE h.lesson_id = l.id), '[]') AS help_for,
            EXISTS (SELECT 1 FROM tr_lesson_progress p WHERE p.lesson_id = l.id AND p.user_id = $3) AS done
       FROM tr_lessons l WHERE l.portal_id = $1 AND l.course_id = $2 ORDER BY l.position`,
    [portalId, courseId, userId],
  );
  return rows.map((l) => ({
    id: l.id,
    code: l.code,
    position: l.position,
    title: l.title,
    material: l.material,
    videoUrl: l.video_url,
    embedUrl: embedUrlOf(l.video_url),
    attachments: l.attachments,
    helpFor: l.help_for,
    done: l.done,
  }));
}

export async function testsOf(sql: Sql, portalId: string, courseId: string, userId: string, now: Date) {
  const rows = await sql.query<TestRow>(
    `SELECT t.id, t.code, t.position, t.title, t.pass_pct, t.max_attempts, t.time_limit_minutes, t.shuffle,
            (SELECT count(*)::int FROM tr_questions q WHERE q.test_id = t.id) AS questions_total,
            (SELECT count(*)::int FROM tr_attempts a WHERE a.test_id = t.id AND a.user_id = $3) AS attempts_used,
            (SELECT max(a.score_pct) FROM tr_attempts a WHERE a.test_id = t.id AND a.user_id = $3 AND a.status <> 'open') AS best_score_pct,
            EXISTS (SELECT 1 FROM tr_attempts a WHERE a.test_id = t.id AND a.user_id = $3 AND a.passed) AS passed,
            o.id AS open_id, o.started_at AS open_started_at, o.deadline_at AS open_deadline_at
       FROM tr_tests t
       LEFT JOIN LATERAL (SELECT a.id, a.started_at, a.deadline_at FROM tr_attempts a
                           WHERE a.test_id = t.id AND a.user_id = $3 AND a.status = 'open'
                             AND (a.deadline_at IS NULL OR a.deadline_at + make_interval(secs => $4) >= $5)
                           ORDER BY a.started_at DESC LIMIT 1) o ON true
      WHERE t.portal_id = $1 AND t.course_id = $2 ORDER BY t.position`,
    [portalId, courseId, userId, ATTEMPT_GRACE_MS / 1000, now],
  );
  return rows.map((t) => ({
    id: t.id,
    code: t.code,
    position: t.position,
    title: t.title,
    passPct: t.pass_pct,
    attempts: t.max_attempts,
    timeLimitMinutes: t.time_limit_minutes,
    shuffle: t.shuffle,
    questionsTotal: t.questions_total,
    attemptsUsed: t.attempts_used,
    attemptsLeft: t.max_attempts === null ? null : Math.max(0, t.max_attempts - t.attempts_used),
    bestScorePct: t.best_score_pct,
    passed: t.passed,
    openAttempt: t.open_id ? { id: t.open_id, startedAt: iso(t.open_started_at), deadlineAt: iso(t.open_deadline_at) } : null,
  }));
}

/** The authoring view's questions of a course's tests, with the correct flags. */
export async function questionsWithAnswers(sql: Sql, portalId: string, testIds: string[]) {
  const rows = await sql.query<{ id: string; test_id: string; position: number; text: string; multiple: boolean; choices: { id: string; text: string; correct: boolean }[] }>(
    `SELECT q.id, q.test_id, q.position, q.text, q.multiple,
            coalesce((SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'correct', c.correct) ORDER BY c.position) FROM tr_choices c WHERE c.question_id = q.id), '[]') AS choices
       FROM tr_questions q WHERE q.portal_id = $1 AND q.test_id = ANY($2::uuid[]) ORDER BY q.test_id, q.position`,
    [portalId, testIds],
  );
  const byTest = new Map<string, { id: string; position: number; text: string; multiple: boolean; choices: { id: string; text: string; correct: boolean }[] }[]>();
  for (const r of rows) {
    const list = byTest.get(r.test_id) ?? [];
    list.push({ id: r.id, position: r.position, text: r.text, multiple: r.multiple, choices: r.choices });
    byTest.set(r.test_id, list);
  }
  return byTest;
}
