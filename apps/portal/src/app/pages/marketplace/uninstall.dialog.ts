import { Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n.service';

/** What an uninstall keeps; closes with `true` to uninstall. */
@Component({
  selector: 'app-uninstall-dialog',
  imports: [MatDialogModule, MatButtonModule, TPipe],
  host: { 'data-testid': 'uninstall-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'uninstall.title' | t: { name: data.pluginName } }}</h2>
    <mat-dialog-content>
      <p>{{ 'uninstall.kept' | t }}</p>
      <ul data-testid="uninstall-kept">
        <li>{{ 'uninstall.pipelines' | t }}</li>
        <li>{{ 'uninstall.rules' | t }}</li>
        <li>{{ 'uninstall.data' | t }}</li>
        <li>{{ 'uninstall.reinstall' | t }}</li>
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(false)" cdkFocusInitial data-testid="uninstall-cancel">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="danger" (click)="ref.close(true)" data-testid="uninstall-confirm">{{ 'uninstall.confirm' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    ul { margin: 0; padding-left: 20px; line-height: 1.6; }
    .danger { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class UninstallDialog {
  protected readonly ref = inject<MatDialogRef<UninstallDialog, boolean>>(MatDialogRef);
  protected readonly data = inject<{ pluginName: string }>(MAT_DIALOG_DATA);
}
