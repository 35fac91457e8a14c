import { Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../../core/i18n.service';
import './setup.i18n';

export interface ConfirmData {
  title: string;
  message: string;
  /** What else the action changes (one line each). */
  items?: string[];
  confirm: string;
}

/** Asks before something that cannot be undone; closes with `true` to go ahead. */
@Component({
  selector: 'app-setup-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, TPipe],
  host: { 'data-testid': 'confirm-dialog' },
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      @if (data.items?.length) {
        <ul data-testid="confirm-items">
          @for (item of data.items; track $index) {
            <li>{{ item }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(false)" cdkFocusInitial data-testid="confirm-cancel">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="danger" (click)="ref.close(true)" data-testid="confirm-ok">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    ul { margin: 0; padding-left: 20px; line-height: 1.6; }
    .danger { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class SetupConfirmDialog {
  protected readonly ref = inject<MatDialogRef<SetupConfirmDialog, boolean>>(MatDialogRef);
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}
