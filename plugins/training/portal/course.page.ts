import { Component, ElementRef, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { DomSanitizer } from '@angular/platform-browser';
import type { SafeResourceUrl } from '@angular/platform-browser';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { TrCertificateCard } from './certificate.card';
import { TrIcon } from './icon';
import { TrMaterial } from './material.component';
import { queryParams } from './route-params';
import { SHARED_STYLES } from './styles';
import { dateText } from './time';
import { CATALOG_ROUTE, COURSE_ROUTE, TEST_ROUTE, courseParams, courseState, errorStatus, progressPct, testParams } from './training';
import type { Course, Lesson } from './training';
import { embeddableVideo, videoFileUrl } from './video';
import { WORDS, dueText } from './words';

/**
 * A course: its lessons with done ticks, the lesson player (video, material, attachments, "Mark as done", the
 * next lesson), its tests with the pass mark, attempts left and best score, and the certificate once passed.
 */
@Component({
  selector: 'tr-course-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TrIcon, TrMaterial, TrCertificateCard],
  template: `
    <a class="back" [routerLink]="catalogRoute" data-testid="tr-back-catalog"><tr-icon name="left" [size]="18" />{{ t('allCourses') }}</a>
    @if (loading() && !course()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (notFound()) {
      <div class="empty" data-testid="tr-course-missing">
        <p>{{ t('courseMissing') }}</p>
        <a mat-stroked-button [routerLink]="catalogRoute">{{ t('allCourses') }}</a>
      </div>
    } @else if (error(); as message) {
      <p class="form-error" role="alert" data-testid="tr-course-error">{{ message }}</p>
    }

    @if (course(); as c) {
      <header class="course-head" data-testid="tr-course">
        <div class="title-row">
          <h2 data-testid="tr-course-title">{{ c.title }}</h2>
          @switch (state()) {
            @case ('passed') {
              <span class="chip ok" data-testid="tr-course-state"><tr-icon name="check" [size]="14" />{{ t('statePassed') }}</span>
            }
            @case ('overdue') {
              <span class="chip bad" data-testid="tr-course-state">{{ t('stateOverdue') }}</span>
            }
            @case ('inProgress') {
              <span class="chip info" data-testid="tr-course-state">{{ t('stateInProgress') }}</span>
            }
            @case ('assigned') {
              <span class="chip warn" data-testid="tr-course-state">{{ t('stateAssigned') }}</span>
            }
          }
        </div>
        @if (c.summary) {
          <p class="muted summary">{{ c.summary }}</p>
        }
        <div class="overall">
          <div class="bar" [class.done]="c.my.passed" [class.late]="c.my.overdue"><span [style.width.%]="pct()"></span></div>
          <span class="small muted" data-testid="tr-course-progress">
            {{ t('lessonsOf', { done: doneCount(), total: c.lessons.length }) }}
            @if (c.my.dueAt && !c.my.passed) {
              · <span [class.late-text]="c.my.overdue">{{ dueText(c.my.dueAt, c.my.overdue) }}</span>
            }
          </span>
        </div>
      </header>

      @if (c.my.certificateId) {
        <tr-certificate-card class="certificate" [certificateId]="c.my.certificateId" [title]="t('certificateTitle')" [showScore]="true" (failed)="failure.set($event)" />
      }

      <div class="layout">
        <nav class="lessons panel" [attr.aria-label]="t('lessons')" data-testid="tr-lessons">
          <h3>{{ t('lessons') }}</h3>
          @if (!c.lessons.length) {
            <p class="muted small">{{ t('noLessons') }}</p>
          }
          <ol>
            @for (l of c.lessons; track l.id; let i = $index) {
              <li>
                <a
                  [routerLink]="courseRoute"
                  [queryParams]="params(c.id, l.id)"
                  [class.active]="l.id === lesson()?.id"
                  [class.done]="l.done"
                  [attr.aria-current]="l.id === lesson()?.id ? 'step' : null"
                  [attr.data-testid]="'tr-lesson-link-' + i"
                  [attr.data-done]="l.done"
                >
                  <tr-icon [name]="l.done ? 'done' : 'circle'" [size]="18" />
                  <span>{{ i + 1 }}. {{ l.title }}</span>
                </a>
              </li>
            }
          </ol>
        </nav>

        @if (lesson(); as l) {
          <article class="player panel" data-testid="tr-lesson" [attr.data-lesson-id]="l.id">
            <p class="muted small step">{{ t('lessonNofM', { n: lessonIndex() + 1, total: c.lessons.length }) }}</p>
            <h3 class="lesson-title" data-testid="tr-lesson-title">{{ l.title }}</h3>
            @if (embed(); as src) {
              <div class="video"><iframe [src]="src" [title]="l.title" allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen loading="lazy" data-testid="tr-video"></iframe></div>
            } @else if (videoFile(); as file) {
              <video class="video-file" controls preload="metadata" [src]="file" data-testid="tr-video-file"></video>
            } @else if (l.videoUrl) {
              <a class="video-link" [href]="l.videoUrl" target="_blank" rel="noopener noreferrer" data-testid="tr-video-link">
                <tr-icon name="play" [size]="28" /><span>{{ t('watchVideo') }}</span>
              </a>
            }
            <tr-material [markdown]="l.material" data-testid="tr-material" />
            @if (l.attachments.length) {
              <div class="attachments" data-testid="tr-attachments">
                <h4>{{ t('attachments') }}</h4>
                <ul>
                  @for (a of l.attachments; track $index) {
                    <li>
                      <a [href]="a.url" target="_blank" rel="noopener noreferrer"><tr-icon name="attach" [size]="18" />{{ a.name }}</a>
                    </li>
                  }
                </ul>
              </div>
            }
            <div class="lesson-actions">
              @if (l.done) {
                <span class="chip ok done-chip" data-testid="tr-lesson-done"><tr-icon name="check" [size]="16" />{{ t('lessonDone') }}</span>
              } @else {
                <button mat-flat-button type="button" [disabled]="completing()" (click)="complete(l)" data-testid="tr-complete">
                  <tr-icon name="check" /><span>{{ t('markDone') }}</span>
                </button>
              }
              <span class="spacer"></span>
              @if (nextLesson(); as next) {
                <a mat-stroked-button [routerLink]="courseRoute" [queryParams]="params(c.id, next.id)" data-testid="tr-next-lesson">
                  <span>{{ t('nextLesson') }}</span><tr-icon name="right" />
                </a>
              }
            </div>
            @if (allDone() && c.tests.length && !c.my.passed) {
              <p class="hint" data-testid="tr-lessons-finished">{{ t('lessonsFinished') }}</p>
            }
          </article>
        } @else {
          <div class="player"></div>
        }

        <section class="tests" #tests data-testid="tr-tests">
          @if (c.tests.length) {
            <h3>{{ t('tests') }}</h3>
          }
          @for (x of c.tests; track x.id) {
            <div class="test panel" [attr.data-testid]="'tr-test-' + x.id">
              <div class="test-head">
                <tr-icon name="quiz" />
                <strong>{{ x.title }}</strong>
                <span class="spacer"></span>
                @if (x.passed) {
                  <span class="chip ok" [attr.data-testid]="'tr-test-state-' + x.id">{{ t('statePassed') }}</span>
                } @else if (x.attemptsUsed) {
                  <span class="chip bad" [attr.data-testid]="'tr-test-state-' + x.id">{{ t('stateFailed') }}</span>
                }
              </div>
              <p class="small muted facts">
                {{ t('questionsCount', { n: x.questionsTotal }) }} · {{ t('passMark', { pct: x.passPct }) }} ·
                {{ x.timeLimitMinutes ? t('timeLimit', { n: x.timeLimitMinutes }) : t('noTimeLimit') }}
              </p>
              <p class="small facts" [attr.data-testid]="'tr-test-attempts-' + x.id">
                {{ x.attempts === null ? t('attemptsUnlimited', { used: x.attemptsUsed }) : t('attemptsUsedOf', { used: x.attemptsUsed, max: x.attempts }) }}
                @if (x.bestScorePct !== null) {
                  · {{ t('bestScore', { pct: x.bestScorePct }) }}
                }
              </p>
              @if (x.attemptsLeft === 0 && !x.passed && !x.openAttempt) {
                <p class="small late-text" [attr.data-testid]="'tr-test-no-attempts-' + x.id">{{ t('noAttemptsLeft') }}</p>
              } @else if (!x.passed || x.openAttempt) {
                <a mat-flat-button [routerLink]="testRoute" [queryParams]="testLink(x.id, c.id)" [attr.data-testid]="'tr-test-start-' + x.id">
                  <tr-icon name="play" /><span>{{ x.openAttempt ? t('continueTest') : x.attemptsUsed ? t('retakeTest') : t('startTest') }}</span>
                </a>
                @if (!allDone() && !x.openAttempt) {
                  <p class="small muted">{{ t('finishLessonsFirst') }}</p>
                }
              }
            </div>
          }
        </section>
      </div>
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    .course-head { margin-bottom: 16px; }
    .title-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
    .title-row h2 { margin: 0; }
    .summary { margin: 6px 0 0; max-width: 820px; }
    .overall { display: flex; flex-direction: column; gap: 4px; max-width: 520px; margin-top: 12px; }
    .late-text { color: var(--mat-sys-error); font-weight: 500; }
    .certificate { margin-bottom: 16px; }
    .layout { display: grid; grid-template-columns: minmax(240px, 300px) minmax(0, 1fr); grid-template-rows: auto 1fr;
      grid-template-areas: 'lessons player' 'tests player'; gap: 16px; align-items: start; }
    .lessons { grid-area: lessons; padding: 12px 8px; }
    .lessons h3 { padding: 0 8px; }
    .lessons ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
    .lessons a { display: flex; align-items: flex-start; gap: 8px; padding: 8px; border-radius: 8px; color: inherit; text-decoration: none; font-size: 14px; line-height: 1.35; }
    .lessons a:hover { background: var(--mat-sys-surface-container); }
    .lessons a.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font-weight: 500; }
    .lessons a tr-icon { color: var(--mat-sys-outline); margin-top: 1px; }
    .lessons a.done tr-icon { color: #2e7d32; }
    .player { grid-area: player; min-width: 0; padding: 20px 24px; }
    .step { margin: 0; }
    .lesson-title { font-size: 22px; font-weight: 400; margin: 2px 0 16px; }
    .video { position: relative; padding-top: 56.25%; border-radius: 8px; overflow: hidden; background: #000; margin-bottom: 16px; }
    .video iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
    .video-file { width: 100%; border-radius: 8px; background: #000; margin-bottom: 16px; }
    .video-link { display: inline-flex; align-items: center; gap: 8px; padding: 12px 16px; margin-bottom: 16px; border-radius: 8px; text-decoration: none;
      background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); font-weight: 500; }
    .attachments { margin-top: 16px; padding-top: 12px; border-top: 1px solid var(--mat-sys-outline-variant); }
    .attachments h4 { margin: 0 0 6px; font-size: 14px; font-weight: 500; }
    .attachments ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
    .attachments a { display: inline-flex; align-items: center; gap: 4px; padding: 6px 12px; border-radius: 16px; border: 1px solid var(--mat-sys-outline-variant);
      text-decoration: none; color: var(--mat-sys-primary); font-size: 14px; }
    .lesson-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 20px; padding-top: 16px; border-top: 1px solid var(--mat-sys-outline-variant); }
    .done-chip { font-size: 14px; padding: 6px 14px; border-radius: 18px; }
    .hint { margin: 12px 0 0; padding: 10px 12px; border-radius: 8px; background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); font-size: 14px; }
    .tests { grid-area: tests; display: flex; flex-direction: column; gap: 10px; }
    .tests h3 { margin: 4px 0 0; }
    .test { display: flex; flex-direction: column; gap: 6px; padding: 14px; }
    .test-head { display: flex; align-items: center; gap: 8px; }
    .test-head tr-icon { color: var(--mat-sys-primary); }
    .facts { margin: 0; }
    .test a[mat-flat-button] { align-self: flex-start; margin-top: 4px; }
    @media (max-width: 860px) {
      .layout { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; grid-template-areas: 'lessons' 'player' 'tests'; }
      .player { padding: 16px; }
    }
    `,
  ],
})
export class CoursePage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  private readonly router = inject(Router);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly query = queryParams();
  protected readonly catalogRoute = CATALOG_ROUTE;
  protected readonly courseRoute = COURSE_ROUTE;
  protected readonly testRoute = TEST_ROUTE;
  protected readonly params = courseParams;
  protected readonly testLink = testParams;

  private readonly courseId = computed(() => this.query().get('id') ?? '');
  private readonly lessonId = computed(() => this.query().get('lesson') ?? '');

  protected readonly course = signal<Course | null>(null);
  protected readonly loading = signal(false);
  protected readonly completing = signal(false);
  protected readonly notFound = signal(false);
  protected readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  private readonly testsSection = viewChild<ElementRef<HTMLElement>>('tests');

  protected readonly state = computed(() => {
    const c = this.course();
    return c ? courseState(c.my) : null;
  });
  protected readonly doneCount = computed(() => (this.course()?.lessons ?? []).filter((l) => l.done).length);
  protected readonly allDone = computed(() => {
    const c = this.course();
    return !!c && c.lessons.every((l) => l.done);
  });
  protected readonly pct = computed(() => {
    const c = this.course();
    return c ? progressPct(this.doneCount(), c.lessons.length, c.my.passed) : 0;
  });

  /** The lesson the query names; else the first one not done yet; else the first. */
  protected readonly lesson = computed<Lesson | null>(() => {
    const lessons = this.course()?.lessons ?? [];
    const id = this.lessonId();
    return lessons.find((l) => l.id === id || l.code === id) ?? lessons.find((l) => !l.done) ?? lessons[0] ?? null;
  });
  protected readonly lessonIndex = computed(() => (this.course()?.lessons ?? []).findIndex((l) => l.id === this.lesson()?.id));
  protected readonly nextLesson = computed(() => (this.course()?.lessons ?? [])[this.lessonIndex() + 1] ?? null);
  /** Only YouTube's and Vimeo's players are framed; any other address is a plain link. */
  protected readonly embed = computed<SafeResourceUrl | null>(() => {
    const url = embeddableVideo(this.lesson()?.embedUrl);
    return url ? this.sanitizer.bypassSecurityTrustResourceUrl(url) : null;
  });
  protected readonly videoFile = computed(() => (this.embed() ? null : videoFileUrl(this.lesson()?.videoUrl)));

  constructor() {
    effect(() => {
      const id = this.courseId();
      untracked(() => void this.load(id));
    });
  }

  async load(id = this.courseId()): Promise<void> {
    this.failure.set(null);
    this.notFound.set(false);
    if (!id) {
      this.notFound.set(true);
      return;
    }
    this.loading.set(true);
    try {
      const course = await this.host.get<Course>(`/training/courses/${encodeURIComponent(id)}?questions=false`);
      if (id !== this.courseId()) return;
      this.course.set(course);
    } catch (err) {
      if (errorStatus(err) === 404) this.notFound.set(true);
      else this.failure.set(err);
      this.course.set(null);
    } finally {
      this.loading.set(false);
    }
  }

  async complete(lesson: Lesson): Promise<void> {
    const course = this.course();
    if (!course || this.completing()) return;
    this.completing.set(true);
    this.failure.set(null);
    try {
      const res = await this.host.post<{ lessonsDone: number; lessonsTotal: number }>(`/training/lessons/${encodeURIComponent(lesson.id)}/complete`);
      const lessons = course.lessons.map((l) => (l.id === lesson.id ? { ...l, done: true } : l));
      this.course.set({ ...course, lessons, my: { ...course.my, lessonsDone: res.lessonsDone ?? lessons.filter((l) => l.done).length } });
      const next = lessons.slice(lessons.findIndex((l) => l.id === lesson.id) + 1).find((l) => !l.done);
      if (next) {
        await this.router.navigate([COURSE_ROUTE], { queryParams: courseParams(course.id, next.id) });
        window.scrollTo?.({ top: 0, behavior: 'smooth' });
      } else if (lessons.every((l) => l.done)) {
        this.testsSection()?.nativeElement.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
        // Finishing the lessons may finish the course (its tests already passed): the certificate follows.
        if (!course.my.passed) void this.refresh();
      }
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.completing.set(false);
    }
  }

  private async refresh(): Promise<void> {
    const id = this.courseId();
    try {
      const course = await this.host.get<Course>(`/training/courses/${encodeURIComponent(id)}?questions=false`);
      if (id === this.courseId()) {
        this.course.set(course);
      }
    } catch {
      // the page keeps what it shows
    }
  }

  protected date(iso: string): string {
    return dateText(iso, this.host.lang(), this.host.timezone());
  }

  protected dueText(dueAt: string, overdue: boolean): string {
    return dueText(this.t, dueAt, overdue, this.host.lang(), this.host.timezone());
  }


}
