import { Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { TrCertificateCard } from './certificate.card';
import { TrIcon } from './icon';
import { queryParams } from './route-params';
import { SHARED_STYLES } from './styles';
import { countdownText, dateText, msLeft } from './time';
import { CATALOG_ROUTE, COURSE_ROUTE, courseParams, errorCode } from './training';
import type { Attempt, Course, Grade, TestInfo } from './training';
import { WORDS } from './words';

type Phase = 'intro' | 'starting' | 'running' | 'submitting' | 'result' | 'expired' | 'noAttempts';

const LAST_MINUTE_MS = 60_000;

/**
 * A test: the rules, then the questions (one choice or several) under a countdown that turns red in the last
 * minute and hands the answers in by itself at zero; then the result — score, passed or not, each question
 * right or wrong, attempts left, another try, and the certificate once the course is passed.
 */
@Component({
  selector: 'tr-test-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TrIcon, TrCertificateCard],
  template: `
    @if (courseId()) {
      <a class="back" [routerLink]="courseRoute" [queryParams]="courseLink()" data-testid="tr-back-course"><tr-icon name="left" [size]="18" />{{ course()?.title || t('backToCourse') }}</a>
    } @else {
      <a class="back" [routerLink]="catalogRoute" data-testid="tr-back-catalog"><tr-icon name="left" [size]="18" />{{ t('allCourses') }}</a>
    }
    @if (error(); as message) {
      <p class="form-error" role="alert" data-testid="tr-test-error">{{ message }}</p>
    }

    @switch (phase()) {
      @case ('intro') {
        <section class="panel intro" data-testid="tr-test-intro">
          <tr-icon name="quiz" [size]="40" />
          @if (courseLoading()) {
            <mat-progress-bar mode="indeterminate" />
          }
          <h2>{{ test()?.title || t('test') }}</h2>
          @if (test(); as x) {
            <ul class="rules" data-testid="tr-test-rules">
              <li>{{ t('questionsCount', { n: x.questionsTotal }) }}</li>
              <li>{{ t('rulePassMark', { pct: x.passPct }) }}</li>
              <li>{{ x.timeLimitMinutes ? t('timeLimitRule', { n: x.timeLimitMinutes }) : t('noTimeLimitRule') }}</li>
              <li>{{ x.attempts === null ? t('attemptsUnlimited', { used: x.attemptsUsed }) : t('attemptsUsedOf', { used: x.attemptsUsed, max: x.attempts }) }}</li>
              @if (x.bestScorePct !== null) {
                <li>{{ t('ruleBest', { pct: x.bestScorePct }) }}</li>
              }
            </ul>
          }
          <p class="muted small">{{ t('introHint') }}</p>
          <button mat-flat-button type="button" (click)="start()" data-testid="tr-test-begin">
            <tr-icon name="play" /><span>{{ test()?.openAttempt ? t('continueTest') : t('startTest') }}</span>
          </button>
        </section>
      }
      @case ('starting') {
        <mat-progress-bar mode="indeterminate" />
      }
      @case ('noAttempts') {
        <section class="panel outcome failed" data-testid="tr-no-attempts">
          <tr-icon name="warning" [size]="36" />
          <h2>{{ t('noAttemptsTitle') }}</h2>
          <p>{{ t('noAttemptsText') }}</p>
        </section>
      }
      @case ('expired') {
        <section class="panel outcome failed" data-testid="tr-expired">
          <tr-icon name="schedule" [size]="36" />
          <h2>{{ t('timeUpTitle') }}</h2>
          <p>{{ t('timeUpText') }}</p>
          @if (test(); as x) {
            <p class="small">{{ x.attemptsLeft === null ? t('attemptsLeftUnlimited') : t('attemptsLeft', { n: x.attemptsLeft }) }}</p>
          }
          <div class="actions">
            @if (canRetry()) {
              <button mat-flat-button type="button" (click)="start()" data-testid="tr-try-again">{{ t('tryAgain') }}</button>
            }
            @if (courseId()) {
              <a mat-stroked-button [routerLink]="courseRoute" [queryParams]="courseLink()">{{ t('backToCourse') }}</a>
            }
          </div>
        </section>
      }
      @case ('result') {
        @if (grade(); as g) {
          <section class="panel outcome" [class.passed]="g.passed" [class.failed]="!g.passed" data-testid="tr-result" [attr.data-passed]="g.passed">
            <div class="score" data-testid="tr-score">{{ g.scorePct }}&nbsp;%</div>
            <div class="verdict">
              <h2 data-testid="tr-verdict">{{ g.passed ? t('resultPassed') : t('resultFailed') }}</h2>
              <p>{{ t('scoreLine', { score: g.score, max: g.maxScore, pct: g.passPct }) }}</p>
              <p class="small" data-testid="tr-attempts-left">{{ g.attemptsLeft === null ? t('attemptsLeftUnlimited') : t('attemptsLeft', { n: g.attemptsLeft }) }}</p>
            </div>
          </section>
          @if (g.certificateId) {
            <tr-certificate-card class="certificate" [certificateId]="g.certificateId" [title]="t('courseCompleted')" (failed)="failure.set($event)" />
          }
          <div class="actions result-actions">
            @if (!g.passed && canRetry()) {
              <button mat-flat-button type="button" (click)="start()" data-testid="tr-try-again">{{ t('tryAgain') }}</button>
            }
            @if (courseId()) {
              <a mat-stroked-button [routerLink]="courseRoute" [queryParams]="courseLink()" data-testid="tr-result-back">{{ t('backToCourse') }}</a>
            }
          </div>
          <h3 class="review-title">{{ t('review') }}</h3>
          @if (!revealed()) {
            <p class="muted small">{{ t('answersHidden') }}</p>
          }
          <ol class="questions review" data-testid="tr-review">
            @for (q of attempt()?.questions ?? []; track q.id; let i = $index) {
              <li class="question panel" [class.right]="resultOf(q.id)?.correct" [class.wrong]="!resultOf(q.id)?.correct" [attr.data-testid]="'tr-review-' + i" [attr.data-correct]="!!resultOf(q.id)?.correct">
                <div class="q-head">
                  <span class="q-num">{{ t('questionN', { n: i + 1 }) }}</span>
                  @if (resultOf(q.id)?.correct) {
                    <span class="chip ok"><tr-icon name="check" [size]="14" />{{ t('correct') }}</span>
                  } @else {
                    <span class="chip bad"><tr-icon name="close" [size]="14" />{{ t('incorrect') }}</span>
                  }
                </div>
                <p class="q-text">{{ q.text }}</p>
                <ul class="review-choices">
                  @for (c of q.choices; track c.id) {
                    <li [class.chosen]="chosen(q.id, c.id)" [class.key]="revealed() && isCorrectChoice(q.id, c.id)">
                      <tr-icon [name]="mark(q.id, c.id)" [size]="18" />
                      <span>{{ c.text }}</span>
                      @if (chosen(q.id, c.id)) {
                        <span class="muted small">· {{ t('yourAnswer') }}</span>
                      }
                    </li>
                  }
                </ul>
              </li>
            }
          </ol>
        }
      }
      @default {
        @if (attempt(); as a) {
          <div class="runbar" [class.urgent]="urgent()" data-testid="tr-runbar">
            <strong class="run-title">{{ test()?.title || t('test') }}</strong>
            <span class="small answered" data-testid="tr-answered">{{ t('answeredOf', { n: answeredCount(), total: a.questions.length }) }}</span>
            <span class="spacer"></span>
            @if (a.deadlineAt) {
              <span class="countdown" [class.urgent]="urgent()" role="timer" [attr.aria-label]="t('timeLeft')" data-testid="tr-countdown" [attr.data-urgent]="urgent()">
                <tr-icon name="schedule" [size]="18" />{{ countdown() }}
              </span>
            }
            <button mat-flat-button type="button" [disabled]="phase() === 'submitting'" (click)="submit()" data-testid="tr-submit-top">{{ t('submit') }}</button>
          </div>
          @if (phase() === 'submitting') {
            <mat-progress-bar mode="indeterminate" />
            @if (timeUp()) {
              <p class="hint" data-testid="tr-time-up">{{ t('timeUpSubmitting') }}</p>
            }
          }
          <ol class="questions" data-testid="tr-questions">
            @for (q of a.questions; track q.id; let i = $index) {
              <li class="question panel" [attr.data-testid]="'tr-question-' + i" [attr.data-question-id]="q.id">
                <div class="q-head">
                  <span class="q-num">{{ t('questionNofM', { n: i + 1, total: a.questions.length }) }}</span>
                  <span class="muted small">{{ q.multiple ? t('pickSeveral') : t('pickOne') }}</span>
                </div>
                <p class="q-text" [id]="'tr-q-' + q.id">{{ q.text }}</p>
                <div class="choices" [attr.role]="q.multiple ? 'group' : 'radiogroup'" [attr.aria-labelledby]="'tr-q-' + q.id">
                  @for (c of q.choices; track c.id) {
                    <label class="choice" [class.picked]="chosen(q.id, c.id)" [attr.data-testid]="'tr-choice-' + q.id + '-' + c.id">
                      <input
                        [type]="q.multiple ? 'checkbox' : 'radio'"
                        [name]="'q-' + q.id"
                        [checked]="chosen(q.id, c.id)"
                        [disabled]="phase() === 'submitting'"
                        (change)="pick(q.id, c.id, q.multiple, $any($event.target).checked)"
                      />
                      <span>{{ c.text }}</span>
                    </label>
                  }
                </div>
              </li>
            }
          </ol>
          <div class="actions submit-row">
            @if (confirming()) {
              <span class="warn-text" data-testid="tr-unanswered">{{ t('unansweredWarning', { n: a.questions.length - answeredCount() }) }}</span>
              <button mat-flat-button type="button" (click)="submit(true)" data-testid="tr-submit-anyway">{{ t('submitAnyway') }}</button>
              <button mat-button type="button" (click)="confirming.set(false)">{{ t('keepAnswering') }}</button>
            } @else {
              <button mat-flat-button type="button" [disabled]="phase() === 'submitting'" (click)="submit()" data-testid="tr-submit">{{ t('submitAnswers') }}</button>
            }
          </div>
        }
      }
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    .intro { display: flex; flex-direction: column; align-items: flex-start; gap: 8px; max-width: 640px; padding: 24px; }
    .intro mat-progress-bar { align-self: stretch; }
    .intro > tr-icon { color: var(--mat-sys-primary); }
    .rules { margin: 4px 0 8px; padding-left: 20px; line-height: 1.7; }
    .runbar { position: sticky; top: 64px; z-index: 5; max-width: 860px; box-sizing: border-box; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px; margin-bottom: 12px;
      border-radius: 12px; background: var(--mat-sys-surface-container, #eceef4); box-shadow: 0 1px 3px rgb(0 0 0 / 10%); }
    .runbar.urgent { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .run-title { font-size: 15px; }
    .countdown { display: inline-flex; align-items: center; gap: 4px; font-size: 20px; font-weight: 500; font-variant-numeric: tabular-nums; min-width: 72px; }
    .countdown.urgent { color: var(--mat-sys-error); animation: pulse 1s ease-in-out infinite; }
    @keyframes pulse { 50% { opacity: .55; } }
    .questions { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 12px; max-width: 860px; }
    .question { padding: 16px 20px; }
    .q-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; justify-content: space-between; }
    .q-num { font-size: 12px; font-weight: 500; text-transform: uppercase; letter-spacing: .4px; color: var(--mat-sys-primary); }
    .q-text { font-size: 16px; font-weight: 500; margin: 6px 0 12px; line-height: 1.45; }
    .choices { display: flex; flex-direction: column; gap: 6px; }
    .choice { display: flex; align-items: flex-start; gap: 10px; padding: 10px 12px; border-radius: 8px; border: 1px solid var(--mat-sys-outline-variant); cursor: pointer; font-size: 15px; }
    .choice:hover { background: var(--mat-sys-surface-container-low, #f5f5fa); }
    .choice.picked { border-color: var(--mat-sys-primary); background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent); }
    .choice input { margin: 3px 0 0; width: 18px; height: 18px; accent-color: var(--mat-sys-primary); flex: none; }
    .submit-row { margin: 16px 0 8px; }
    .warn-text { color: #6b4a00; background: #fff1d6; padding: 6px 12px; border-radius: 8px; font-size: 14px; }
    .hint { margin: 8px 0; padding: 10px 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .outcome { display: flex; flex-wrap: wrap; align-items: center; gap: 16px 24px; padding: 24px; max-width: 860px; box-sizing: border-box; }
    .outcome h2 { margin: 0 0 4px; }
    .outcome p { margin: 0 0 4px; }
    .outcome.passed { background: #e6f4ea; border-color: #b7dfc2; color: #0f5223; }
    .outcome.failed { background: #fdeeed; border-color: #f3c5c0; color: #5c1410; }
    .outcome > tr-icon { flex: none; }
    .score { font-size: 44px; font-weight: 500; line-height: 1; min-width: 120px; font-variant-numeric: tabular-nums; }
    .verdict { flex: 1 1 260px; }
    .certificate { margin-top: 12px; max-width: 860px; }
    .result-actions { margin: 16px 0; }
    .review-title { margin: 20px 0 4px; }
    .review .question.right { box-shadow: inset 4px 0 #2e7d32; }
    .review .question.wrong { box-shadow: inset 4px 0 var(--mat-sys-error); }
    .review-choices { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    .review-choices li { display: flex; align-items: center; gap: 8px; padding: 6px 10px; border-radius: 8px; font-size: 14px; }
    .review-choices li tr-icon { color: var(--mat-sys-outline); }
    .review-choices li.chosen { background: var(--mat-sys-surface-container); font-weight: 500; }
    .review-choices li.key tr-icon { color: #2e7d32; }
    .review .wrong .review-choices li.chosen:not(.key) tr-icon { color: var(--mat-sys-error); }
    @media (max-width: 600px) {
      .runbar { top: 56px; }
      .question { padding: 14px; }
      .score { font-size: 36px; min-width: 0; }
    }
    `,
  ],
})
export class TestPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  private readonly query = queryParams();
  protected readonly catalogRoute = CATALOG_ROUTE;
  protected readonly courseRoute = COURSE_ROUTE;

  protected readonly testId = computed(() => this.query().get('id') ?? '');
  protected readonly courseId = computed(() => this.query().get('course') ?? '');
  protected readonly courseLink = computed(() => courseParams(this.courseId()));

  protected readonly phase = signal<Phase>('intro');
  protected readonly course = signal<Course | null>(null);
  protected readonly test = computed<TestInfo | null>(() => this.course()?.tests.find((x) => x.id === this.testId() || x.code === this.testId()) ?? null);
  protected readonly attempt = signal<Attempt | null>(null);
  /** Chosen choice ids by question id. */
  protected readonly answers = signal<Record<string, string[]>>({});
  protected readonly grade = signal<Grade | null>(null);
  protected readonly confirming = signal(false);
  protected readonly timeUp = signal(false);
  protected readonly courseLoading = signal(false);
  protected readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));

  private readonly now = signal(Date.now());
  private ticker: ReturnType<typeof setInterval> | null = null;

  protected readonly remaining = computed(() => {
    const deadline = this.attempt()?.deadlineAt;
    return deadline ? msLeft(deadline, this.now()) : null;
  });
  protected readonly countdown = computed(() => countdownText(this.remaining() ?? 0));
  protected readonly urgent = computed(() => {
    const left = this.remaining();
    return left !== null && left <= LAST_MINUTE_MS;
  });
  protected readonly answeredCount = computed(() => Object.values(this.answers()).filter((ids) => ids.length).length);
  /** The correct choices are shown once the test is over for the person: passed, or no attempt left. */
  protected readonly revealed = computed(() => {
    const g = this.grade();
    return !!g && (g.passed || g.attemptsLeft === 0);
  });
  protected readonly canRetry = computed(() => {
    const g = this.grade();
    if (this.phase() === 'expired') return this.test()?.attemptsLeft !== 0;
    return !!g && (g.attemptsLeft === null || g.attemptsLeft > 0);
  });

  constructor() {
    effect(() => {
      const testId = this.testId();
      const courseId = this.courseId();
      untracked(() => this.reset(testId, courseId));
    });
    inject(DestroyRef).onDestroy(() => this.stopTicking());
  }

  private reset(testId: string, courseId: string): void {
    this.stopTicking();
    this.phase.set('intro');
    this.attempt.set(null);
    this.grade.set(null);
    this.answers.set({});
    this.failure.set(null);
    if (testId && courseId) void this.loadCourse(courseId);
  }

  private async loadCourse(courseId: string): Promise<void> {
    this.courseLoading.set(true);
    try {
      this.course.set(await this.host.get<Course>(`/training/courses/${encodeURIComponent(courseId)}?questions=false`));
    } catch {
      this.course.set(null); // the test works without its course's details
    } finally {
      this.courseLoading.set(false);
    }
  }

  async start(): Promise<void> {
    const id = this.testId();
    if (!id) return;
    // A finished attempt's answers never carry over to the next one.
    const finished = this.grade() !== null || this.phase() === 'expired';
    this.phase.set('starting');
    this.failure.set(null);
    this.grade.set(null);
    this.confirming.set(false);
    this.timeUp.set(false);
    try {
      const attempt = await this.host.post<Attempt>(`/training/tests/${encodeURIComponent(id)}/start`);
      if (finished || attempt.attemptId !== this.attempt()?.attemptId) this.answers.set({});
      this.attempt.set(attempt);
      this.phase.set('running');
      this.startTicking();
      window.scrollTo?.({ top: 0 });
    } catch (err) {
      this.outcomeOfError(err);
    }
  }

  protected pick(questionId: string, choiceId: string, multiple: boolean, checked: boolean): void {
    this.confirming.set(false);
    this.answers.update((all) => {
      const now = all[questionId] ?? [];
      const next = multiple ? (checked ? [...new Set([...now, choiceId])] : now.filter((id) => id !== choiceId)) : checked ? [choiceId] : [];
      return { ...all, [questionId]: next };
    });
  }

  protected chosen(questionId: string, choiceId: string): boolean {
    return (this.answers()[questionId] ?? []).includes(choiceId);
  }

  async submit(force = false): Promise<void> {
    const attempt = this.attempt();
    if (!attempt || this.phase() === 'submitting') return;
    if (!force && !this.timeUp() && this.answeredCount() < attempt.questions.length) {
      this.confirming.set(true);
      return;
    }
    this.confirming.set(false);
    this.phase.set('submitting');
    this.failure.set(null);
    const answers = attempt.questions.map((q) => ({ questionId: q.id, choiceIds: this.answers()[q.id] ?? [] }));
    try {
      const grade = await this.host.post<Grade>(`/training/tests/${encodeURIComponent(attempt.testId || this.testId())}/attempts`, { attemptId: attempt.attemptId, answers });
      this.stopTicking();
      this.grade.set(grade);
      this.phase.set('result');
      window.scrollTo?.({ top: 0 });
      if (this.courseId()) void this.loadCourse(this.courseId());
    } catch (err) {
      this.outcomeOfError(err);
    }
  }

  /** 422s end the attempt with a screen of their own; anything else keeps the answers for another try. */
  private outcomeOfError(err: unknown): void {
    const code = errorCode(err);
    if (code === 'time_limit_exceeded') {
      this.stopTicking();
      this.phase.set('expired');
      if (this.courseId()) void this.loadCourse(this.courseId());
    } else if (code === 'no_attempts_left') {
      this.stopTicking();
      this.phase.set('noAttempts');
    } else {
      this.failure.set(err);
      this.phase.set(this.attempt() && !this.grade() ? 'running' : 'intro');
    }
  }

  protected resultOf(questionId: string) {
    return this.grade()?.results.find((r) => r.questionId === questionId) ?? null;
  }

  protected isCorrectChoice(questionId: string, choiceId: string): boolean {
    return !!this.resultOf(questionId)?.correctChoiceIds.includes(choiceId);
  }

  /** The icon by a choice in the review: the key when shown, else what I picked. */
  protected mark(questionId: string, choiceId: string): string {
    const picked = this.chosen(questionId, choiceId);
    if (this.revealed() && this.isCorrectChoice(questionId, choiceId)) return 'done';
    if (picked) return this.resultOf(questionId)?.correct ? 'done' : 'wrong';
    return 'circle';
  }

  protected date(iso: string): string {
    return dateText(iso, this.host.lang(), this.host.timezone());
  }

  private startTicking(): void {
    this.stopTicking();
    this.now.set(Date.now());
    if (!this.attempt()?.deadlineAt) return;
    this.ticker = setInterval(() => {
      this.now.set(Date.now());
      if (this.remaining() === 0 && this.phase() === 'running' && !this.timeUp()) {
        this.timeUp.set(true);
        void this.submit(true);
      }
    }, 250);
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }
}
