import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '@portal/plugin-sdk';
import { Problems, at, decodeOffset, pageOf, parseLimit, queryBool, queryParam } from '../input';
import { evaluateCompletion } from '../learning/completion';
import { LearningService } from '../learning/learning.service';
import { knownRoles } from '../people';
import { syncEnrolments } from '../programs/enrolments';
import { tsqueryOf } from '../search/search-index';
import { snippet } from '../search/search-text';
import type { Sql } from '../sql';
import { TrainingContext } from '../training-context';
import { firstFreeCode, slugOf } from './course-code';
import { readCourse } from './course-input';
import type { CourseDraft } from './course-input';
import { existingItems, writeCourse } from './course-store';
import type { ExistingCourse } from './course-store';
import { courseRow, courseSummary, lessonsOf, myProgress, questionsWithAnswers, summarySql, testsOf } from './course-views';
import type { CourseRow } from './course-views';

/** The catalogue (with search), a course as a trainee sees it, and the admins' authoring of courses. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly ctx: TrainingContext,
    private readonly learning: LearningService,
  ) {}

  private get sql(): Sql {
    return this.ctx.sql;
  }

  /** The caller's enrolments as of now (a person created a moment ago sees what their role was assigned). */
  private sync(): Promise<unknown> {
    return this.ctx.db.transaction(() => syncEnrolments(this.sql, this.ctx.portalId(), this.ctx.now(), this.ctx.userId()));
  }

  // ---- catalogue ---------------------------------------------------------------------------------------

  async list(query: Record<string, unknown>) {
    const p = new Problems();
    const q = queryParam(query['q'])?.trim();
    if (q && q.length > 200) p.add('q', 'must be at most 200 characters');
    const role = queryParam(query['role']);
    const assigned = queryBool(query['assigned'], 'assigned', p) ?? false;
    const archived = queryBool(query['includeArchived'], 'includeArchived', p) ?? false;
    const limit = parseLimit(query['limit'], p);
    const offset = decodeOffset(query['cursor'], p);
    p.throwIfAny();
    const portalId = this.ctx.portalId();
    if (role !== undefined && !(await knownRoles(this.sql, portalId)).has(role)) p.add('role', 'is not a role of this portal');
    if (archived && !this.ctx.isAdmin()) throw new ForbiddenError('Only admins see archived courses');
    p.throwIfAny();
    await this.sync();
    const now = this.ctx.now();
    const params: unknown[] = [portalId, this.ctx.userId(), role ?? null, assigned, archived, limit + 1, offset];
    const filters = `c.portal_id = $1 AND ($5::boolean OR NOT c.archived) AND ($3::text IS NULL OR cardinality(c.roles) = 0 OR $3::text = ANY(c.roles))`;
    // The caller's earliest due date per course: the first sort key of the catalogue, and the `assigned` filter.
    const myDue = `my_due AS (SELECT a.course_id, min(e.due_at) AS due_at FROM tr_enrolments e JOIN tr_assignments a ON a.id = e.assignment_id
                               WHERE e.portal_id = $1 AND e.user_id = $2 AND e.active GROUP BY a.course_id)`;
    const search = q ? tsqueryOf(q, params.length + 1) : null;
    if (q && !search) return { items: [], nextCursor: null };
    // The page is picked on the sort keys alone; the summaries (progress, scores…) are computed for its rows only.
    if (!search) {
      const order = `(d.due_at IS NULL), d.due_at, lower(c.title), c.id`;
      const rows = await this.sql.query<CourseRow>(
        summarySql(`WITH ${myDue},
          page AS (
            SELECT c.id AS course_id, $2::uuid AS user_id, row_number() OVER (ORDER BY ${order}) AS ord
              FROM tr_courses c LEFT JOIN my_due d ON d.course_id = c.id
             WHERE ${filters} AND (NOT $4::boolean OR d.due_at IS NOT NULL)
             ORDER BY ${order} LIMIT $6 OFFSET $7)`),
        params,
      );
      const page = pageOf(rows, limit, offset);
      return { items: page.items.map((r) => courseSummary(r, now)), nextCursor: page.nextCursor };
    }
    // Each hit's best document is cut to 20 000 characters for its snippet (cut around its first match).
    const order = `b.rank DESC, lower(c.title), c.id`;
    const rows = await this.sql.query<CourseRow & { hit_lesson_id: string | null; hit_title: string; hit_body: string }>(
      summarySql(`WITH ${myDue},
        q AS (SELECT ${search.match} AS q, ${search.rank} AS r),
        hits AS (
          SELECT DISTINCT ON (s.course_id) s.course_id, s.lesson_id, s.title, s.body, ts_rank(s.tsv, q.r) AS rank
            FROM tr_search s, q WHERE s.portal_id = $1 AND s.tsv @@ q.q
           ORDER BY s.course_id, ts_rank(s.tsv, q.r) DESC, s.lesson_id NULLS FIRST
        ),
        page AS (
          SELECT c.id AS course_id, $2::uuid AS user_id, row_number() OVER (ORDER BY ${order}) AS ord,
                 b.lesson_id AS hit_lesson_id, b.title AS hit_title, left(b.body, 20000) AS hit_body
            FROM hits b JOIN tr_courses c ON c.id = b.course_id LEFT JOIN my_due d ON d.course_id = c.id
           WHERE ${filters} AND (NOT $4::boolean OR d.due_at IS NOT NULL)
           ORDER BY ${order} LIMIT $6 OFFSET $7)`),
      [...params, ...search.params],
    );
    const page = pageOf(rows, limit, offset);
    return {
      items: page.items.map((r) => ({
        ...courseSummary(r, now),
        match: { lessonId: r.hit_lesson_id, title: r.hit_title, snippet: snippet(r.hit_body || r.hit_title, search.words) },
      })),
      nextCursor: page.nextCursor,
    };
  }

  // ---- one course --------------------------------------------------------------------------------------

  private async row(idOrCode: string): Promise<CourseRow> {
    const row = await courseRow(this.sql, this.ctx.portalId(), this.ctx.userId(), idOrCode);
    if (!row) throw new NotFoundError('Course', idOrCode);
    return row;
  }

  async get(idOrCode: string, opts: { questions?: boolean } = {}) {
    await this.sync();
    const portalId = this.ctx.portalId();
    const me = this.ctx.userId();
    const now = this.ctx.now();
    let row = await this.row(idOrCode);
    const lessons = await lessonsOf(this.sql, portalId, row.id, me);
    const tests = await testsOf(this.sql, portalId, row.id, me, now);
    // Everything done yet no certificate (the course lost a lesson or a test since): passing is recorded now.
    if (!row.certificate_id && lessons.length + tests.length > 0 && lessons.every((l) => l.done) && tests.every((t) => t.passed)) {
      await this.ctx.db.transaction(() => evaluateCompletion(this.sql, portalId, row.id, me, now));
      row = await this.row(row.id);
    }
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      summary: row.summary,
      roles: row.roles,
      source: row.source,
      locale: row.locale,
      archived: row.archived,
      updatedAt: new Date(row.updated_at).toISOString(),
      lessons,
      tests: opts.questions === false ? tests : await this.withQuestions(tests),
      my: myProgress(row, now),
    };
  }

  /**
   * The tests with their questions (API.md), never the answers. A timed test's questions come with a running attempt:
   * the open one, or one started now for someone who has not passed and has attempts left — the clock runs from the
   * moment the questions are shown, so reading them first and starting later gains no time. Other tests show their
   * questions in the authored order; answering them without a started attempt grades at once.
   */
  private async withQuestions(tests: Awaited<ReturnType<typeof testsOf>>) {
    const plain = await questionsWithAnswers(this.sql, this.ctx.portalId(), tests.map((t) => t.id));
    const out = [];
    for (const t of tests) {
      const timedTurn = t.timeLimitMinutes !== null && !t.passed && (t.attemptsLeft === null || t.attemptsLeft > 0) && t.questionsTotal > 0;
      if (t.openAttempt || timedTurn) {
        try {
          const { attempt } = await this.learning.start(t.id);
          out.push({ ...t, openAttempt: { id: attempt.attemptId, startedAt: attempt.startedAt, deadlineAt: attempt.deadlineAt }, questions: attempt.questions });
          continue;
        } catch (e) {
          if (!(e instanceof UnprocessableError)) throw e;
        }
      }
      const questions = (plain.get(t.id) ?? []).map((q) => ({ id: q.id, text: q.text, multiple: q.multiple, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) }));
      out.push({ ...t, questions });
    }
    return out;
  }


  /** The editor's view: the course with every question and its correct flags (admins). */
  async editView(idOrCode: string) {
    this.ctx.requireAdmin('edit courses');
    const course = await this.get(idOrCode);
    const questions = await questionsWithAnswers(this.sql, this.ctx.portalId(), course.tests.map((t) => t.id));
    const [extra] = await this.sql.query<{ customized: boolean }>(`SELECT customized FROM tr_courses WHERE portal_id = $1 AND id = $2`, [this.ctx.portalId(), course.id]);
    return {
      ...course,
      customized: extra?.customized ?? false,
      tests: course.tests.map((t) => ({ ...t, questions: questions.get(t.id) ?? [] })),
    };
  }

  // ---- authoring ---------------------------------------------------------------------------------------

  private async readDraft(raw: unknown, existing: ExistingCourse | null): Promise<CourseDraft> {
    const portalId = this.ctx.portalId();
    const settings = await this.ctx.settings();
    const p = new Problems();
    const draft = readCourse(raw, p, { mode: 'portal', defaultPassPct: settings.defaultPassPct, roles: await knownRoles(this.sql, portalId) });
    this.checkIds(draft, existing, p);
    await this.resolveHelp(draft, p);
    p.throwIfAny();
    return draft;
  }

  /** Ids in a body keep items: each must be an item of this course (of that test, of that question). */
  private checkIds(draft: CourseDraft, existing: ExistingCourse | null, p: Problems): void {
    const lessonIds = new Set(existing?.lessons.map((l) => l.id));
    draft.lessons.forEach((l, i) => {
      if (l.id && !lessonIds.has(l.id)) p.add(at(at('lessons', i), 'id'), existing ? 'is not a lesson of this course' : 'ids are only given to keep items of an existing course (PUT)');
    });
    draft.tests.forEach((t, ti) => {
      const tp = at('tests', ti);
      const test = t.id ? existing?.tests.find((x) => x.id === t.id) : undefined;
      if (t.id && !test) p.add(at(tp, 'id'), existing ? 'is not a test of this course' : 'ids are only given to keep items of an existing course (PUT)');
      t.questions.forEach((q, qi) => {
        const qp = at(at(tp, 'questions'), qi);
        const question = q.id ? test?.questions.find((x) => x.id === q.id) : undefined;
        if (q.id && !question) p.add(at(qp, 'id'), 'is not a question of this test');
        q.choices.forEach((c, ci) => {
          if (c.id && !question?.choices.includes(c.id)) p.add(at(at(at(qp, 'choices'), ci), 'id'), 'is not a choice of this question');
        });
      });
    });
  }

  /** `helpFor` names pipelines and stages by id or code; stored by code (what a refused move reports). */
  private async resolveHelp(draft: CourseDraft, p: Problems): Promise<void> {
    const refs = draft.lessons.flatMap((l) => l.helpFor);
    if (!refs.length) return;
    const rows = await this.sql.query<{ id: string; code: string; stage_id: string | null; stage_code: string | null }>(
      `SELECT p.id, p.code, s.id AS stage_id, s.code AS stage_code FROM pipelines p LEFT JOIN stages s ON s.pipeline_id = p.id WHERE p.portal_id = $1`,
      [this.ctx.portalId()],
    );
    for (const h of refs) {
      if (!h.pipeline || !h.stage) continue;
      const pipeline = rows.find((r) => r.id === h.pipeline.toLowerCase() || r.code === h.pipeline);
      if (!pipeline) {
        p.add(at(h.path, 'pipeline'), 'is not a pipeline of this portal (give its id or code)');
        continue;
      }
      const stage = rows.find((r) => r.id === pipeline.id && r.stage_id && (r.stage_id === h.stage.toLowerCase() || r.stage_code === h.stage));
      if (!stage) {
        p.add(at(h.path, 'stage'), `is not a stage of the pipeline ${pipeline.code} (give its id or code)`);
        continue;
      }
      h.pipeline = pipeline.code;
      h.stage = stage.stage_code ?? h.stage;
    }
  }

  private async codeFor(draft: CourseDraft, current: string | null): Promise<string> {
    const portalId = this.ctx.portalId();
    if (draft.code) {
      if (draft.code === current) return current;
      const [taken] = await this.sql.query(`SELECT id FROM tr_courses WHERE portal_id = $1 AND code = $2`, [portalId, draft.code]);
      if (taken) throw new ConflictError('code_taken', `Another course already has the code "${draft.code}"`, [{ field: 'code', id: taken.id }]);
      return draft.code;
    }
    if (current) return current;
    const base = slugOf(draft.title);
    const taken = await this.sql.query<{ code: string }>(`SELECT code FROM tr_courses WHERE portal_id = $1 AND (code = $2 OR code LIKE $3)`, [portalId, base, `${base}-%`]);
    return firstFreeCode(base, new Set(taken.map((r) => r.code)));
  }

  async create(raw: unknown) {
    this.ctx.requireAdmin('author courses');
    const draft = await this.readDraft(raw, null);
    const portalId = this.ctx.portalId();
    const portal = await this.ctx.portal();
    const id = await this.ctx.db.transaction(async () => {
      // One author at a time per portal picks a code, so two courses of one title get two codes.
      await this.sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-courses:${portalId}`]);
      const code = await this.codeFor(draft, null);
      return writeCourse(this.sql, portalId, draft, { source: 'portal', code, locale: draft.locale ?? portal.locale, now: this.ctx.now(), createdBy: this.ctx.userId() });
    });
    return this.editView(id);
  }

  async update(idOrCode: string, raw: unknown) {
    this.ctx.requireAdmin('edit courses');
    const portalId = this.ctx.portalId();
    const course = await this.row(idOrCode);
    const draft = await this.readDraft(raw, await existingItems(this.sql, portalId, course.id));
    await this.ctx.db.transaction(async () => {
      await this.sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-courses:${portalId}`]);
      const [locked] = await this.sql.query<{ code: string; source: string; locale: string }>(`SELECT code, source, locale FROM tr_courses WHERE portal_id = $1 AND id = $2 FOR UPDATE`, [portalId, course.id]);
      if (!locked) throw new NotFoundError('Course', idOrCode);
      const code = await this.codeFor(draft, locked.code);
      await writeCourse(this.sql, portalId, draft, { courseId: course.id, source: locked.source, code, locale: draft.locale ?? locked.locale, now: this.ctx.now(), customized: locked.source !== 'portal' });
    });
    return this.editView(course.id);
  }

  /** Archives (never deletes): hidden from the catalogue; progress and certificates stay. Idempotent. */
  async archive(idOrCode: string) {
    this.ctx.requireAdmin('archive courses');
    const course = await this.row(idOrCode);
    await this.sql.returning(`UPDATE tr_courses SET archived = true, updated_at = $3 WHERE portal_id = $1 AND id = $2 AND NOT archived`, [this.ctx.portalId(), course.id, this.ctx.now()]);
    return { id: course.id, archived: true };
  }

  /** Brings an archived course back into the catalogue. Idempotent. */
  async restore(idOrCode: string) {
    this.ctx.requireAdmin('restore courses');
    const course = await this.row(idOrCode);
    await this.sql.returning(`UPDATE tr_courses SET archived = false, updated_at = $3 WHERE portal_id = $1 AND id = $2 AND archived`, [this.ctx.portalId(), course.id, this.ctx.now()]);
    return { id: course.id, archived: false };
  }

  /** The course a lesson or test belongs to must be open for learning. */
  static assertOpen(archived: boolean): void {
    if (archived) throw new UnprocessableError('course_archived', 'This course is archived: it can be read, but no longer taken');
  }
}
