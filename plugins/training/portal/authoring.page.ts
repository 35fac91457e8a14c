import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { TrIcon } from './icon';
import { SHARED_STYLES } from './styles';
import { dateText } from './time';
import { CATALOG_ROUTE, COURSE_ROUTE, EDIT_ROUTE, allPages, courseParams } from './training';
import type { CourseSummary } from './training';
import { WORDS, roleLabel, sourceLabel } from './words';

/** The admin's list of courses: open one in the editor, create one, archive one (progress and certificates stay). */
@Component({
  selector: 'tr-authoring-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TrIcon],
  template: `
    <a class="back" [routerLink]="catalogRoute"><tr-icon name="left" [size]="18" />{{ t('allCourses') }}</a>
    <div class="toolbar">
      <p class="muted intro">{{ t('authoringIntro') }}</p>
      <span class="spacer"></span>
      <input type="search" [value]="filter()" (input)="filter.set($any($event.target).value)" [placeholder]="t('filterCourses')" data-testid="tr-authoring-filter" />
      <a mat-flat-button [routerLink]="editRoute" data-testid="tr-new-course"><tr-icon name="add" /><span>{{ t('newCourse') }}</span></a>
    </div>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <p class="form-error" role="alert" data-testid="tr-authoring-error">{{ message }}</p>
    }
    @if (notice(); as n) {
      <p class="notice" role="status" data-testid="tr-authoring-notice">{{ n }}</p>
    }
    @if (courses(); as all) {
      @if (!all.length) {
        <div class="empty" data-testid="tr-authoring-empty">
          <tr-icon name="school" [size]="40" />
          <p>{{ t('authoringEmpty') }}</p>
          <a mat-flat-button [routerLink]="editRoute">{{ t('newCourse') }}</a>
        </div>
      } @else {
        <ul class="list" data-testid="tr-authoring-list">
          @for (c of shown(); track c.id) {
            <li class="row panel" [class.archived]="c.archived" [attr.data-testid]="'tr-authoring-' + c.id" [attr.data-archived]="!!c.archived">
              <div class="main">
                <a class="title" [routerLink]="editRoute" [queryParams]="{ id: c.id }">{{ c.title }}</a>
                <span class="meta small muted">
                  <span class="code">{{ c.code }}</span> · {{ t('lessonsCount', { n: c.lessonsTotal }) }} · {{ t('testsCount', { n: c.testsTotal }) }} ·
                  {{ c.roles.length ? rolesText(c.roles) : t('everyone') }} · {{ t('updatedOn', { date: date(c.updatedAt) }) }}
                </span>
              </div>
              @if (c.archived) {
                <span class="chip warn">{{ t('archivedChip') }}</span>
              }
              <span class="chip" [class.info]="c.source !== 'portal'">{{ source(c.source) }}</span>
              @if (c.archived) {
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="restore(c)" [attr.data-testid]="'tr-restore-' + c.id">{{ t('restore') }}</button>
              } @else if (confirming() === c.id) {
                <span class="confirm small" data-testid="tr-archive-confirm-text">{{ t('archiveConfirm') }}</span>
                <button mat-flat-button class="danger" type="button" [disabled]="busy()" (click)="archive(c)" [attr.data-testid]="'tr-archive-yes-' + c.id">{{ t('archive') }}</button>
                <button mat-button type="button" (click)="confirming.set(null)">{{ t('cancel') }}</button>
              } @else {
                <a mat-button [routerLink]="courseRoute" [queryParams]="params(c.id)" [attr.data-testid]="'tr-view-' + c.id">{{ t('view') }}</a>
                <a mat-stroked-button [routerLink]="editRoute" [queryParams]="{ id: c.id }" [attr.data-testid]="'tr-edit-' + c.id"><tr-icon name="edit" [size]="18" /><span>{{ t('edit') }}</span></a>
                <button mat-button class="danger" type="button" (click)="confirming.set(c.id)" [attr.data-testid]="'tr-archive-' + c.id"><tr-icon name="archive" [size]="18" /><span>{{ t('archive') }}</span></button>
              }
            </li>
          }
        </ul>
        @if (!shown().length) {
          <p class="muted">{{ t('nothingFound', { q: filter() }) }}</p>
        }
      }
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin-bottom: 12px; }
    .intro { margin: 0; flex: 1 1 320px; }
    .toolbar input { height: 36px; min-width: 220px; }
    .notice { margin: 0 0 12px; padding: 10px 14px; border-radius: 8px; background: #e6f4ea; color: #0f5223; }
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 12px 16px; }
    .main { flex: 1 1 320px; display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    .title { font-size: 16px; font-weight: 500; color: inherit; text-decoration: none; }
    .title:hover { text-decoration: underline; }
    .code { font-family: ui-monospace, 'Liberation Mono', monospace; font-size: 12px; }
    .confirm { color: var(--mat-sys-error); }
    .row.archived { background: var(--mat-sys-surface-container-low, #f5f5fa); }
    .row.archived .title { color: var(--mat-sys-on-surface-variant); }
    .empty tr-icon { color: var(--mat-sys-outline); }
    @media (max-width: 600px) { .toolbar input { flex: 1 1 100%; } }
    `,
  ],
})
export class AuthoringPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly catalogRoute = CATALOG_ROUTE;
  protected readonly courseRoute = COURSE_ROUTE;
  protected readonly editRoute = EDIT_ROUTE;
  protected readonly params = courseParams;

  protected readonly courses = signal<CourseSummary[] | null>(null);
  protected readonly filter = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly shown = computed(() => {
    const q = this.filter().trim().toLocaleLowerCase();
    const list = [...(this.courses() ?? [])].sort((a, b) => Number(!!a.archived) - Number(!!b.archived) || a.title.localeCompare(b.title, this.host.lang()));
    return q ? list.filter((c) => `${c.title} ${c.code}`.toLocaleLowerCase().includes(q)) : list;
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.courses.set(await allPages<CourseSummary>((p) => this.host.get(p), '/training/courses?includeArchived=true&limit=200'));
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  async archive(c: CourseSummary): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.host.delete(`/training/courses/${encodeURIComponent(c.id)}`);
      this.confirming.set(null);
      this.courses.update((list) => (list ?? []).map((x) => (x.id === c.id ? { ...x, archived: true } : x)));
      this.notice.set(this.t('archived', { title: c.title }));
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  async restore(c: CourseSummary): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.host.post(`/training/courses/${encodeURIComponent(c.id)}/restore`);
      this.courses.update((list) => (list ?? []).map((x) => (x.id === c.id ? { ...x, archived: false } : x)));
      this.notice.set(this.t('restored', { title: c.title }));
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected rolesText(codes: string[]): string {
    return codes.map((c) => roleLabel(this.t, c)).join(', ');
  }

  protected source(s: string): string {
    return sourceLabel(this.t, s);
  }

  protected date(iso: string): string {
    return dateText(iso, this.host.lang(), this.host.timezone());
  }
}
