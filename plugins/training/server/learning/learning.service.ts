import { Injectable } from '@nestjs/common';
import { NotFoundError, UnprocessableError } from '@portal/plugin-sdk';
import { ATTEMPT_GRACE_MS } from '../content/course-views';
import { CoursesService } from '../content/courses.service';
import { Problems, at, body, isObject, list, onlyKeys, optionalUuid } from '../input';
import { isUuid } from '../sql';
import type { Sql } from '../sql';
import { TrainingContext } from '../training-context';
import { evaluateCompletion, lockCompletion } from './completion';
import { attemptOrder, grade, prng, randomSeed } from './grading';
import type { Answer, AttemptOrder, QuestionKey, QuestionResult } from './grading';

interface TestRow {
  id: string;
  course_id: string;
  archived: boolean;
  pass_pct: number;
  max_attempts: number | null;
  time_limit_minutes: number | null;
  shuffle: boolean;
}

interface AttemptRow {
  id: string;
  status: 'open' | 'graded' | 'expired';
  question_order: AttemptOrder[];
  started_at: Date;
  deadline_at: Date | null;
  score: number | null;
  max_score: number | null;
  score_pct: number | null;
  passed: boolean;
  results: QuestionResult[] | null;
}

/** The outcome of a transaction that must commit before its error is answered (an expired attempt counts). */
type Outcome<T> = { ok: T } | { error: UnprocessableError };

const MAX_ANSWERS = 500;

/**
 * Taking a course: marking lessons done, starting a test (questions and choices in the attempt's own shuffled
 * order, never with the answers) and submitting answers, graded once. Every step of one person on one test is
 * serialized by an advisory lock and the attempt row is locked, so two concurrent submissions of one attempt grade
 * it once (the second gets the same result back) and attempts are counted exactly. The time limit is enforced here,
 * by the portal's clock (a sandbox's test clock), with 30 s of grace for the network; a late submission is refused
 * and the attempt is closed as failed — it counts.
 */
@Injectable()
export class LearningService {
  constructor(private readonly ctx: TrainingContext) {}

  private get sql(): Sql {
    return this.ctx.sql;
  }

  // ---- lessons -----------------------------------------------------------------------------------------

  async completeLesson(lessonId: string) {
    if (!isUuid(lessonId)) throw new NotFoundError('Lesson', lessonId);
    const portalId = this.ctx.portalId();
    const me = this.ctx.userId();
    const now = this.ctx.now();
    return this.ctx.db.transaction(async () => {
      const [lesson] = await this.sql.query<{ id: string; course_id: string; archived: boolean }>(
        `SELECT l.id, l.course_id, c.archived FROM tr_lessons l JOIN tr_courses c ON c.id = l.course_id WHERE l.portal_id = $1 AND l.id = $2`,
        [portalId, lessonId.toLowerCase()],
      );
      if (!lesson) throw new NotFoundError('Lesson', lessonId);
      CoursesService.assertOpen(lesson.archived);
      await lockCompletion(this.sql, lesson.course_id, me);
      await this.sql.query(`INSERT INTO tr_lesson_progress (lesson_id, user_id, portal_id, done_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [lesson.id, me, portalId, now]);
      const certificateId = await evaluateCompletion(this.sql, portalId, lesson.course_id, me, now);
      const [counts] = await this.sql.query<{ total: number; done: number }>(
        `SELECT count(*)::int AS total, count(p.lesson_id)::int AS done
           FROM tr_lessons l LEFT JOIN tr_lesson_progress p ON p.lesson_id = l.id AND p.user_id = $3 WHERE l.portal_id = $1 AND l.course_id = $2`,
        [portalId, lesson.course_id, me],
      );
      return { lessonId: lesson.id, courseId: lesson.course_id, done: true, lessonsDone: counts.done, lessonsTotal: counts.total, passed: !!certificateId, certificateId };
    });
  }

  // ---- tests -------------------------------------------------------------------------------------------

  private async lockedTest(testId: string): Promise<TestRow> {
    const portalId = this.ctx.portalId();
    await this.sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tr-attempt:${testId}:${this.ctx.userId()}`]);
    const [test] = await this.sql.query<TestRow>(
      `SELECT t.id, t.course_id, c.archived, t.pass_pct, t.max_attempts, t.time_limit_minutes, t.shuffle
         FROM tr_tests t JOIN tr_courses c ON c.id = t.course_id WHERE t.portal_id = $1 AND t.id = $2`,
      [portalId, testId],
    );
    if (!test) throw new NotFoundError('Test', testId);
    CoursesService.assertOpen(test.archived);
    return test;
  }

  private async keys(testId: string): Promise<Map<string, QuestionKey>> {
    const rows = await this.sql.query<{ id: string; multiple: boolean; choices: { id: string; correct: boolean }[] }>(
      `SELECT q.id, q.multiple,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'correct', c.correct) ORDER BY c.position) FROM tr_choices c WHERE c.question_id = q.id), '[]') AS choices
         FROM tr_questions q WHERE q.portal_id = $1 AND q.test_id = $2 ORDER BY q.position`,
      [this.ctx.portalId(), testId],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async attemptsUsed(testId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM tr_attempts WHERE portal_id = $1 AND test_id = $2 AND user_id = $3`, [this.ctx.portalId(), testId, this.ctx.userId()]);
    return row.n;
  }

  private isLate(a: Pick<AttemptRow, 'deadline_at'>, now: Date): boolean {
    return !!a.deadline_at && now.getTime() > new Date(a.deadline_at).getTime() + ATTEMPT_GRACE_MS;
  }

  /** Closes a late attempt as failed (it counts as used). */
  private async expire(a: AttemptRow, now: Date): Promise<void> {
    await this.sql.returning(
      `UPDATE tr_attempts SET status = 'expired', finished_at = $3, score = 0, max_score = $4, score_pct = 0, passed = false WHERE portal_id = $1 AND id = $2 AND status = 'open'`,
      [this.ctx.portalId(), a.id, now, a.question_order.length],
    );
  }

  private timeLimitExceeded(a: AttemptRow): UnprocessableError {
    return new UnprocessableError('time_limit_exceeded', 'The time limit of this attempt has passed: it is closed as failed and counts as used', [
      { attemptId: a.id, deadlineAt: a.deadline_at ? new Date(a.deadline_at).toISOString() : null },
    ]);
  }

  private noAttemptsLeft(test: TestRow): UnprocessableError {
    return new UnprocessableError('no_attempts_left', `All ${test.max_attempts} attempts of this test are used`, [{ testId: test.id, attempts: test.max_attempts }]);
  }

  private async openAttempt(testId: string): Promise<AttemptRow | null> {
    const [row] = await this.sql.query<AttemptRow>(
      `SELECT id, status, question_order, started_at, deadline_at, score, max_score, score_pct, passed, results FROM tr_attempts
        WHERE portal_id = $1 AND test_id = $2 AND user_id = $3 AND status = 'open' ORDER BY started_at DESC LIMIT 1 FOR UPDATE`,
      [this.ctx.portalId(), testId, this.ctx.userId()],
    );
    return row ?? null;
  }

  private async newAttempt(test: TestRow, keys: Map<string, QuestionKey>, now: Date, shuffle: boolean): Promise<AttemptRow> {
    const order = attemptOrder([...keys.values()], shuffle, prng(randomSeed()));
    const deadline = test.time_limit_minutes ? new Date(now.getTime() + test.time_limit_minutes * 60_000) : null;
    const [row] = await this.sql.query<AttemptRow>(
      `INSERT INTO tr_attempts (portal_id, test_id, user_id, status, question_order, started_at, deadline_at)
       VALUES ($1, $2, $3, 'open', $4::jsonb, $5, $6)
       RETURNING id, status, question_order, started_at, deadline_at, score, max_score, score_pct, passed, results`,
      [this.ctx.portalId(), test.id, this.ctx.userId(), JSON.stringify(order), now, deadline],
    );
    return row;
  }

  /** The attempt's questions in its own order, without the answers. */
  private async attemptView(testId: string, a: AttemptRow) {
    const ids = a.question_order.map((o) => o.q);
    const rows = await this.sql.query<{ id: string; text: string; multiple: boolean; choices: { id: string; text: string }[] }>(
      `SELECT q.id, q.text, q.multiple,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'text', c.text) ORDER BY c.position) FROM tr_choices c WHERE c.question_id = q.id), '[]') AS choices
         FROM tr_questions q WHERE q.portal_id = $1 AND q.id = ANY($2::uuid[])`,
      [this.ctx.portalId(), ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const questions = a.question_order.flatMap((o) => {
      const q = byId.get(o.q);
      if (!q) return [];
      const rank = (id: string) => (o.c.includes(id) ? o.c.indexOf(id) : o.c.length);
      const choices = [...q.choices].sort((x, y) => rank(x.id) - rank(y.id)).map((c) => ({ id: c.id, text: c.text }));
      return [{ id: q.id, text: q.text, multiple: q.multiple, choices }];
    });
    return {
      attemptId: a.id,
      testId,
      startedAt: new Date(a.started_at).toISOString(),
      deadlineAt: a.deadline_at ? new Date(a.deadline_at).toISOString() : null,
      questions,
    };
  }

  /** Starts an attempt, or hands back the open one (`resumed`). */
  async start(testId: string): Promise<{ resumed: boolean; attempt: Awaited<ReturnType<LearningService['attemptView']>> }> {
    if (!isUuid(testId)) throw new NotFoundError('Test', testId);
    const id = testId.toLowerCase();
    const now = this.ctx.now();
    const outcome: Outcome<{ resumed: boolean; attempt: AttemptRow }> = await this.ctx.db.transaction(async () => {
      const test = await this.lockedTest(id);
      const open = await this.openAttempt(id);
      if (open && !this.isLate(open, now)) return { ok: { resumed: true, attempt: open } };
      if (open) await this.expire(open, now);
      if (test.max_attempts !== null && (await this.attemptsUsed(id)) >= test.max_attempts) return { error: this.noAttemptsLeft(test) };
      const keys = await this.keys(id);
      if (!keys.size) return { error: new UnprocessableError('test_has_no_questions', 'This test has no questions yet') };
      return { ok: { resumed: false, attempt: await this.newAttempt(test, keys, now, test.shuffle) } };
    });
    if ('error' in outcome) throw outcome.error;
    return { resumed: outcome.ok.resumed, attempt: await this.attemptView(id, outcome.ok.attempt) };
  }

  private readAnswers(raw: unknown): { answers: Answer[]; attemptId?: string } {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['answers', 'attemptId'], p);
    const attemptId = optionalUuid(b['attemptId'], 'attemptId', p, 'an attempt');
    const answers: Answer[] = [];
    const seen = new Set<string>();
    (list(b['answers'], 'answers', MAX_ANSWERS, p, { required: true }) ?? []).forEach((a, i) => {
      const path = at('answers', i);
      if (!isObject(a)) {
        p.add(path, 'must be an object {questionId, choiceIds}');
        return;
      }
      onlyKeys(a, ['questionId', 'choiceIds'], p, path);
      const questionId = a['questionId'];
      if (!isUuid(questionId)) p.add(at(path, 'questionId'), 'must be a question id (a UUID)');
      else if (seen.has(questionId.toLowerCase())) p.add(at(path, 'questionId'), 'the same question is answered twice');
      else seen.add(questionId.toLowerCase());
      const choiceIds = a['choiceIds'];
      if (!Array.isArray(choiceIds) || choiceIds.length > 50 || !choiceIds.every(isUuid)) p.add(at(path, 'choiceIds'), 'must be an array of choice ids (UUIDs)');
      if (isUuid(questionId) && Array.isArray(choiceIds) && choiceIds.every(isUuid)) answers.push({ questionId: questionId.toLowerCase(), choiceIds: choiceIds.map((c: string) => c.toLowerCase()) });
    });
    p.throwIfAny();
    return { answers, ...(attemptId ? { attemptId } : {}) };
  }

  /** Answers must name the attempt's questions and each question's own choices (one for a single-choice question). */
  private checkAnswers(answers: Answer[], order: AttemptOrder[], keys: Map<string, QuestionKey>): void {
    const p = new Problems();
    const inAttempt = new Set(order.map((o) => o.q));
    answers.forEach((a, i) => {
      const key = inAttempt.has(a.questionId) ? keys.get(a.questionId) : undefined;
      if (!key) {
        p.add(at(at('answers', i), 'questionId'), 'is not a question of this attempt');
        return;
      }
      const chosen = [...new Set(a.choiceIds)];
      const unknown = chosen.filter((c) => !key.choices.some((k) => k.id === c));
      if (unknown.length) p.add(at(at('answers', i), 'choiceIds'), `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a choice' : 'are not choices'} of this question`);
      else if (!key.multiple && chosen.length > 1) p.add(at(at('answers', i), 'choiceIds'), 'a single-choice question takes one choice');
    });
    p.throwIfAny();
  }

  private async gradeView(test: TestRow, a: AttemptRow) {
    const used = await this.attemptsUsed(test.id);
    const [cert] = await this.sql.query<{ id: string }>(`SELECT id FROM tr_certificates WHERE portal_id = $1 AND course_id = $2 AND user_id = $3`, [
      this.ctx.portalId(),
      test.course_id,
      this.ctx.userId(),
    ]);
    return {
      attemptId: a.id,
      testId: test.id,
      score: a.score ?? 0,
      maxScore: a.max_score ?? 0,
      scorePct: a.score_pct ?? 0,
      passed: a.passed,
      attemptsLeft: test.max_attempts === null ? null : Math.max(0, test.max_attempts - used),
      passPct: test.pass_pct,
      certificateId: cert?.id ?? null,
      results: a.results ?? [],
    };
  }

  /** Grades answers: of `attemptId`, else of the open attempt, else (no time limit) of an attempt started and graded at once. */
  async submit(testId: string, raw: unknown) {
    if (!isUuid(testId)) throw new NotFoundError('Test', testId);
    const id = testId.toLowerCase();
    const input = this.readAnswers(raw);
    const now = this.ctx.now();
    const portalId = this.ctx.portalId();
    const me = this.ctx.userId();
    const outcome: Outcome<Awaited<ReturnType<LearningService['gradeView']>>> = await this.ctx.db.transaction(async () => {
      const test = await this.lockedTest(id);
      let attempt: AttemptRow | null;
      if (input.attemptId) {
        attempt =
          (
            await this.sql.query<AttemptRow>(
          `SELECT id, status, question_order, started_at, deadline_at, score, max_score, score_pct, passed, results FROM tr_attempts
            WHERE portal_id = $1 AND id = $2 AND test_id = $3 AND user_id = $4 FOR UPDATE`,
              [portalId, input.attemptId, id, me],
            )
          )[0] ?? null;
        if (!attempt) throw new NotFoundError('Attempt', input.attemptId);
        // Graded already (a retry, or a concurrent submission that won): the same result again.
        if (attempt.status === 'graded') return { ok: await this.gradeView(test, attempt) };
        if (attempt.status === 'expired') return { error: this.timeLimitExceeded(attempt) };
      } else {
        attempt = await this.openAttempt(id);
      }
      const keys = await this.keys(id);
      if (!attempt) {
        if (test.time_limit_minutes) {
          return { error: new UnprocessableError('attempt_not_started', 'This test has a time limit: start it first (POST /training/tests/:id/start), then submit the answers') };
        }
        if (test.max_attempts !== null && (await this.attemptsUsed(id)) >= test.max_attempts) return { error: this.noAttemptsLeft(test) };
        if (!keys.size) return { error: new UnprocessableError('test_has_no_questions', 'This test has no questions yet') };
        attempt = await this.newAttempt(test, keys, now, false);
      }
      if (this.isLate(attempt, now)) {
        await this.expire(attempt, now);
        return { error: this.timeLimitExceeded(attempt) };
      }
      this.checkAnswers(input.answers, attempt.question_order, keys);
      const g = grade(attempt.question_order, keys, input.answers, test.pass_pct);
      if (g.passed) await lockCompletion(this.sql, test.course_id, me);
      const [graded] = await this.sql.returning<AttemptRow>(
        `UPDATE tr_attempts SET status = 'graded', finished_at = $3, answers = $4::jsonb, results = $5::jsonb, score = $6, max_score = $7, score_pct = $8, passed = $9
          WHERE portal_id = $1 AND id = $2
          RETURNING id, status, question_order, started_at, deadline_at, score, max_score, score_pct, passed, results`,
        [portalId, attempt.id, now, JSON.stringify(input.answers), JSON.stringify(g.results), g.score, g.maxScore, g.scorePct, g.passed],
      );
      if (g.passed) await evaluateCompletion(this.sql, portalId, test.course_id, me, now);
      return { ok: await this.gradeView(test, graded) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.ok;
  }
}
