import { newCertificateCode } from '../certificates/certificate-code';
import type { Sql } from '../sql';

/**
 * Serializes what can complete a course for a person (a lesson done, a test passed) until the transaction ends: taken
 * before those writes, so the second of two concurrent steps sees the first one's row and issues the certificate.
 */
export async function lockCompletion(sql: Sql, courseId: string, userId: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-complete:${courseId}:${userId}`]);
}

/**
 * A course is passed when every lesson is done and every test passed (a course needs at least one of either). The
 * first time that holds, a certificate is issued — once per person and course (unique), with a fresh verification
 * code, the person's name and the course title as they are now, and the score: the floor of the average of the
 * person's best score in each test (100 for a course without tests). Passing is a fact that stays: later edits of
 * the course do not take a certificate away.
 */
export async function evaluateCompletion(sql: Sql, portalId: string, courseId: string, userId: string, now: Date): Promise<string | null> {
  const [state] = await sql.query<{ certificate_id: string | null; lessons_total: number; lessons_done: number; tests_total: number; tests_passed: number; score_pct: number | null }>(
    `SELECT (SELECT id FROM tr_certificates WHERE course_id = c.id AND user_id = $3) AS certificate_id,
            (SELECT count(*)::int FROM tr_lessons l WHERE l.course_id = c.id) AS lessons_total,
            (SELECT count(*)::int FROM tr_lessons l JOIN tr_lesson_progress p ON p.lesson_id = l.id AND p.user_id = $3 WHERE l.course_id = c.id) AS lessons_done,
            (SELECT count(*)::int FROM tr_tests t WHERE t.course_id = c.id) AS tests_total,
            (SELECT count(*)::int FROM tr_tests t WHERE t.course_id = c.id AND EXISTS (SELECT 1 FROM tr_attempts a WHERE a.test_id = t.id AND a.user_id = $3 AND a.passed)) AS tests_passed,
            (SELECT floor(avg(b.best))::int FROM (SELECT (SELECT max(a.score_pct) FROM tr_attempts a WHERE a.test_id = t.id AND a.user_id = $3 AND a.status <> 'open') AS best
                                                    FROM tr_tests t WHERE t.course_id = c.id) b) AS score_pct
       FROM tr_courses c WHERE c.portal_id = $1 AND c.id = $2`,
    [portalId, courseId, userId],
  );
  if (!state) return null;
  if (state.certificate_id) return state.certificate_id;
  if (state.lessons_total + state.tests_total === 0 || state.lessons_done < state.lessons_total || state.tests_passed < state.tests_total) return null;
  const score = state.tests_total ? (state.score_pct ?? 0) : 100;
  for (let tries = 0; tries < 5; tries++) {
    // ON CONFLICT with no target: the (course, person) certificate another request just issued, or a code collision.
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO tr_certificates (portal_id, course_id, user_id, code, issued_at, user_name, course_title, score_pct)
       SELECT $1, c.id, u.id, $4, $5, u.name, c.title, $6 FROM tr_courses c, users u
        WHERE c.portal_id = $1 AND c.id = $2 AND u.portal_id = $1 AND u.id = $3
       ON CONFLICT DO NOTHING RETURNING id`,
      [portalId, courseId, userId, newCertificateCode(), now, score],
    );
    if (row) return row.id;
    const [existing] = await sql.query<{ id: string }>(`SELECT id FROM tr_certificates WHERE course_id = $1 AND user_id = $2`, [courseId, userId]);
    if (existing) return existing.id;
  }
  throw new Error('could not find a free certificate code');
}
