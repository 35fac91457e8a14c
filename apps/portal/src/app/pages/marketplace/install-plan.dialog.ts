import { Component, computed, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { I18nService, TPipe } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import { describePlan, summarizePlan } from './plan-summary';
import type { PlanStep } from './plan-summary';

export interface InstallPlanData {
  pluginId: string;
  pluginName: string;
  plan: PlanStep[];
  /** Display names of the catalog's plugins, by id. */
  names: Record<string, string>;
}

/** The dry run of an install in words, then each step; closes with `true` to install. */
@Component({
  selector: 'app-install-plan-dialog',
  imports: [MatDialogModule, MatButtonModule, TPipe],
  host: { 'data-testid': 'install-plan' },
  template: `
    <h2 mat-dialog-title>{{ 'plan.title' | t: { name: data.pluginName } }}</h2>
    <mat-dialog-content>
      <div class="summary" data-testid="install-plan-summary">
        @for (line of lines(); track $index) {
          <p>{{ line }}</p>
        }
      </div>
      @if (data.plan.length) {
        <h3 class="details">{{ 'plan.details' | t }}</h3>
        <ul class="steps" data-testid="install-plan-steps">
          @for (step of data.plan; track $index) {
            <li [class]="'step ' + step.action" data-testid="install-plan-step">
              <span class="kind">{{ kindLabel(step) }}</span>
              <code>{{ stepCode(step) }}</code>
              <span class="action">{{ actionLabel(step) }}</span>
              @if (step.changes?.length) {
                <span class="changes">({{ step.changes!.join(', ') }})</span>
              }
            </li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(false)" data-testid="install-cancel">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" (click)="ref.close(true)" cdkFocusInitial data-testid="install-confirm">{{ 'plan.confirm' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .summary p { margin: 0 0 8px; color: var(--mat-sys-on-surface); }
    .details { font-size: 14px; font-weight: 500; margin: 16px 0 4px; }
    .steps { margin: 0; padding-left: 18px; font-size: 13px; line-height: 1.7; }
    .kind { font-weight: 500; }
    .action { color: var(--mat-sys-on-surface-variant); }
    .action::before { content: '— '; }
    .conflict .action { color: var(--mat-sys-error); }
    .changes { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class InstallPlanDialog {
  protected readonly ref = inject<MatDialogRef<InstallPlanDialog, boolean>>(MatDialogRef);
  protected readonly data = inject<InstallPlanData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18nService);
  private readonly summary = summarizePlan(this.data.plan, this.data.pluginId);

  protected readonly lines = computed(() => describePlan(this.i18n, this.summary, (id) => this.data.names[id] ?? id));

  protected kindLabel(step: PlanStep): string {
    return this.text(`kind.${step.kind}`, step.kind);
  }

  protected actionLabel(step: PlanStep): string {
    return this.text(`action.${step.action}`, step.action);
  }

  protected stepCode(step: PlanStep): string {
    if (step.kind === 'stage' && step.pipeline) return `${step.pipeline} / ${step.code}`;
    if (step.kind === 'field' && step.entity) return `${step.entity}.${step.code}`;
    if (step.kind === 'plugin') return this.data.names[step.code] ?? step.code;
    return step.code;
  }

  private text(key: string, fallback: string): string {
    const t = this.i18n.t(key as TextKey);
    return t === key ? fallback : t;
  }
}
