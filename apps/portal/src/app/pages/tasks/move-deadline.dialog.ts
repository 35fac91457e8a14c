import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { splitError } from './task-errors';
import { absoluteTime, dayAt, daysToNextMonday, fromLocalInput, toLocalInput } from './task-time';
import type { TaskItem } from './tasks.types';
import './tasks.i18n';

export interface MoveDeadlineData {
  task: TaskItem;
  /** The zone the date-time input is in (the portal's). */
  timeZone: string;
}

/**
 * Moves a task's deadline: a new date and time (in the portal's time zone) and the reason, which the portal
 * requires (422 `comment_required` is shown next to it). Closes with the updated task.
 */
@Component({
  selector: 'app-move-deadline-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatInputModule, TPipe],
  host: { 'data-testid': 'task-move-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'tasks.moveTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="task-name">{{ data.task.title }}</p>
        @if (current()) {
          <p class="muted" data-testid="task-move-current">{{ 'tasks.moveCurrent' | t: { date: current() } }}</p>
        }
        @if (errors().general; as general) {
          <p class="form-error" role="alert" data-testid="task-move-error">{{ general }}</p>
        }
        <div class="quick">
          @for (q of quick; track q.key) {
            <button mat-stroked-button type="button" (click)="pick(q.days(), q.hour)" [attr.data-testid]="'task-move-quick-' + q.key">{{ q.label | t }}</button>
          }
        </div>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.newDeadline' | t }}</mat-label>
          <input matInput type="datetime-local" formControlName="dueAt" data-testid="task-move-date" />
          <mat-hint>{{ 'tasks.timeZoneHint' | t: { zone: data.timeZone } }}</mat-hint>
          <mat-error data-testid="task-move-date-error">{{ errors().fields['dueAt'] }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.moveComment' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="comment" maxlength="5000" data-testid="task-move-comment"></textarea>
          <mat-hint>{{ 'tasks.moveCommentHint' | t }}</mat-hint>
          <mat-error data-testid="task-move-comment-error">{{ errors().fields['comment'] }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="task-move-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="task-move-submit">{{ (busy() ? 'tasks.saving' : 'tasks.moveSubmit') | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: min(440px, 80vw); margin-top: 12px; }
    .task-name { font-weight: 500; margin: 0 0 4px; overflow-wrap: anywhere; }
    .muted { margin: 0 0 8px; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .quick { display: flex; flex-wrap: wrap; gap: 6px; }
  `,
})
export class MoveDeadlineDialog {
  protected readonly ref = inject<MatDialogRef<MoveDeadlineDialog, TaskItem | null>>(MatDialogRef);
  protected readonly data = inject<MoveDeadlineData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    dueAt: this.data.task.dueAt ? toLocalInput(this.data.task.dueAt, this.data.timeZone) : '',
    comment: '',
  });
  private readonly error = signal<unknown>(null);
  private readonly localErrors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);

  protected readonly errors = computed(() => {
    this.i18n.lang();
    const api = splitError(this.i18n, this.error(), ['dueAt', 'comment']);
    return { fields: { ...api.fields, ...this.localErrors() }, general: api.general };
  });

  protected readonly current = computed(() => {
    const at = this.data.task.dueAt;
    return at ? absoluteTime(new Date(at), this.i18n.lang(), this.data.timeZone) : '';
  });

  protected readonly quick = [
    { key: 'hour', label: 'tasks.quick.hour' as const, days: () => -1, hour: -1 },
    { key: 'tomorrow', label: 'tasks.quick.tomorrow' as const, days: () => 1, hour: 10 },
    { key: 'days3', label: 'tasks.quick.days3' as const, days: () => 3, hour: 10 },
    { key: 'monday', label: 'tasks.quick.monday' as const, days: () => daysToNextMonday(new Date(), this.data.timeZone), hour: 10 },
  ];

  /** A quick pick: `days` ahead at `hour`:00, or (days < 0) an hour from the current deadline or now, whichever is later. */
  protected pick(days: number, hour: number): void {
    let value: string;
    if (days < 0) {
      const base = Math.max(Date.now(), this.data.task.dueAt ? new Date(this.data.task.dueAt).getTime() : 0);
      value = toLocalInput(new Date(base + 3_600_000), this.data.timeZone);
    } else {
      value = dayAt(new Date(), days, hour, 0, this.data.timeZone);
    }
    this.form.controls.dueAt.setValue(value);
    this.clearField('dueAt');
  }

  private clearField(name: 'dueAt' | 'comment'): void {
    this.localErrors.update((all) => {
      const next = { ...all };
      delete next[name];
      return next;
    });
    this.form.controls[name].setErrors(null);
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const { dueAt, comment } = this.form.getRawValue();
    const iso = fromLocalInput(dueAt, this.data.timeZone);
    const local: Record<string, string> = {};
    if (!iso) local['dueAt'] = this.i18n.t('tasks.error.dueAt');
    if (!comment.trim()) local['comment'] = this.i18n.t('tasks.error.commentRequired');
    this.error.set(null);
    this.localErrors.set(local);
    if (Object.keys(local).length) {
      for (const name of Object.keys(local) as ('dueAt' | 'comment')[]) {
        this.form.controls[name].setErrors({ api: true });
        this.form.controls[name].markAsTouched();
      }
      return;
    }
    this.busy.set(true);
    try {
      this.ref.close(await this.api.patch<TaskItem>(`/tasks/${this.data.task.id}`, { dueAt: iso, comment: comment.trim() }));
    } catch (err) {
      this.error.set(err);
      const fields = this.errors().fields;
      for (const name of ['dueAt', 'comment'] as const) {
        if (fields[name]) {
          this.form.controls[name].setErrors({ api: true });
          this.form.controls[name].markAsTouched();
        }
      }
    } finally {
      this.busy.set(false);
    }
  }
}
