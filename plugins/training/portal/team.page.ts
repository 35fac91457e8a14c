import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { AssignDialog } from './assign.dialog';
import type { Assignment } from './assign.dialog';
import { TrIcon } from './icon';
import { SHARED_STYLES } from './styles';
import { dateText } from './time';
import { CATALOG_ROUTE, COURSE_ROUTE, allPages, courseParams, errorStatus, progressPct } from './training';
import type { Named, Page, TeamRow } from './training';
import { WORDS } from './words';

/**
 * Heads' view of their people's training: a row per person and course, overdue first, with progress, best score
 * and due date; filters by department, course, name and "overdue only"; and "Assign a course".
 */
@Component({
  selector: 'tr-team-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TrIcon],
  template: `
    <a class="back" [routerLink]="catalogRoute"><tr-icon name="left" [size]="18" />{{ t('allCourses') }}</a>
    <div class="toolbar">
      <label class="field">
        <span class="label">{{ t('department') }}</span>
        <select (change)="setDepartment($any($event.target).value)" data-testid="tr-team-department">
          <option value="">{{ t('allDepartments') }}</option>
          @for (d of departments(); track d.id) {
            <option [value]="d.id" [selected]="d.id === departmentId()">{{ d.name }}</option>
          }
        </select>
      </label>
      <label class="field">
        <span class="label">{{ t('course') }}</span>
        <select (change)="courseFilter.set($any($event.target).value)" data-testid="tr-team-course">
          <option value="">{{ t('allCoursesOption') }}</option>
          @for (c of courseOptions(); track c.id) {
            <option [value]="c.id" [selected]="c.id === courseFilter()">{{ c.name }}</option>
          }
        </select>
      </label>
      <label class="field grow">
        <span class="label">{{ t('person') }}</span>
        <input type="search" [value]="nameFilter()" (input)="nameFilter.set($any($event.target).value)" [placeholder]="t('findPerson')" data-testid="tr-team-name" />
      </label>
      <label class="check overdue-only">
        <input type="checkbox" [checked]="overdueOnly()" (change)="setOverdue($any($event.target).checked)" data-testid="tr-team-overdue" />
        {{ t('overdueOnly') }}
      </label>
      <span class="spacer"></span>
      <button mat-flat-button type="button" (click)="assign()" data-testid="tr-assign-open"><tr-icon name="add" /><span>{{ t('assignCourse') }}</span></button>
    </div>

    @if (notice(); as n) {
      <p class="notice" role="status" data-testid="tr-team-notice">{{ n }}</p>
    }
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (forbidden()) {
      <div class="empty" data-testid="tr-team-forbidden">{{ t('teamForbidden') }}</div>
    } @else if (error(); as message) {
      <p class="form-error" role="alert" data-testid="tr-team-error">{{ message }}</p>
    }

    @if (rows(); as all) {
      <ul class="summary" data-testid="tr-team-summary">
        <li class="chip">{{ t('sumPeople') }} <strong>{{ people() }}</strong></li>
        <li class="chip" [class.bad]="overdueCount() > 0">{{ t('sumOverdue') }} <strong data-testid="tr-team-overdue-count">{{ overdueCount() }}</strong></li>
        <li class="chip ok">{{ t('sumPassed') }} <strong data-testid="tr-team-passed-count">{{ passedCount() }}</strong> / {{ all.length }}</li>
      </ul>
      @if (shown().length) {
        <div class="scroll">
          <table class="team" data-testid="tr-team">
            <thead>
              <tr>
                <th>{{ t('person') }}</th>
                <th>{{ t('course') }}</th>
                <th class="progress-col">{{ t('progress') }}</th>
                <th class="num">{{ t('bestScoreCol') }}</th>
                <th>{{ t('dueCol') }}</th>
                <th>{{ t('status') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of shown(); track r.userId + '/' + r.courseId) {
                <tr [class.late]="r.overdue" [attr.data-testid]="'tr-team-row-' + r.userId + '-' + r.courseId" [attr.data-state]="stateOf(r)">
                  <td class="person">
                    <span class="name">{{ r.userName }}</span>
                    @if (r.departmentName) {
                      <span class="sub">{{ r.departmentName }}</span>
                    }
                  </td>
                  <td [attr.data-label]="t('course')"><a [routerLink]="courseRoute" [queryParams]="params(r.courseId)">{{ r.courseTitle }}</a></td>
                  <td class="progress-col" [attr.data-label]="t('progress')">
                    <div class="cell">
                      <div class="bar" [class.done]="r.passed" [class.late]="r.overdue"><span [style.width.%]="pct(r)"></span></div>
                      <span class="sub">{{ t('lessonsOf', { done: r.lessonsDone, total: r.lessonsTotal }) }}</span>
                    </div>
                  </td>
                  <td class="num" [attr.data-label]="t('bestScoreCol')">{{ r.bestScorePct === null ? '—' : r.bestScorePct + ' %' }}</td>
                  <td [class.late-text]="r.overdue" [attr.data-label]="t('dueCol')">{{ date(r.dueAt) }}</td>
                  <td [attr.data-label]="t('status')">
                    @switch (stateOf(r)) {
                      @case ('passed') {
                        <span class="chip ok" [attr.data-testid]="'tr-team-state-' + r.userId + '-' + r.courseId">{{ t('statePassed') }}</span>
                      }
                      @case ('overdue') {
                        <span class="chip bad" [attr.data-testid]="'tr-team-state-' + r.userId + '-' + r.courseId">{{ t('stateOverdue') }}</span>
                      }
                      @case ('inProgress') {
                        <span class="chip info" [attr.data-testid]="'tr-team-state-' + r.userId + '-' + r.courseId">{{ t('stateInProgress') }}</span>
                      }
                      @default {
                        <span class="chip" [attr.data-testid]="'tr-team-state-' + r.userId + '-' + r.courseId">{{ t('stateNotStarted') }}</span>
                      }
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (nextCursor()) {
          <button mat-stroked-button type="button" class="more" [disabled]="busy()" (click)="load(true)" data-testid="tr-team-more">{{ t('showMore') }}</button>
        }
      } @else {
        <div class="empty" data-testid="tr-team-empty">
          <p>{{ all.length ? t('teamNoMatch') : overdueOnly() ? t('teamNoOverdue') : t('teamEmpty') }}</p>
          @if (!all.length && !overdueOnly()) {
            <button mat-stroked-button type="button" (click)="assign()">{{ t('assignCourse') }}</button>
          }
        </div>
      }
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    .toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 12px; }
    .toolbar select, .toolbar input[type='search'] { height: 36px; min-width: 180px; }
    .grow { flex: 0 1 220px; }
    .overdue-only { height: 36px; font-size: 14px; }
    .summary { list-style: none; margin: 4px 0 12px; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
    .summary .chip { font-size: 13px; padding: 4px 12px; border-radius: 16px; }
    .notice { margin: 0 0 12px; padding: 10px 14px; border-radius: 8px; background: #e6f4ea; color: #0f5223; }
    .scroll { overflow-x: auto; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; background: var(--mat-sys-surface); }
    .team { width: 100%; border-collapse: collapse; min-width: 760px; }
    .team th, .team td { padding: 10px 12px; border-bottom: 1px solid var(--mat-sys-outline-variant); text-align: left; vertical-align: middle; font-size: 14px; }
    .team tbody tr:last-child td { border-bottom: 0; }
    .team th { font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); background: var(--mat-sys-surface-container-low, #f5f5fa); }
    .team tr.late td:first-child { box-shadow: inset 4px 0 var(--mat-sys-error); }
    .team a { color: inherit; text-decoration: none; font-weight: 500; }
    .team a:hover { text-decoration: underline; }
    .name { font-weight: 500; }
    .sub { display: block; font-size: 12px; color: var(--mat-sys-on-surface-variant); margin-top: 2px; }
    .progress-col { width: 180px; }
    .num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .late-text { color: var(--mat-sys-error); font-weight: 500; }
    .more { margin-top: 12px; }
    @media (max-width: 600px) {
      .toolbar .field, .grow { flex: 1 1 100%; }
      .toolbar select, .toolbar input[type='search'] { width: 100%; }
      /* A card per row on a phone: the column's name beside each value. */
      .scroll { border: 0; background: none; overflow: visible; }
      .team { min-width: 0; }
      .team thead { display: none; }
      .team, .team tbody, .team tr, .team td { display: block; }
      .team tr { margin-bottom: 8px; padding: 10px 14px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; background: var(--mat-sys-surface); }
      .team tr.late { box-shadow: inset 4px 0 var(--mat-sys-error); }
      .team tr.late td:first-child { box-shadow: none; }
      .team td { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 4px 0; border: 0; text-align: right; }
      .team td::before { content: attr(data-label); font-size: 12px; color: var(--mat-sys-on-surface-variant); text-align: left; }
      .team td.person { display: block; text-align: left; padding-bottom: 6px; }
      .team td.person::before { content: none; }
      .progress-col { width: auto; }
      .cell { flex: 0 1 160px; }
    }
    `,
  ],
})
export class TeamPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  private readonly dialog = inject(MatDialog);
  protected readonly catalogRoute = CATALOG_ROUTE;
  protected readonly courseRoute = COURSE_ROUTE;
  protected readonly params = courseParams;

  protected readonly departments = signal<Named[]>([]);
  protected readonly departmentId = signal('');
  protected readonly overdueOnly = signal(false);
  protected readonly courseFilter = signal('');
  protected readonly nameFilter = signal('');
  protected readonly rows = signal<TeamRow[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly forbidden = computed(() => errorStatus(this.failure()) === 403);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));

  protected readonly courseOptions = computed<Named[]>(() => {
    const seen = new Map<string, string>();
    for (const r of this.rows() ?? []) seen.set(r.courseId, r.courseTitle);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, this.host.lang()));
  });
  protected readonly shown = computed(() => {
    const course = this.courseFilter();
    const name = this.nameFilter().trim().toLocaleLowerCase();
    return (this.rows() ?? []).filter((r) => (!course || r.courseId === course) && (!name || r.userName.toLocaleLowerCase().includes(name)));
  });
  protected readonly people = computed(() => new Set(this.shown().map((r) => r.userId)).size);
  protected readonly overdueCount = computed(() => this.shown().filter((r) => r.overdue).length);
  protected readonly passedCount = computed(() => this.shown().filter((r) => r.passed).length);

  constructor() {
    void this.load();
    allPages<Named>((p) => this.host.get(p), '/departments').then(
      (list) => this.departments.set([...list].sort((a, b) => a.name.localeCompare(b.name, this.host.lang()))),
      () => undefined,
    );
  }

  protected setDepartment(id: string): void {
    this.departmentId.set(id);
    void this.load();
  }

  protected setOverdue(on: boolean): void {
    this.overdueOnly.set(on);
    void this.load();
  }

  async load(more = false): Promise<void> {
    const query = new URLSearchParams();
    if (this.departmentId()) query.set('departmentId', this.departmentId());
    if (this.overdueOnly()) query.set('overdue', 'true');
    query.set('limit', '200');
    const cursor = more ? this.nextCursor() : null;
    if (cursor) query.set('cursor', cursor);
    this.busy.set(true);
    this.failure.set(null);
    try {
      const page = await this.host.get<Page<TeamRow>>(`/training/team-progress?${query}`);
      this.rows.set(more ? [...(this.rows() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected assign(): void {
    this.notice.set(null);
    this.dialog
      .open<AssignDialog, unknown, Assignment | null>(AssignDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((done) => {
        if (!done) return;
        this.notice.set(this.t('assigned', { n: done.enrolled ?? 0 }));
        void this.load();
      });
  }

  protected stateOf(r: TeamRow): 'passed' | 'overdue' | 'inProgress' | 'notStarted' {
    if (r.passed) return 'passed';
    if (r.overdue) return 'overdue';
    if (r.lessonsDone > 0 || r.bestScorePct !== null) return 'inProgress';
    return 'notStarted';
  }

  protected pct(r: TeamRow): number {
    return progressPct(r.lessonsDone, r.lessonsTotal, r.passed);
  }

  protected date(iso: string | null): string {
    return dateText(iso, this.host.lang(), this.host.timezone());
  }
}
