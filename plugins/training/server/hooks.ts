import type { PluginQueryContext, RefusalHelp, StageRefusal } from '@portal/plugin-sdk';
import { isUuid, sqlOf } from './sql';

/**
 * What the training plugin tells the core (manifest hooks; the core calls them only where the plugin is installed).
 */

const MAX_HELP = 5;

/**
 * Help for a refused stage move: lessons tagged for that pipeline and stage — for the refused rule, or for any rule
 * of the stage (a tag without one) — of courses in the catalogue; at most five, the lessons of courses assigned to
 * the person first, then by course and lesson order.
 */
export async function refusalHelp(ctx: PluginQueryContext, refusal: StageRefusal): Promise<RefusalHelp[]> {
  const sql = sqlOf(ctx.query);
  const rows = await sql.query<{ course_id: string; lesson_id: string; title: string }>(
    `SELECT DISTINCT ON (l.id) c.id AS course_id, l.id AS lesson_id, l.title,
            EXISTS (SELECT 1 FROM tr_enrolments e JOIN tr_assignments a ON a.id = e.assignment_id
                     WHERE a.course_id = c.id AND e.user_id = $5::uuid AND e.active) AS assigned,
            lower(c.title) AS course_title, l.position
       FROM tr_lesson_help h
       JOIN tr_lessons l ON l.id = h.lesson_id
       JOIN tr_courses c ON c.id = l.course_id AND NOT c.archived
      WHERE h.portal_id = $1 AND h.pipeline = $2 AND h.stage = $3 AND (h.rule IS NULL OR h.rule = $4)
      ORDER BY l.id`,
    [ctx.portalId, refusal.pipeline, refusal.stage, refusal.rule, isUuid(refusal.userId) ? refusal.userId : null],
  );
  return (rows as { course_id: string; lesson_id: string; title: string; assigned: boolean; course_title: string; position: number }[])
    .sort((a, b) => Number(b.assigned) - Number(a.assigned) || a.course_title.localeCompare(b.course_title) || a.position - b.position)
    .slice(0, MAX_HELP)
    .map((r) => ({ courseId: r.course_id, lessonId: r.lesson_id, title: r.title }));
}

/** Which of `userIds` have passed the course (hold its certificate): a pipeline's assignment pool gate. */
export async function coursePassers(ctx: PluginQueryContext, courseId: string, userIds: string[]): Promise<string[]> {
  if (!isUuid(courseId) || !userIds.length) return [];
  const rows = await sqlOf(ctx.query).query<{ user_id: string }>(
    `SELECT user_id FROM tr_certificates WHERE portal_id = $1 AND course_id = $2 AND user_id = ANY($3::uuid[])`,
    [ctx.portalId, courseId.toLowerCase(), userIds.filter(isUuid)],
  );
  return rows.map((r) => r.user_id);
}
