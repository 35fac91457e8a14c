import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { FormErrors } from '../../core/form-errors';
import type { Deal } from './deals.types';

/** A new deal in the given pipeline (its first stage); closes with the created deal. */
@Component({
  selector: 'app-new-deal-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatInputModule, TPipe],
  host: { 'data-testid': 'deal-new-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'newDeal.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="deal-new-error">{{ general }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'newDeal.name' | t }}</mat-label>
          <input matInput formControlName="title" cdkFocusInitial data-testid="deal-new-title" />
          <mat-error data-testid="error-title">{{ errors.field('title') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'newDeal.budget' | t }}</mat-label>
          <input matInput type="number" step="0.01" min="0" formControlName="budget" data-testid="deal-new-budget" />
          <mat-error data-testid="error-budget">{{ errors.field('budget') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="deal-new-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="deal-new-submit">{{ 'newDeal.submit' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: min(420px, 80vw); }
    .form-error { color: var(--mat-sys-error); }
  `,
})
export class NewDealDialog {
  protected readonly ref = inject<MatDialogRef<NewDealDialog, Deal | null>>(MatDialogRef);
  private readonly data = inject<{ pipeline: string }>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({ title: '', budget: '' });
  protected readonly errors = new FormErrors(this.i18n, this.form, { title: 'title', budget: 'budget' });
  protected readonly busy = signal(false);

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.clear();
    const { title, budget } = this.form.getRawValue();
    const body: Record<string, unknown> = { title: title.trim(), pipeline: this.data.pipeline };
    const amount = String(budget ?? '').trim();
    if (amount) body['budget'] = amount;
    try {
      this.ref.close(await this.api.post<Deal>('/deals', body));
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
