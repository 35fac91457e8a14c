import { Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../../core/api.service';
import { Notifier } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import { SessionService } from '../../../core/session.service';
import { ConfirmDialog } from '../../../core/confirm.dialog';
import type { ConfirmData } from '../../../core/confirm.dialog';
import { PeopleFormErrors, peopleErrorText } from './people-errors';
import { byName, daysBetween, formatDay, today } from './people.types';
import type { Absence, ListOf, User } from './people.types';
import './people.i18n';

/** Reasons offered in the form; stored as these codes and shown in the reader's language. */
export const REASONS = ['vacation', 'sick_leave', 'business_trip', 'day_off', 'other'] as const;

/** A person's absences (vacations, sick leave, trips): listed, added and removed. */
@Component({
  selector: 'app-absences-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatInputModule, TPipe],
  template: `
    <h2 data-testid="absences-title">{{ 'people.abs.title' | t }}</h2>
    <p class="intro">{{ 'people.abs.intro' | t }}</p>
    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="absences-load-error">
        {{ e }} <button mat-button type="button" (click)="reload()" data-testid="absences-retry">{{ 'common.retry' | t }}</button>
      </p>
    }
    @if (users(); as list) {
      <div class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
          <mat-label>{{ 'people.abs.person' | t }}</mat-label>
          <select matNativeControl [value]="userId()" (change)="pick($any($event.target).value)" data-testid="absences-user">
            @for (u of list; track u.id) {
              <option [value]="u.id">{{ u.name }}{{ u.active ? '' : ' (' + ('people.state.inactive' | t) + ')' }}</option>
            }
          </select>
        </mat-form-field>
      </div>

      @if (userId()) {
        <section class="card" data-testid="absence-form">
          <h3>{{ 'people.abs.add' | t: { name: userName() } }}</h3>
          @if (errors.general(); as general) {
            <p class="form-error" role="alert" data-testid="absence-error">{{ general }}</p>
          }
          <form [formGroup]="form" (ngSubmit)="add()" novalidate class="form-row">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'people.abs.from' | t }}</mat-label>
              <input matInput type="date" formControlName="from" data-testid="absence-from" />
              <mat-error data-testid="absence-error-from">{{ errors.field('from') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'people.abs.to' | t }}</mat-label>
              <input matInput type="date" formControlName="to" [min]="form.controls.from.value" data-testid="absence-to" />
              @if (days() > 0) {
                <mat-hint data-testid="absence-days">{{ i18n.plural('people.count.days', days()) }}</mat-hint>
              }
              <mat-error data-testid="absence-error-to">{{ errors.field('to') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'people.abs.reason' | t }}</mat-label>
              <select matNativeControl formControlName="reason" data-testid="absence-reason">
                @for (r of reasons; track r) {
                  <option [value]="r">{{ reasonKey(r) | t }}</option>
                }
              </select>
              @if (form.controls.reason.value !== 'other') {
                <mat-error data-testid="absence-error-reason">{{ errors.field('reason') }}</mat-error>
              }
            </mat-form-field>
            @if (form.controls.reason.value === 'other') {
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                <mat-label>{{ 'people.abs.otherReason' | t }}</mat-label>
                <input matInput formControlName="otherReason" data-testid="absence-other-reason" />
                <mat-error data-testid="absence-error-reason">{{ errors.field('reason') }}</mat-error>
              </mat-form-field>
            }
            <button mat-flat-button type="submit" class="submit" [disabled]="adding()" data-testid="absence-add">
              {{ (adding() ? 'people.saving' : 'people.abs.addButton') | t }}
            </button>
          </form>
        </section>

        @if (absences(); as items) {
          <div class="list-head">
            @if (items.length) {
              <span class="muted" data-testid="absences-count">{{ countText() }}</span>
            }
            @if (pastCount()) {
              <mat-checkbox [checked]="showPast()" (change)="showPast.set($event.checked)" data-testid="absences-show-past">
                {{ 'people.abs.showPast' | t: { n: pastCount() } }}
              </mat-checkbox>
            }
          </div>
          @if (shown().length) {
            <div class="table-wrap">
              <table class="people" data-testid="absences-table">
                <thead>
                  <tr>
                    <th>{{ 'people.abs.from' | t }}</th>
                    <th>{{ 'people.abs.to' | t }}</th>
                    <th class="num">{{ 'people.abs.days' | t }}</th>
                    <th>{{ 'people.abs.reason' | t }}</th>
                    <th>{{ 'people.col.state' | t }}</th>
                    <th class="actions-col"><span class="sr-only">{{ 'people.col.actions' | t }}</span></th>
                  </tr>
                </thead>
                <tbody>
                  @for (a of shown(); track a.id) {
                    <tr [class.past]="a.to < todayStr" [attr.data-testid]="'absence-row-' + a.id" data-row="absence">
                      <td>{{ day(a.from) }}</td>
                      <td>{{ day(a.to) }}</td>
                      <td class="num">{{ daysBetween(a.from, a.to) }}</td>
                      <td data-testid="absence-row-reason">{{ reasonText(a.reason) }}</td>
                      <td>
                        <span class="state" [class.now]="a.from <= todayStr && a.to >= todayStr" [class.on]="a.from > todayStr">{{ statusKey(a) | t }}</span>
                      </td>
                      <td class="actions">
                        <button mat-button type="button" class="danger" [disabled]="deleting()[a.id]" (click)="remove(a)" [attr.data-testid]="'absence-delete-' + a.id">
                          {{ 'people.abs.delete' | t }}
                        </button>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          } @else {
            <p class="empty" data-testid="absences-empty">{{ (items.length ? 'people.abs.noUpcoming' : 'people.abs.empty') | t: { name: userName() } }}</p>
          }
        } @else if (!listError()) {
          <p class="muted">{{ 'common.loading' | t }}</p>
        }
        @if (listError(); as e) {
          <p class="form-error" role="alert" data-testid="absences-list-error">
            {{ e }} <button mat-button type="button" (click)="loadAbsences()">{{ 'common.retry' | t }}</button>
          </p>
        }
      } @else {
        <p class="empty" data-testid="absences-no-users">{{ 'people.abs.noUsers' | t }}</p>
      }
    } @else if (!loadError()) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    }
  `,
  styleUrl: './people.css',
  styles: `
    .list-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin: 0 0 8px; font-size: 13px; }
    .form-row mat-form-field { width: 190px; }
    .form-row .submit { margin-top: 10px; }
  `,
})
export class AbsencesPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  protected readonly reasons = REASONS;
  protected readonly daysBetween = daysBetween;
  protected readonly todayStr = today();

  protected readonly users = signal<User[] | null>(null);
  protected readonly userId = signal('');
  protected readonly absences = signal<Absence[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly adding = signal(false);
  protected readonly deleting = signal<Record<string, boolean>>({});
  protected readonly showPast = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({ from: '', to: '', reason: 'vacation', otherReason: '' });
  protected readonly errors = new PeopleFormErrors(this.i18n, this.form, () => ({
    from: 'from',
    to: 'to',
    reason: this.form.controls.reason.value === 'other' ? 'otherReason' : 'reason',
  }));
  private readonly formValue = signal(this.form.getRawValue());

  protected readonly userName = computed(() => this.users()?.find((u) => u.id === this.userId())?.name ?? '');
  protected readonly days = computed(() => {
    const { from, to } = this.formValue();
    return from && to && to >= from ? daysBetween(from, to) : 0;
  });
  protected readonly pastCount = computed(() => (this.absences() ?? []).filter((a) => a.to < this.todayStr).length);
  protected readonly shown = computed(() => (this.absences() ?? []).filter((a) => this.showPast() || a.to >= this.todayStr));
  protected readonly countText = computed(() => {
    const upcoming = (this.absences() ?? []).filter((a) => a.to >= this.todayStr);
    const days = upcoming.reduce((n, a) => n + daysBetween(a.from < this.todayStr ? this.todayStr : a.from, a.to), 0);
    if (!upcoming.length) return this.i18n.t('people.abs.noneAhead');
    return this.i18n.t('people.abs.ahead', { absences: this.i18n.plural('people.count.absences', upcoming.length), days: this.i18n.plural('people.count.days', days) });
  });

  constructor() {
    this.form.valueChanges.subscribe(() => this.formValue.set(this.form.getRawValue()));
    void this.reload();
  }

  async reload(): Promise<void> {
    this.loadError.set(null);
    try {
      const users = (await this.api.get<ListOf<User>>('/users')).items;
      const sorted = [...users.filter((u) => u.active).sort(byName(this.i18n.lang())), ...users.filter((u) => !u.active).sort(byName(this.i18n.lang()))];
      this.users.set(sorted);
      const wanted = this.route.snapshot.queryParamMap.get('user');
      const me = this.session.me()?.id;
      const pick = sorted.find((u) => u.id === wanted) ?? sorted.find((u) => u.id === me) ?? sorted[0];
      if (pick) await this.pick(pick.id, false);
    } catch (err) {
      this.loadError.set(peopleErrorText(this.i18n, err));
    }
  }

  async pick(id: string, remember = true): Promise<void> {
    this.userId.set(id);
    this.errors.clear();
    if (remember) void this.router.navigate([], { relativeTo: this.route, queryParams: { user: id }, replaceUrl: true });
    await this.loadAbsences();
  }

  async loadAbsences(): Promise<void> {
    const id = this.userId();
    this.absences.set(null);
    this.listError.set(null);
    try {
      const res = await this.api.get<ListOf<Absence>>(`/users/${id}/absences`);
      if (this.userId() === id) this.absences.set(this.sort(res.items));
    } catch (err) {
      if (this.userId() === id) this.listError.set(peopleErrorText(this.i18n, err));
    }
  }

  protected day(d: string): string {
    return formatDay(this.i18n.lang(), d);
  }

  protected reasonKey(code: string): TextKey {
    return `people.reason.${code}` as TextKey;
  }

  /** A stored reason code in the reader's language; free text as it was typed. */
  protected reasonText(reason: string): string {
    const key = this.reasonKey(reason);
    const text = this.i18n.t(key);
    return text === key || reason === 'other' ? reason : text;
  }

  protected statusKey(a: Absence): TextKey {
    if (a.to < this.todayStr) return 'people.abs.past';
    if (a.from <= this.todayStr) return 'people.abs.now';
    return 'people.abs.upcoming';
  }

  async add(): Promise<void> {
    if (this.adding()) return;
    this.errors.clear();
    const v = this.form.getRawValue();
    const reason = v.reason === 'other' ? v.otherReason.trim() : v.reason;
    if (!v.from) this.errors.showLocal('from', 'people.field.from.required');
    if (!v.to) this.errors.showLocal('to', 'people.field.to.required');
    else if (v.from && v.to < v.from) this.errors.showLocal('to', 'people.field.to.beforeFrom');
    if (!reason) this.errors.showLocal('reason', 'people.field.reason.required');
    if (!v.from || !v.to || v.to < v.from || !reason) return;
    const id = this.userId();
    this.adding.set(true);
    try {
      const created = await this.api.post<Absence>(`/users/${id}/absences`, { from: v.from, to: v.to, reason });
      if (this.userId() === id) this.absences.update((l) => this.sort([...(l ?? []), created]));
      this.form.reset({ from: '', to: '', reason: v.reason, otherReason: '' });
      this.notifier.info(this.i18n.t('people.abs.added', { name: this.userName(), from: this.day(created.from), to: this.day(created.to) }));
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.adding.set(false);
    }
  }

  async remove(a: Absence): Promise<void> {
    const data: ConfirmData = {
      errorText: (err) => peopleErrorText(this.i18n, err),
      testId: 'absence-delete-dialog',
      title: this.i18n.t('people.abs.deleteTitle'),
      text: [this.i18n.t('people.abs.deleteText', { name: this.userName(), from: this.day(a.from), to: this.day(a.to), reason: this.reasonText(a.reason) })],
      confirm: this.i18n.t('people.abs.delete'),
      danger: true,
      action: () => this.api.delete(`/users/${a.userId}/absences/${a.id}`),
    };
    this.deleting.update((d) => ({ ...d, [a.id]: true }));
    try {
      const done = await firstValueFrom(this.dialog.open<ConfirmDialog, ConfirmData, unknown>(ConfirmDialog, { data, autoFocus: 'dialog' }).afterClosed());
      if (done) this.absences.update((l) => (l ?? []).filter((x) => x.id !== a.id));
    } finally {
      this.deleting.update((d) => ({ ...d, [a.id]: false }));
    }
  }

  private sort(items: Absence[]): Absence[] {
    return [...items].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }
}
