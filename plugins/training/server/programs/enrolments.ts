import type { Sql } from '../sql';

/**
 * Materializes who each assignment covers (`tr_enrolments`): a person holding the role, a member of the department
 * or of any of its sub-departments, or the person named. Someone who matches for the first time is enrolled now,
 * with the assignment's time allowance: due = enrolled + (assignment due − assignment created), never before the
 * assignment's own due date. Someone who no longer matches (role taken away, moved, deactivated) is set inactive —
 * kept, so coming back restores the original due date and an overdue notice is never sent twice.
 *
 * Runs on reads that show due dates — for the one person when the read is about them (so a person created a moment
 * ago sees their courses at once), for the whole portal in the heads' views — and in the background sweep (so
 * overdue notices reach people who never open the training section). Only rows that change are written. Serialized
 * per portal by an advisory lock, so it must run inside a transaction.
 */
export async function syncEnrolments(sql: Sql, portalId: string, now: Date, userId: string | null = null): Promise<{ added: number; reactivated: number; deactivated: number }> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-enrolments:${portalId}`]);
  const [row] = await sql.query<{ added: number; reactivated: number; deactivated: number }>(
    `WITH RECURSIVE tree AS (
       SELECT a.id AS assignment_id, a.department_id AS department_id FROM tr_assignments a WHERE a.portal_id = $1 AND a.department_id IS NOT NULL
       UNION
       SELECT t.assignment_id, d.id FROM tree t JOIN departments d ON d.parent_id = t.department_id WHERE d.portal_id = $1
     ),
     matches AS (
       SELECT a.id AS assignment_id, u.id AS user_id, a.due_at, a.created_at
         FROM tr_assignments a
         JOIN users u ON u.portal_id = a.portal_id AND u.active AND u.deleted_at IS NULL AND ($3::uuid IS NULL OR u.id = $3::uuid)
        WHERE a.portal_id = $1
          AND (a.user_id = u.id OR a.role = ANY(u.roles)
               OR EXISTS (SELECT 1 FROM tree t WHERE t.assignment_id = a.id AND t.department_id = u.department_id))
     ),
     mine AS (
       SELECT e.assignment_id, e.user_id, e.active FROM tr_enrolments e WHERE e.portal_id = $1 AND ($3::uuid IS NULL OR e.user_id = $3::uuid)
     ),
     added AS (
       INSERT INTO tr_enrolments (assignment_id, user_id, portal_id, enrolled_at, due_at)
       SELECT m.assignment_id, m.user_id, $1, $2::timestamptz, greatest(m.due_at, $2::timestamptz + (m.due_at - m.created_at))
         FROM matches m WHERE NOT EXISTS (SELECT 1 FROM mine WHERE mine.assignment_id = m.assignment_id AND mine.user_id = m.user_id)
       ON CONFLICT DO NOTHING
       RETURNING 1
     ),
     back AS (
       UPDATE tr_enrolments e SET active = true
         FROM matches m WHERE e.assignment_id = m.assignment_id AND e.user_id = m.user_id AND NOT e.active
       RETURNING 1
     ),
     gone AS (
       UPDATE tr_enrolments e SET active = false
        WHERE e.portal_id = $1 AND e.active AND ($3::uuid IS NULL OR e.user_id = $3::uuid)
          AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.assignment_id = e.assignment_id AND m.user_id = e.user_id)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM back)::int AS reactivated, (SELECT count(*) FROM gone)::int AS deactivated`,
    [portalId, now, userId],
  );
  return row;
}
