import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../../core/api.service';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { PeopleFormErrors } from './people-errors';
import { byName } from './people.types';
import type { User } from './people.types';
import './people.i18n';

export interface DeleteUserData {
  user: User;
  users: User[];
  selfId: string;
}

/** What `DELETE /users/:id` answers: how many of each were handed over. */
export interface DeleteUserResult {
  id: string;
  deleted: boolean;
  transferTo: string;
  transferred: Partial<Record<'deals' | 'tasks' | 'contacts' | 'companies', number>>;
  /** The name of who received the work. */
  receiverName: string;
}

/**
 * Deletes a user after handing their deals, tasks, contacts and companies to another active user, who must
 * be chosen; closes with what was handed over, or null.
 */
@Component({
  selector: 'app-delete-user-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatInputModule, TPipe],
  host: { 'data-testid': 'delete-user-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'people.delete.title' | t: { name: data.user.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ 'people.delete.intro' | t: { name: data.user.name } }}</p>
        <ul data-testid="delete-user-what">
          <li>{{ 'people.delete.deals' | t }}</li>
          <li>{{ 'people.delete.tasks' | t }}</li>
          <li>{{ 'people.delete.contacts' | t }}</li>
          <li>{{ 'people.delete.companies' | t }}</li>
        </ul>
        <p>{{ 'people.delete.rest' | t: { name: data.user.name } }}</p>
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="delete-user-error">{{ general }}</p>
        }
        @if (candidates().length) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'people.delete.receiver' | t }}</mat-label>
            <select matNativeControl formControlName="transferTo" data-testid="delete-user-transfer">
              <option value="" disabled>{{ 'people.delete.choose' | t }}</option>
              @for (u of candidates(); track u.id) {
                <option [value]="u.id">{{ u.id === data.selfId ? ('people.you' | t: { name: u.name }) : u.name }} · {{ u.email }}</option>
              }
            </select>
            <mat-hint>{{ 'people.delete.receiverHint' | t }}</mat-hint>
            <mat-error data-testid="delete-user-error-transferTo">{{ errors.field('transferTo') }}</mat-error>
          </mat-form-field>
        } @else {
          <p class="form-error" data-testid="delete-user-nobody">{{ 'people.delete.nobody' | t }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="delete-user-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button class="danger" type="submit" [disabled]="busy() || !form.controls.transferTo.value" data-testid="delete-user-submit">
          {{ (busy() ? 'people.delete.deleting' : 'people.delete.submit') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content { width: min(520px, 84vw); }
    p { margin: 0 0 12px; line-height: 1.5; }
    ul { margin: 0 0 12px; padding-left: 20px; line-height: 1.6; }
    mat-form-field { display: block; width: 100%; margin-top: 8px; }
    .danger:not(:disabled) { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class DeleteUserDialog {
  protected readonly ref = inject<MatDialogRef<DeleteUserDialog, DeleteUserResult | null>>(MatDialogRef);
  protected readonly data = inject<DeleteUserData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({ transferTo: '' });
  protected readonly errors = new PeopleFormErrors(this.i18n, this.form, { transferTo: 'transferTo' });
  protected readonly busy = signal(false);

  /** Who may receive the work: active users other than the one deleted; the signed-in user first. */
  protected readonly candidates = computed(() => {
    const others = this.data.users.filter((u) => u.active && u.id !== this.data.user.id).sort(byName(this.i18n.lang()));
    return [...others.filter((u) => u.id === this.data.selfId), ...others.filter((u) => u.id !== this.data.selfId)];
  });

  async submit(): Promise<void> {
    const transferTo = this.form.controls.transferTo.value;
    if (this.busy() || !transferTo) return;
    this.busy.set(true);
    this.errors.clear();
    try {
      const res = await this.api.delete<Omit<DeleteUserResult, 'receiverName'>>(`/users/${encodeURIComponent(this.data.user.id)}?transferTo=${encodeURIComponent(transferTo)}`);
      const receiver = this.data.users.find((u) => u.id === transferTo);
      this.ref.close({ ...res, transferred: res?.transferred ?? {}, receiverName: receiver?.name ?? '' });
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
