import { Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { errorText } from './errors';
import { I18nService, TPipe } from './i18n.service';

export interface ConfirmData {
  title: string;
  /** Paragraphs of the explanation. */
  text: string[];
  /** What else the change touches, one line each. */
  items?: string[];
  confirm: string;
  danger?: boolean;
  /**
   * Carried out on confirm: the dialog stays open (busy) until it settles, shows its error in words if it
   * fails, and closes with its result. Without it the dialog closes with `true`.
   */
  action?: () => Promise<unknown>;
  /** The action's error in the words of the page that asks (default: the portal's general wording). */
  errorText?: (err: unknown) => string;
  testId?: string;
}

/** Asks before a consequential change (and may carry it out); closes with the result, or null when cancelled. */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, TPipe],
  host: { '[attr.data-testid]': "data.testId ?? 'confirm-dialog'" },
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (p of data.text; track $index) {
        <p>{{ p }}</p>
      }
      @if (data.items?.length) {
        <ul data-testid="confirm-items">
          @for (item of data.items; track $index) {
            <li>{{ item }}</li>
          }
        </ul>
      }
      @if (error(); as e) {
        <p class="form-error" role="alert" data-testid="confirm-error">{{ e }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(null)" cdkFocusInitial data-testid="confirm-cancel">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" [class.danger]="data.danger" [disabled]="busy()" (click)="run()" data-testid="confirm-ok">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content { max-width: 520px; }
    p { margin: 0 0 12px; line-height: 1.5; }
    ul { margin: 0; padding-left: 20px; line-height: 1.6; }
    .danger { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class ConfirmDialog {
  protected readonly ref = inject<MatDialogRef<ConfirmDialog, unknown>>(MatDialogRef);
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18nService);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  async run(): Promise<void> {
    if (!this.data.action) {
      this.ref.close(true);
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.data.action();
      this.ref.close(result ?? true);
    } catch (err) {
      this.error.set(this.data.errorText ? this.data.errorText(err) : errorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }
}
