import type { PluginServices } from '@portal/plugin-sdk';
import { headOf } from '../people';
import type { Sql } from '../sql';
import { asLocale } from '../training-context';
import type { Locale } from '../training-context';

/**
 * Overdue training: an active enrolment past its due date whose course the person has not passed (and which is
 * not archived) raises one in-portal notification (kind `training.overdue`) to the trainee and one to their head,
 * then is marked (`notified_at`), so each (assignment, person) is told once. The dedupe keys make a retry after a
 * crash between the notice and the mark harmless. Rows are claimed with FOR UPDATE SKIP LOCKED: several workers
 * share the work and never send a notice twice.
 */

const TAG: Record<Locale, string> = { uk: 'uk-UA', ru: 'ru-RU', en: 'en-GB' };

export function formatDate(at: Date, locale: Locale, timezone: string): string {
  try {
    return new Intl.DateTimeFormat(TAG[locale], { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

const TEXTS: Record<Locale, { trainee: (course: string, due: string) => string; head: (person: string, course: string, due: string) => string }> = {
  uk: {
    trainee: (course, due) => `Навчання прострочено: курс «${course}» треба було пройти до ${due}.`,
    head: (person, course, due) => `${person} не пройшов(ла) курс «${course}» до ${due}: навчання прострочено.`,
  },
  ru: {
    trainee: (course, due) => `Обучение просрочено: курс «${course}» нужно было пройти до ${due}.`,
    head: (person, course, due) => `${person} не прошёл(ла) курс «${course}» до ${due}: обучение просрочено.`,
  },
  en: {
    trainee: (course, due) => `Training overdue: the course "${course}" was due by ${due}.`,
    head: (person, course, due) => `${person} has not completed the course "${course}" due by ${due}: training overdue.`,
  },
};

export const OVERDUE_KIND = 'training.overdue';

interface OverdueRow {
  assignment_id: string;
  user_id: string;
  user_name: string;
  user_locale: string | null;
  due_at: Date;
  course_title: string;
}

/** Notifies (at most `max` of) the portal's newly overdue enrolments as of `now`; returns how many. Inside a transaction. */
export async function notifyOverdue(sql: Sql, services: PluginServices, portalId: string, now: Date, max = 100): Promise<number> {
  const [portal] = await sql.query<{ locale: string; timezone: string }>(`SELECT locale, timezone FROM portals WHERE id = $1`, [portalId]);
  const rows = await sql.query<OverdueRow>(
    `SELECT e.assignment_id, e.user_id, u.name AS user_name, u.locale AS user_locale, e.due_at, c.title AS course_title
       FROM tr_enrolments e
       JOIN tr_assignments a ON a.id = e.assignment_id
       JOIN tr_courses c ON c.id = a.course_id AND NOT c.archived
       JOIN users u ON u.id = e.user_id AND u.active AND u.deleted_at IS NULL
      WHERE e.portal_id = $1 AND e.active AND e.notified_at IS NULL AND e.due_at < $2
        AND NOT EXISTS (SELECT 1 FROM tr_certificates x WHERE x.course_id = a.course_id AND x.user_id = e.user_id)
      ORDER BY e.due_at, e.assignment_id, e.user_id
      LIMIT $3
      FOR UPDATE OF e SKIP LOCKED`,
    [portalId, now, max],
  );
  for (const r of rows) {
    const key = `training.overdue:${r.assignment_id}:${r.user_id}`;
    const mine = asLocale(r.user_locale ?? portal.locale);
    await services.notify({ userId: r.user_id, kind: OVERDUE_KIND, level: 'warning', text: TEXTS[mine].trainee(r.course_title, formatDate(r.due_at, mine, portal.timezone)), dedupeKey: key });
    const head = await headOf(sql, portalId, r.user_id);
    if (head) {
      const theirs = asLocale(head.locale ?? portal.locale);
      await services.notify({ userId: head.id, kind: OVERDUE_KIND, level: 'warning', text: TEXTS[theirs].head(r.user_name, r.course_title, formatDate(r.due_at, theirs, portal.timezone)), dedupeKey: key });
    }
    await sql.query(`UPDATE tr_enrolments SET notified_at = $3 WHERE assignment_id = $1 AND user_id = $2`, [r.assignment_id, r.user_id, now]);
  }
  return rows.length;
}
