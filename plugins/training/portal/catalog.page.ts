import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { TrIcon } from './icon';
import { SHARED_STYLES } from './styles';
import { AUTHORING_ROUTE, COURSE_ROUTE, EDIT_ROUTE, PORTAL_ROLES, TEAM_ROUTE, courseParams, courseState, progressPct, snippetParts } from './training';
import type { CourseSummary, Page } from './training';
import { WORDS, dueText, roleLabel } from './words';

const SEARCH_DELAY_MS = 300;

/**
 * The course catalogue: search over titles and material (the server ranks, snippets mark the matched words),
 * a role filter, the courses assigned to me first with their due dates and overdue badges, progress of each.
 */
@Component({
  selector: 'tr-catalog-page',
  imports: [NgTemplateOutlet, RouterLink, MatButtonModule, MatProgressBarModule, TrIcon],
  template: `
    <div class="toolbar">
      <label class="search">
        <tr-icon name="search" />
        <span class="sr-only">{{ t('search') }}</span>
        <input
          type="search"
          data-testid="tr-search"
          [placeholder]="t('searchPlaceholder')"
          [value]="query()"
          (input)="typed($any($event.target).value)"
          (keydown.enter)="searchNow()"
        />
      </label>
      <label class="role">
        <span class="label">{{ t('forRole') }}</span>
        <select data-testid="tr-role-filter" (change)="pickRole($any($event.target).value)">
          <option value="">{{ t('allRoles') }}</option>
          @for (r of roles; track r) {
            <option [value]="r" [selected]="r === role()">{{ roleName(r) }}</option>
          }
        </select>
      </label>
      <span class="spacer"></span>
      @if (isLead()) {
        <a mat-stroked-button [routerLink]="teamRoute" data-testid="tr-to-team"><tr-icon name="group" /><span>{{ t('teamProgress') }}</span></a>
      }
      @if (isAdmin()) {
        <a mat-stroked-button [routerLink]="authoringRoute" data-testid="tr-to-authoring"><tr-icon name="edit" /><span>{{ t('authoring') }}</span></a>
      }
    </div>

    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <p class="form-error" role="alert" data-testid="tr-catalog-error">
        {{ message }} <button mat-button type="button" (click)="load()">{{ t('retry') }}</button>
      </p>
    }

    @if (courses(); as list) {
      @if (searched()) {
        <p class="muted found" data-testid="tr-found">{{ list.length ? t('found', { n: list.length, q: searched() }) : '' }}</p>
        @if (!list.length) {
          <div class="empty" data-testid="tr-search-empty">
            <p>{{ t('nothingFound', { q: searched() }) }}</p>
            <button mat-stroked-button type="button" (click)="clear()">{{ t('clearSearch') }}</button>
          </div>
        }
        <div class="results">
          @for (c of list; track c.id) {
            <a class="card result" [routerLink]="courseRoute" [queryParams]="params(c.id, c.match?.lessonId)" [attr.data-testid]="'tr-course-' + c.id">
              <div class="card-head">
                <span class="title">{{ c.title }}</span>
                <ng-container *ngTemplateOutlet="badge; context: { $implicit: c }" />
              </div>
              @if (c.match; as m) {
                <p class="where muted small">{{ m.lessonId ? t('inLesson', { title: m.title }) : t('inCourse') }}</p>
                <p class="snippet" data-testid="tr-snippet">
                  @for (part of parts(m.snippet); track $index) {
                    @if (part.hit) {
                      <mark>{{ part.text }}</mark>
                    } @else {
                      {{ part.text }}
                    }
                  }
                </p>
              } @else if (c.summary) {
                <p class="summary">{{ c.summary }}</p>
              }
            </a>
          }
        </div>
      } @else {
        @if (!list.length) {
          <div class="empty" data-testid="tr-catalog-empty">
            <tr-icon name="school" [size]="40" />
            <p>{{ role() ? t('emptyForRole') : t('emptyCatalog') }}</p>
            @if (isAdmin() && !role()) {
              <a mat-flat-button [routerLink]="editRoute" data-testid="tr-empty-new">{{ t('newCourse') }}</a>
            }
          </div>
        }
        @if (assigned().length) {
          <section data-testid="tr-assigned">
            <h3 class="section">{{ t('assignedToMe') }} <span class="count">{{ assigned().length }}</span></h3>
            <div class="grid">
              @for (c of assigned(); track c.id) {
                <ng-container *ngTemplateOutlet="card; context: { $implicit: c }" />
              }
            </div>
          </section>
        }
        @if (others().length) {
          <section data-testid="tr-others">
            @if (assigned().length) {
              <h3 class="section">{{ t('otherCourses') }}</h3>
            }
            <div class="grid">
              @for (c of others(); track c.id) {
                <ng-container *ngTemplateOutlet="card; context: { $implicit: c }" />
              }
            </div>
          </section>
        }
      }
      @if (nextCursor()) {
        <button mat-stroked-button type="button" class="more" [disabled]="busy()" (click)="load(true)" data-testid="tr-more">{{ t('showMore') }}</button>
      }
    }

    <ng-template #card let-c>
      <a class="card" [class.late]="c.my.overdue" [routerLink]="courseRoute" [queryParams]="params(c.id)" [attr.data-testid]="'tr-course-' + c.id" [attr.data-state]="state(c)">
        <div class="card-head">
          <span class="title">{{ c.title }}</span>
          <ng-container *ngTemplateOutlet="badge; context: { $implicit: c }" />
        </div>
        @if (c.summary) {
          <p class="summary">{{ c.summary }}</p>
        }
        <p class="meta muted small">
          {{ t('lessonsCount', { n: c.lessonsTotal }) }} · {{ t('testsCount', { n: c.testsTotal }) }}
          @if (c.roles.length) {
            · {{ t('forRoles', { roles: rolesText(c.roles) }) }}
          }
        </p>
        <div class="progress">
          <div class="bar" [class.done]="c.my.passed" [class.late]="c.my.overdue"><span [style.width.%]="pct(c)"></span></div>
          <span class="small muted" [attr.data-testid]="'tr-progress-' + c.id">{{ c.my.passed ? t('passedBest', { pct: c.my.bestScorePct ?? 100 }) : t('lessonsOf', { done: c.my.lessonsDone, total: c.lessonsTotal }) }}</span>
        </div>
        @if (c.my.dueAt && !c.my.passed) {
          <p class="due small" [class.late]="c.my.overdue" [attr.data-testid]="'tr-due-' + c.id">
            <tr-icon name="schedule" [size]="16" />
            {{ dueText(c.my.dueAt, c.my.overdue) }}
          </p>
        }
      </a>
    </ng-template>

    <ng-template #badge let-c>
      @switch (state(c)) {
        @case ('passed') {
          <span class="chip ok" [attr.data-testid]="'tr-badge-' + c.id"><tr-icon name="check" [size]="14" />{{ t('statePassed') }}</span>
        }
        @case ('overdue') {
          <span class="chip bad" [attr.data-testid]="'tr-badge-' + c.id">{{ t('stateOverdue') }}</span>
        }
        @case ('inProgress') {
          <span class="chip info" [attr.data-testid]="'tr-badge-' + c.id">{{ t('stateInProgress') }}</span>
        }
        @case ('assigned') {
          <span class="chip warn" [attr.data-testid]="'tr-badge-' + c.id">{{ t('stateAssigned') }}</span>
        }
      }
    </ng-template>
  `,
  styles: [
    SHARED_STYLES,
    `
    .toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 16px; }
    .search { position: relative; flex: 1 1 320px; max-width: 560px; display: flex; align-items: center; }
    .search tr-icon { position: absolute; left: 10px; color: var(--mat-sys-on-surface-variant); }
    .search input { width: 100%; padding: 10px 12px 10px 38px !important; border-radius: 24px !important; font-size: 15px !important; background: var(--mat-sys-surface-container-low, #f5f5fa) !important; }
    .role { display: flex; flex-direction: column; gap: 2px; }
    .role select { height: 38px; min-width: 160px; }
    .section { display: flex; align-items: center; gap: 8px; margin: 20px 0 10px; font-size: 16px; }
    .count { font-size: 12px; padding: 0 8px; border-radius: 10px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
    .card { display: flex; flex-direction: column; gap: 8px; padding: 16px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface); color: inherit; text-decoration: none; transition: box-shadow .15s, border-color .15s; }
    .card:hover, .card:focus-visible { border-color: var(--mat-sys-primary); box-shadow: 0 2px 8px rgb(0 0 0 / 8%); }
    .card.late { box-shadow: inset 4px 0 var(--mat-sys-error); }
    .card-head { display: flex; align-items: flex-start; gap: 8px; justify-content: space-between; }
    .title { font-size: 16px; font-weight: 500; line-height: 1.35; }
    .summary { margin: 0; color: var(--mat-sys-on-surface-variant); font-size: 14px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .meta { margin: 0; }
    .progress { display: flex; flex-direction: column; gap: 4px; margin-top: auto; }
    .due { display: flex; align-items: center; gap: 4px; margin: 0; color: var(--mat-sys-on-surface-variant); }
    .due.late { color: var(--mat-sys-error); font-weight: 500; }
    .results { display: flex; flex-direction: column; gap: 10px; }
    .result .where { margin: 0; }
    .snippet { margin: 0; font-size: 14px; line-height: 1.5; }
    mark { background: #ffe58f; color: inherit; border-radius: 2px; padding: 0 1px; }
    .found { margin: 0 0 10px; }
    .more { margin-top: 16px; }
    .empty tr-icon { color: var(--mat-sys-outline); margin-bottom: 8px; }
    @media (max-width: 600px) {
      .grid { grid-template-columns: 1fr; }
      .role { flex: 1 1 100%; }
      .role select { width: 100%; }
      .toolbar .spacer { display: none; }
      .toolbar a[mat-stroked-button] { flex: 1 1 auto; }
    }
    `,
  ],
})
export class CatalogPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly courseRoute = COURSE_ROUTE;
  protected readonly teamRoute = TEAM_ROUTE;
  protected readonly authoringRoute = AUTHORING_ROUTE;
  protected readonly editRoute = EDIT_ROUTE;
  protected readonly roles = PORTAL_ROLES;
  protected readonly params = courseParams;
  protected readonly parts = snippetParts;
  protected readonly state = (c: CourseSummary) => courseState(c.my);

  protected readonly query = signal('');
  /** The words the list shows results for (empty: the whole catalogue). */
  protected readonly searched = signal('');
  protected readonly role = signal('');
  protected readonly courses = signal<CourseSummary[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));

  private readonly myRoles = computed(() => this.host.user()?.roles ?? []);
  protected readonly isAdmin = computed(() => this.myRoles().includes('admin'));
  protected readonly isLead = computed(() => this.myRoles().some((r) => r === 'admin' || r === 'head'));

  protected readonly assigned = computed(() => (this.courses() ?? []).filter((c) => c.my.dueAt !== null && !c.my.passed));
  protected readonly others = computed(() => (this.courses() ?? []).filter((c) => c.my.dueAt === null || c.my.passed));

  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => this.timer && clearTimeout(this.timer));
  }

  protected typed(value: string): void {
    this.query.set(value);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.searchNow(), SEARCH_DELAY_MS);
  }

  protected searchNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.query().trim() === this.searched()) return;
    void this.load();
  }

  protected clear(): void {
    this.query.set('');
    void this.load();
  }

  protected pickRole(role: string): void {
    this.role.set(role);
    void this.load();
  }

  async load(more = false): Promise<void> {
    const seq = ++this.seq;
    const q = this.query().trim();
    const query = new URLSearchParams();
    if (q) query.set('q', q);
    if (this.role()) query.set('role', this.role());
    query.set('limit', '50');
    const cursor = more ? this.nextCursor() : null;
    if (cursor) query.set('cursor', cursor);
    this.busy.set(true);
    this.failure.set(null);
    try {
      const page = await this.host.get<Page<CourseSummary>>(`/training/courses?${query}`);
      if (seq !== this.seq) return;
      this.searched.set(q);
      this.courses.set(more ? [...(this.courses() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      if (seq === this.seq) this.failure.set(err);
    } finally {
      if (seq === this.seq) this.busy.set(false);
    }
  }

  protected pct(c: CourseSummary): number {
    return progressPct(c.my.lessonsDone, c.lessonsTotal, c.my.passed);
  }

  protected roleName(code: string): string {
    return roleLabel(this.t, code);
  }

  protected rolesText(codes: string[]): string {
    return codes.map((c) => this.roleName(c)).join(', ');
  }

  protected dueText(dueAt: string, overdue: boolean): string {
    return dueText(this.t, dueAt, overdue, this.host.lang(), this.host.timezone());
  }

}
