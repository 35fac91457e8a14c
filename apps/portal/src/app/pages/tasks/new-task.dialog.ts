import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';
import { splitError, taskErrorText } from './task-errors';
import { dayAt, fromLocalInput, safeZone, toLocalInput } from './task-time';
import type { TaskItem, TaskUser } from './tasks.types';
import './tasks.i18n';

export interface NewTaskData {
  /** Set the task on this deal (the deal card); the deal picker is then hidden. */
  dealId?: string | null;
  dealTitle?: string | null;
  /** Preselected assignee (default: the signed-in user). */
  assigneeId?: string | null;
  /** Users to choose from, when the caller has them already; otherwise loaded. */
  users?: TaskUser[];
}

interface DealRef {
  id: string;
  title: string;
}

const FIELDS = ['title', 'assigneeId', 'dueAt', 'dealId', 'resultOptions', 'description'];

/** A new task: title, assignee, deadline (portal time zone), optional deal, result options and description. Closes with the created task. */
@Component({
  selector: 'app-new-task-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatInputModule, TPipe],
  host: { 'data-testid': 'task-new-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'tasks.newTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (errors().general; as general) {
          <p class="form-error" role="alert" data-testid="task-new-error">{{ general }}</p>
        }
        @if (data.dealId) {
          <p class="muted" data-testid="task-new-deal-fixed">{{ 'tasks.onDeal' | t: { title: data.dealTitle || ('tasks.deal' | t) } }}</p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.field.title' | t }}</mat-label>
          <input matInput formControlName="title" maxlength="500" data-testid="task-new-title" />
          <mat-error data-testid="task-new-title-error">{{ errors().fields['title'] }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'tasks.field.assignee' | t }}</mat-label>
            <select matNativeControl formControlName="assigneeId" data-testid="task-new-assignee">
              @if (!users().length) {
                <option value="">{{ usersError() ? '—' : ('common.loading' | t) }}</option>
              }
              @for (u of users(); track u.id) {
                <option [value]="u.id">{{ u.name }}{{ u.id === meId ? ' ' + ('tasks.me' | t) : '' }}</option>
              }
            </select>
            <mat-error data-testid="task-new-assignee-error">{{ errors().fields['assigneeId'] }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'tasks.field.dueAt' | t }}</mat-label>
            <input matInput type="datetime-local" formControlName="dueAt" data-testid="task-new-due" />
            <mat-hint>{{ 'tasks.timeZoneHint' | t: { zone: zone } }}</mat-hint>
            <mat-error data-testid="task-new-due-error">{{ errors().fields['dueAt'] }}</mat-error>
          </mat-form-field>
        </div>
        @if (usersError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        @if (!data.dealId) {
          <div class="row">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'tasks.field.dealSearch' | t }}</mat-label>
              <input matInput type="search" (input)="searchDeals($event)" data-testid="task-new-deal-search" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'tasks.field.deal' | t }}</mat-label>
              <select matNativeControl formControlName="dealId" data-testid="task-new-deal">
                <option value="">{{ 'tasks.noDeal' | t }}</option>
                @for (d of deals(); track d.id) {
                  <option [value]="d.id">{{ d.title }}</option>
                }
              </select>
              <mat-error data-testid="task-new-deal-error">{{ errors().fields['dealId'] }}</mat-error>
            </mat-form-field>
          </div>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.field.resultOptions' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="resultOptions" data-testid="task-new-options"></textarea>
          <mat-hint>{{ 'tasks.field.resultOptionsHint' | t }}</mat-hint>
          <mat-error data-testid="task-new-options-error">{{ errors().fields['resultOptions'] }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.field.description' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="description" data-testid="task-new-description"></textarea>
          <mat-error>{{ errors().fields['description'] }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="task-new-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="task-new-submit">{{ (busy() ? 'tasks.saving' : 'tasks.create') | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: 100%; margin-bottom: 12px; }
    mat-dialog-content { width: min(560px, 84vw); }
    .row { display: flex; gap: 12px; flex-wrap: wrap; }
    .row > mat-form-field { flex: 1 1 220px; min-width: 0; }
    .muted { margin: 0 0 8px; font-size: 13px; color: var(--mat-sys-on-surface-variant); overflow-wrap: anywhere; }
  `,
})
export class NewTaskDialog {
  protected readonly ref = inject<MatDialogRef<NewTaskDialog, TaskItem | null>>(MatDialogRef);
  protected readonly data = inject<NewTaskData | null>(MAT_DIALOG_DATA, { optional: true }) ?? {};
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);

  protected readonly meId = this.session.me()?.id ?? '';
  protected readonly zone = safeZone(this.session.me()?.portal?.timezone);
  protected readonly users = signal<TaskUser[]>((this.data.users ?? []).filter((u) => u.active !== false));
  protected readonly usersError = signal<string | null>(null);
  protected readonly deals = signal<DealRef[]>([]);
  protected readonly busy = signal(false);
  private readonly error = signal<unknown>(null);
  private readonly localErrors = signal<Record<string, string>>({});
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private searchSeq = 0;

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: '',
    assigneeId: this.data.assigneeId ?? this.meId,
    dueAt: defaultDeadline(this.zone),
    dealId: '',
    resultOptions: '',
    description: '',
  });

  protected readonly errors = computed(() => {
    this.i18n.lang();
    const api = splitError(this.i18n, this.error(), this.data.dealId ? FIELDS.filter((f) => f !== 'dealId') : FIELDS);
    return { fields: { ...api.fields, ...this.localErrors() }, general: api.general };
  });

  constructor() {
    if (!this.users().length) void this.loadUsers();
    else this.keepAssigneeIn(this.users());
    if (!this.data.dealId) void this.loadDeals('');
  }

  private async loadUsers(): Promise<void> {
    try {
      const res = await this.api.get<{ items: TaskUser[] }>('/users?active=true');
      const list = (res.items ?? []).filter((u) => u.active !== false).sort((a, b) => a.name.localeCompare(b.name));
      this.users.set(list);
      this.keepAssigneeIn(list);
    } catch (err) {
      this.usersError.set(taskErrorText(this.i18n, err));
    }
  }

  /** The preselected assignee when they are in the list (the select shows it once the option exists), else the first user. */
  private keepAssigneeIn(list: TaskUser[]): void {
    const wanted = this.form.controls.assigneeId.value;
    this.form.controls.assigneeId.setValue(list.some((u) => u.id === wanted) ? wanted : (list[0]?.id ?? ''));
  }

  protected searchDeals(event: Event): void {
    const q = (event.target as HTMLInputElement).value;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadDeals(q), 250);
  }

  private async loadDeals(q: string): Promise<void> {
    const seq = ++this.searchSeq;
    try {
      const query = q.trim() ? `&q=${encodeURIComponent(q.trim())}` : '';
      const res = await this.api.get<{ items: DealRef[] }>(`/deals?limit=30${query}`);
      if (seq !== this.searchSeq) return;
      const chosen = this.form.controls.dealId.value;
      const keep = this.deals().find((d) => d.id === chosen);
      const items = (res.items ?? []).map((d) => ({ id: d.id, title: d.title }));
      this.deals.set(keep && !items.some((d) => d.id === keep.id) ? [keep, ...items] : items);
      // Searching narrows the list: the first match is picked unless a deal was chosen already.
      if (q.trim() && !keep && items.length) this.form.controls.dealId.setValue(items[0].id);
    } catch (err) {
      if (seq === this.searchSeq) this.usersError.set(taskErrorText(this.i18n, err));
    }
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const v = this.form.getRawValue();
    const dueAt = fromLocalInput(v.dueAt, this.zone);
    const local: Record<string, string> = {};
    if (!v.title.trim()) local['title'] = this.i18n.t('tasks.error.title');
    if (!v.assigneeId) local['assigneeId'] = this.i18n.t('tasks.error.assignee');
    if (!dueAt) local['dueAt'] = this.i18n.t('tasks.error.dueAt');
    this.error.set(null);
    this.localErrors.set(local);
    if (Object.keys(local).length) {
      this.markInvalid(Object.keys(local));
      return;
    }
    const body: Record<string, unknown> = { title: v.title.trim(), assigneeId: v.assigneeId, dueAt };
    const dealId = this.data.dealId || v.dealId;
    if (dealId) body['dealId'] = dealId;
    const options = v.resultOptions
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    if (options.length) body['resultOptions'] = options;
    if (v.description.trim()) body['description'] = v.description.trim();
    this.busy.set(true);
    try {
      this.ref.close(await this.api.post<TaskItem>('/tasks', body));
    } catch (err) {
      this.error.set(err);
      this.markInvalid(Object.keys(this.errors().fields));
    } finally {
      this.busy.set(false);
    }
  }

  private markInvalid(names: string[]): void {
    for (const name of names) {
      const control = this.form.get(name);
      control?.setErrors({ api: true });
      control?.markAsTouched();
    }
  }
}

/** Today at 18:00 in the zone, or an hour from now (on the hour) when that has passed. */
export function defaultDeadline(timeZone: string, now = new Date()): string {
  const evening = dayAt(now, 0, 18, 0, timeZone);
  const eveningIso = fromLocalInput(evening, timeZone);
  if (eveningIso && new Date(eveningIso).getTime() > now.getTime() + 30 * 60_000) return evening;
  const next = new Date(Math.ceil((now.getTime() + 3_600_000) / 3_600_000) * 3_600_000);
  return toLocalInput(next, timeZone);
}
