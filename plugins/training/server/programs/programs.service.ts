import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '@portal/plugin-sdk';
import { iso, summarySql } from '../content/course-views';
import type { CourseRow } from '../content/course-views';
import { Problems, body, decodeOffset, isDateTime, isRealDate, onlyKeys, optionalUuid, pageOf, parseLimit, queryBool, queryParam, text } from '../input';
import { headedDepartments, isHeadOf, knownRoles } from '../people';
import { isUuid } from '../sql';
import type { Sql } from '../sql';
import { TrainingContext } from '../training-context';
import { syncEnrolments } from './enrolments';

interface AssignmentRow {
  id: string;
  course_id: string;
  course_title: string;
  role: string | null;
  department_id: string | null;
  department_name: string | null;
  user_id: string | null;
  user_name: string | null;
  due_at: Date;
  created_at: Date;
  created_by: string | null;
  enrolled: number;
  passed: number;
  overdue: number;
}

type ProgressRow = CourseRow & { user_id: string; user_name: string; department_id: string | null; department_name: string | null };

/**
 * Programs: assigning a course to a role, a department (with its sub-departments) or a person by a due date; each
 * person's progress; and the heads' view of their people, overdue first. Admins see and assign everything; a head
 * their own people and departments (not whole roles); everyone their own progress.
 */
@Injectable()
export class ProgramsService {
  constructor(private readonly ctx: TrainingContext) {}

  private get sql(): Sql {
    return this.ctx.sql;
  }

  /** Enrolments as of now: of one person (their own views), or of the whole portal (the heads' views). */
  private sync(userId: string | null = null): Promise<unknown> {
    return this.ctx.db.transaction(() => syncEnrolments(this.sql, this.ctx.portalId(), this.ctx.now(), userId));
  }

  // ---- assignments -------------------------------------------------------------------------------------

  private requireAssigner(): void {
    if (!this.ctx.isAdmin() && !this.ctx.isHead()) throw new ForbiddenError('Only admins and heads assign training');
  }

  /** A head may touch an assignment of one of their people or of a department they head (or below it). */
  private async mayManage(target: { role: string | null; department_id: string | null; user_id: string | null }): Promise<boolean> {
    if (this.ctx.isAdmin()) return true;
    if (!this.ctx.isHead() || target.role) return false;
    const me = this.ctx.userId();
    if (target.user_id) return isHeadOf(this.sql, this.ctx.portalId(), me, target.user_id);
    return !!target.department_id && (await headedDepartments(this.sql, this.ctx.portalId(), me)).includes(target.department_id);
  }

  /** A due date: an ISO timestamp with an offset, or a date (the end of that day in the portal's time zone). */
  private async dueAt(v: unknown, p: Problems): Promise<Date | undefined> {
    if (v === undefined || v === null) {
      p.add('dueAt', 'is required');
      return undefined;
    }
    if (isDateTime(v)) return new Date(v);
    if (isRealDate(v)) {
      const [row] = await this.sql.query<{ at: Date }>(
        `SELECT ((($2::date + 1)::timestamp AT TIME ZONE p.timezone) - interval '1 second') AS at FROM portals p WHERE p.id = $1`,
        [this.ctx.portalId(), v],
      );
      return new Date(row.at);
    }
    p.add('dueAt', 'must be an ISO 8601 timestamp with an offset, or a date YYYY-MM-DD');
    return undefined;
  }

  async assign(raw: unknown) {
    this.requireAssigner();
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['courseId', 'role', 'departmentId', 'userId', 'dueAt'], p);
    const portalId = this.ctx.portalId();
    const now = this.ctx.now();
    const courseRef = text(b['courseId'], 'courseId', 100, p, { required: true });
    const role = text(b['role'], 'role', 63, p);
    const departmentId = optionalUuid(b['departmentId'], 'departmentId', p, 'a department');
    const userId = optionalUuid(b['userId'], 'userId', p, 'a user');
    const given = (['role', 'departmentId', 'userId'] as const).filter((k) => b[k] !== undefined && b[k] !== null);
    if (given.length === 0) p.add('role', 'give exactly one target: role, departmentId or userId');
    for (const k of given.slice(1)) p.add(k, 'give exactly one target: role, departmentId or userId');
    const due = await this.dueAt(b['dueAt'], p);
    if (due && due.getTime() <= now.getTime()) p.add('dueAt', 'must be in the future');
    let courseId: string | undefined;
    if (courseRef) {
      const [course] = await this.sql.query<{ id: string; archived: boolean }>(
        `SELECT id, archived FROM tr_courses WHERE portal_id = $1 AND ${isUuid(courseRef) ? 'id = $2::uuid' : 'code = $2'}`,
        [portalId, isUuid(courseRef) ? courseRef.toLowerCase() : courseRef],
      );
      if (!course) p.add('courseId', 'is not a course of this portal (give its id or code)');
      else if (course.archived) p.add('courseId', 'is archived');
      else courseId = course.id;
    }
    if (role && !(await knownRoles(this.sql, portalId)).has(role)) p.add('role', 'is not a role of this portal');
    if (departmentId && !(await this.sql.query(`SELECT 1 FROM departments WHERE portal_id = $1 AND id = $2`, [portalId, departmentId])).length) p.add('departmentId', 'is not a department of this portal');
    if (userId && !(await this.sql.query(`SELECT 1 FROM users WHERE portal_id = $1 AND id = $2 AND active AND deleted_at IS NULL`, [portalId, userId])).length) p.add('userId', 'is not an active user of this portal');
    p.throwIfAny();
    const dueAt = due as Date;
    const target = { role: role ?? null, department_id: departmentId ?? null, user_id: userId ?? null };
    if (!(await this.mayManage(target))) {
      throw new ForbiddenError(target.role ? 'Only admins assign training to a whole role' : 'A head assigns training only to their own people and departments');
    }
    const id = await this.ctx.db.transaction(async () => {
      await this.sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-enrolments:${portalId}`]);
      const [same] = await this.sql.query<{ id: string; due_at: Date }>(
        `SELECT id, due_at FROM tr_assignments WHERE portal_id = $1 AND course_id = $2
            AND role IS NOT DISTINCT FROM $3 AND department_id IS NOT DISTINCT FROM $4::uuid AND user_id IS NOT DISTINCT FROM $5::uuid`,
        [portalId, courseId, target.role, target.department_id, target.user_id],
      );
      if (same) {
        // A retried request gets the assignment it made; a different due date for the same target is a conflict.
        if (new Date(same.due_at).getTime() === dueAt.getTime()) return same.id;
        throw new ConflictError('assignment_exists', 'This course is already assigned to this target (with another due date): delete that assignment first', [{ id: same.id }]);
      }
      const [row] = await this.sql.query<{ id: string }>(
        `INSERT INTO tr_assignments (portal_id, course_id, role, department_id, user_id, due_at, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [portalId, courseId, target.role, target.department_id, target.user_id, dueAt, now, this.ctx.userId()],
      );
      await syncEnrolments(this.sql, portalId, now);
      return row.id;
    });
    return this.assignmentView(id);
  }

  private assignmentsSql(where: string): string {
    return `SELECT a.id, a.course_id, c.title AS course_title, a.role, a.department_id, d.name AS department_name, a.user_id, u.name AS user_name,
                   a.due_at, a.created_at, a.created_by,
                   (SELECT count(*)::int FROM tr_enrolments e WHERE e.assignment_id = a.id AND e.active) AS enrolled,
                   (SELECT count(*)::int FROM tr_enrolments e JOIN tr_certificates x ON x.course_id = a.course_id AND x.user_id = e.user_id
                     WHERE e.assignment_id = a.id AND e.active) AS passed,
                   (SELECT count(*)::int FROM tr_enrolments e WHERE e.assignment_id = a.id AND e.active AND e.due_at < $2
                       AND NOT EXISTS (SELECT 1 FROM tr_certificates x WHERE x.course_id = a.course_id AND x.user_id = e.user_id)) AS overdue
              FROM tr_assignments a
              JOIN tr_courses c ON c.id = a.course_id
              LEFT JOIN departments d ON d.id = a.department_id
              LEFT JOIN users u ON u.id = a.user_id
             WHERE a.portal_id = $1 AND ${where}`;
  }

  private view(r: AssignmentRow) {
    return {
      id: r.id,
      courseId: r.course_id,
      courseTitle: r.course_title,
      role: r.role,
      departmentId: r.department_id,
      departmentName: r.department_name,
      userId: r.user_id,
      userName: r.user_name,
      dueAt: iso(r.due_at),
      createdAt: iso(r.created_at),
      createdBy: r.created_by,
      enrolled: r.enrolled,
      passed: r.passed,
      overdue: r.overdue,
    };
  }

  private async assignmentView(id: string) {
    const [row] = await this.sql.query<AssignmentRow>(this.assignmentsSql('a.id = $3'), [this.ctx.portalId(), this.ctx.now(), id]);
    if (!row) throw new NotFoundError('Assignment', id);
    return this.view(row);
  }

  async listAssignments(query: Record<string, unknown>) {
    this.requireAssigner();
    const p = new Problems();
    const courseId = queryParam(query['courseId']);
    if (courseId !== undefined && !isUuid(courseId)) p.add('courseId', 'must be a course id (a UUID)');
    const limit = parseLimit(query['limit'], p);
    const offset = decodeOffset(query['cursor'], p);
    p.throwIfAny();
    await this.sync();
    const portalId = this.ctx.portalId();
    const headed = this.ctx.isAdmin() ? null : await headedDepartments(this.sql, portalId, this.ctx.userId());
    const rows = await this.sql.query<AssignmentRow>(
      `${this.assignmentsSql(`($3::uuid IS NULL OR a.course_id = $3)
          AND ($4::uuid[] IS NULL OR (a.role IS NULL AND (a.department_id = ANY($4) OR a.user_id IN (SELECT id FROM users WHERE portal_id = $1 AND department_id = ANY($4)))))`)}
        ORDER BY a.created_at DESC, a.id DESC LIMIT $5 OFFSET $6`,
      [portalId, this.ctx.now(), courseId ?? null, headed, limit + 1, offset],
    );
    const page = pageOf(rows, limit, offset);
    return { items: page.items.map((r) => this.view(r)), nextCursor: page.nextCursor };
  }

  async unassign(id: string) {
    this.requireAssigner();
    if (!isUuid(id)) throw new NotFoundError('Assignment', id);
    const portalId = this.ctx.portalId();
    const [row] = await this.sql.query(`SELECT id, role, department_id, user_id FROM tr_assignments WHERE portal_id = $1 AND id = $2`, [portalId, id.toLowerCase()]);
    if (!row) throw new NotFoundError('Assignment', id);
    if (!(await this.mayManage(row))) throw new ForbiddenError('A head removes only assignments of their own people and departments');
    await this.sql.returning(`DELETE FROM tr_assignments WHERE portal_id = $1 AND id = $2`, [portalId, row.id]);
    return { id: row.id, deleted: true };
  }

  // ---- progress ----------------------------------------------------------------------------------------

  private progressView(r: ProgressRow, now: Date) {
    const passed = !!r.certificate_id;
    return {
      userId: r.user_id,
      userName: r.user_name,
      courseId: r.id,
      courseTitle: r.title,
      lessonsDone: r.lessons_done,
      lessonsTotal: r.lessons_total,
      testsTotal: r.tests_total,
      bestScore: r.best_score,
      maxScore: r.max_score,
      bestScorePct: r.best_score_pct,
      passed,
      passedAt: iso(r.passed_at),
      dueAt: iso(r.due_at),
      overdue: !!r.due_at && !passed && new Date(r.due_at).getTime() < now.getTime(),
      certificateId: r.certificate_id,
    };
  }

  /**
   * Progress rows of (person, course) pairs, overdue first, then the earliest due, then by name and title. `pairs` is
   * SQL (CTEs ending in \`pairs(user_id, course_id)\` and \`people(id, name, department_id)\`) over \`params\`, where
   * $1 is the portal and $3 "now"; the page is picked on the sort keys alone, and the summaries are computed for
   * its rows only. `overdueOnly`, `limit` and `offset` are appended as parameters.
   */
  private async progressRows(pairs: string, params: unknown[], opts: { courseId: string | null; overdueOnly: boolean; limit: number; offset: number }): Promise<ProgressRow[]> {
    const n = params.length;
    const late = `(k.due_at IS NOT NULL AND NOT k.passed AND k.due_at < $3)`;
    const order = `${late} DESC, k.due_at NULLS LAST, lower(k.user_name), lower(k.title), k.course_id, k.user_id`;
    return this.sql.query<ProgressRow>(
      summarySql(`${pairs},
       keyed AS (
         SELECT c.id AS course_id, c.title, pr.user_id, pe.name AS user_name, pe.department_id, ed.due_at, x.id IS NOT NULL AS passed
           FROM pairs pr
           JOIN people pe ON pe.id = pr.user_id
           JOIN tr_courses c ON c.id = pr.course_id AND c.portal_id = $1
           LEFT JOIN (SELECT e.user_id, a.course_id, min(e.due_at) AS due_at FROM tr_enrolments e JOIN tr_assignments a ON a.id = e.assignment_id
                       WHERE e.portal_id = $1 AND e.active AND e.user_id IN (SELECT id FROM people) GROUP BY e.user_id, a.course_id) ed
             ON ed.user_id = pr.user_id AND ed.course_id = c.id
           LEFT JOIN tr_certificates x ON x.course_id = c.id AND x.user_id = pr.user_id
          WHERE ($${n + 1}::uuid IS NULL OR c.id = $${n + 1}::uuid)
       ),
       page AS (
         SELECT k.course_id, k.user_id, row_number() OVER (ORDER BY ${order}) AS ord, k.user_name, k.department_id, d.name AS department_name
           FROM keyed k LEFT JOIN departments d ON d.id = k.department_id
          WHERE (NOT $${n + 2}::boolean OR ${late})
          ORDER BY ${order} LIMIT $${n + 3} OFFSET $${n + 4}
       )`),
      [...params, opts.courseId, opts.overdueOnly, opts.limit + 1, opts.offset],
    );
  }

  /** One person's courses (assigned to them, or started): their own, or — for admins and their heads — someone's. */
  async progress(query: Record<string, unknown>) {
    const p = new Problems();
    const userId = queryParam(query['userId']);
    const courseId = queryParam(query['courseId']);
    if (userId !== undefined && !isUuid(userId)) p.add('userId', 'must be a user id (a UUID)');
    if (courseId !== undefined && !isUuid(courseId)) p.add('courseId', 'must be a course id (a UUID)');
    const limit = parseLimit(query['limit'], p);
    const offset = decodeOffset(query['cursor'], p);
    p.throwIfAny();
    const portalId = this.ctx.portalId();
    const who = userId?.toLowerCase() ?? this.ctx.userId();
    if (!(await this.sql.query(`SELECT 1 FROM users WHERE portal_id = $1 AND id = $2`, [portalId, who])).length) throw new NotFoundError('User', who);
    if (!(await this.ctx.maySee(who))) throw new ForbiddenError('Only admins and their heads see someone else’s training');
    await this.sync(who);
    const now = this.ctx.now();
    const rows = await this.progressRows(
      `WITH people AS (SELECT id, name, department_id FROM users WHERE portal_id = $1 AND id = $2),
       pairs AS (
         SELECT $2::uuid AS user_id, a.course_id FROM tr_enrolments e JOIN tr_assignments a ON a.id = e.assignment_id WHERE e.portal_id = $1 AND e.user_id = $2 AND e.active
         UNION SELECT $2::uuid, l.course_id FROM tr_lesson_progress lp JOIN tr_lessons l ON l.id = lp.lesson_id WHERE lp.portal_id = $1 AND lp.user_id = $2
         UNION SELECT $2::uuid, t.course_id FROM tr_attempts a JOIN tr_tests t ON t.id = a.test_id WHERE a.portal_id = $1 AND a.user_id = $2
         UNION SELECT $2::uuid, course_id FROM tr_certificates WHERE portal_id = $1 AND user_id = $2
       )`,
      [portalId, who, now],
      { courseId: courseId?.toLowerCase() ?? null, overdueOnly: false, limit, offset },
    );
    const page = pageOf(rows, limit, offset);
    return { items: page.items.map((r) => this.progressView(r, now)), nextCursor: page.nextCursor };
  }

  /** The heads' view: every (person, course) assigned or started among the people the caller leads (admins: everyone). */
  async teamProgress(query: Record<string, unknown>) {
    if (!this.ctx.isAdmin() && !this.ctx.isHead()) throw new ForbiddenError('Only admins and heads see their team’s training');
    const p = new Problems();
    const departmentId = queryParam(query['departmentId']);
    const courseId = queryParam(query['courseId']);
    const userId = queryParam(query['userId']);
    if (departmentId !== undefined && !isUuid(departmentId)) p.add('departmentId', 'must be a department id (a UUID)');
    if (courseId !== undefined && !isUuid(courseId)) p.add('courseId', 'must be a course id (a UUID)');
    if (userId !== undefined && !isUuid(userId)) p.add('userId', 'must be a user id (a UUID)');
    const overdueOnly = queryBool(query['overdue'], 'overdue', p) ?? false;
    const limit = parseLimit(query['limit'], p);
    const offset = decodeOffset(query['cursor'], p);
    p.throwIfAny();
    const portalId = this.ctx.portalId();
    const me = this.ctx.userId();
    if (departmentId && !(await this.sql.query(`SELECT 1 FROM departments WHERE portal_id = $1 AND id = $2`, [portalId, departmentId])).length) {
      throw ValidationFailedError.field('departmentId', 'is not a department of this portal');
    }
    const headed = this.ctx.isAdmin() ? null : await headedDepartments(this.sql, portalId, me);
    if (departmentId && headed && !headed.includes(departmentId.toLowerCase())) throw new ForbiddenError('A head sees only the departments they head');
    await this.sync();
    const now = this.ctx.now();
    const rows = await this.progressRows(
      `WITH RECURSIVE below AS (
         SELECT id FROM departments WHERE portal_id = $1 AND id = $4::uuid
         UNION SELECT d.id FROM departments d JOIN below b ON d.parent_id = b.id WHERE d.portal_id = $1
       ),
       people AS (
         SELECT u.id, u.name, u.department_id FROM users u
          WHERE u.portal_id = $1 AND u.active AND u.deleted_at IS NULL
            AND ($2::uuid[] IS NULL OR u.department_id = ANY($2))
            AND ($4::uuid IS NULL OR u.department_id IN (SELECT id FROM below))
            AND ($5::uuid IS NULL OR u.id = $5)
       ),
       pairs AS (
         SELECT e.user_id, a.course_id FROM tr_enrolments e JOIN tr_assignments a ON a.id = e.assignment_id
          WHERE e.portal_id = $1 AND e.active AND e.user_id IN (SELECT id FROM people)
         UNION SELECT lp.user_id, l.course_id FROM tr_lesson_progress lp JOIN tr_lessons l ON l.id = lp.lesson_id WHERE lp.portal_id = $1 AND lp.user_id IN (SELECT id FROM people)
         UNION SELECT a.user_id, t.course_id FROM tr_attempts a JOIN tr_tests t ON t.id = a.test_id WHERE a.portal_id = $1 AND a.user_id IN (SELECT id FROM people)
         UNION SELECT x.user_id, x.course_id FROM tr_certificates x WHERE x.portal_id = $1 AND x.user_id IN (SELECT id FROM people)
       )`,
      [portalId, headed, now, departmentId?.toLowerCase() ?? null, userId?.toLowerCase() ?? null],
      { courseId: courseId?.toLowerCase() ?? null, overdueOnly, limit, offset },
    );
    const page = pageOf(rows, limit, offset);
    return {
      items: page.items.map((r) => {
        const v = this.progressView(r, now);
        return {
          userId: v.userId,
          userName: v.userName,
          departmentId: r.department_id,
          departmentName: r.department_name,
          courseId: v.courseId,
          courseTitle: v.courseTitle,
          lessonsDone: v.lessonsDone,
          lessonsTotal: v.lessonsTotal,
          bestScorePct: v.bestScorePct,
          passed: v.passed,
          passedAt: v.passedAt,
          dueAt: v.dueAt,
          overdue: v.overdue,
          certificateId: v.certificateId,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
