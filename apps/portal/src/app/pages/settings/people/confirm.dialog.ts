import { Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { peopleErrorText } from './people-errors';
import './people.i18n';

export interface ConfirmData {
  title: string;
  /** Paragraphs of the explanation. */
  text: string[];
  confirm: string;
  danger?: boolean;
  /** Runs on confirm; the dialog stays open (busy) until it settles and shows its error if it fails. */
  action: () => Promise<unknown>;
  testId: string;
}

/** Asks before a consequential change and carries it out; closes with the action's result, or null. */
@Component({
  selector: 'app-people-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, TPipe],
  host: { '[attr.data-testid]': 'data.testId' },
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (p of data.text; track $index) {
        <p>{{ p }}</p>
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
    mat-dialog-content { max-width: 480px; }
    p { margin: 0 0 12px; line-height: 1.5; }
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
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.data.action();
      this.ref.close(result ?? true);
    } catch (err) {
      this.error.set(peopleErrorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }
}
