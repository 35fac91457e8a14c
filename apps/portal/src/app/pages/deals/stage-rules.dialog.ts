import { Component, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { ApiError, ApiService } from '../../core/api.service';
import type { HelpLink } from '../../core/api.service';
import { errorText } from '../../core/errors';
import { I18nService, TPipe } from '../../core/i18n.service';
import { itemsOf } from './deals.types';
import type { Deal, FieldDef, Stage, Task, User } from './deals.types';
import { buildPatch, buildRulesModel, emptyRow, initialValues, mergeRulesModel, missingFields, placeFieldErrors } from './rules-form';
import type { Row, RuleField, RuleValues, RulesModel } from './rules-form';

export interface StageRulesData {
  deal: Deal;
  stage: Stage;
  /** The `details` of the 422 (empty when the dialog opens before any attempt, for a lost stage). */
  details: unknown[];
  defs: FieldDef[];
  users: User[];
  /** Lessons that explain the refused rules (the 422's `help`). */
  help?: HelpLink[];
}

interface Option {
  id: string;
  name: string;
}

/**
 * What a stage asks for before the deal may enter it: exactly the missing fields, the open tasks, the guards'
 * messages. Submitting sends the move and the values in one `PATCH`; closes with the moved deal.
 */
@Component({
  selector: 'app-stage-rules-dialog',
  imports: [MatDialogModule, MatButtonModule, NgTemplateOutlet, TPipe],
  host: { 'data-testid': 'stage-rules-dialog' },
  template: `
    <h2 mat-dialog-title>{{ 'rules.title' | t: { title: data.deal.title, stage: data.stage.name } }}</h2>
    <mat-dialog-content>
      <form id="stage-rules-form" (submit)="$event.preventDefault(); submit()" novalidate>
        @if (model().fields.length) {
          <p class="intro">{{ 'rules.fields' | t }}</p>
          @for (f of model().fields; track f.code) {
            @if (f.kind === 'group') {
              <fieldset class="group" [attr.data-testid]="'rule-field-' + f.code">
                <legend>{{ f.label }}</legend>
                @for (row of rows(f.code); track $index; let i = $index) {
                  <div class="row" [attr.data-testid]="'rule-row-' + f.code + '-' + i">
                    @if (f.repeatable && rows(f.code).length > 1) {
                      <div class="row-head">
                        <span>{{ 'rules.row' | t: { n: i + 1 } }}</span>
                        <button mat-button type="button" (click)="removeRow(f.code, i)" [attr.data-testid]="'rule-group-remove-' + f.code + '-' + i">
                          {{ 'rules.removeRow' | t }}
                        </button>
                      </div>
                    }
                    @for (m of f.members; track m.code) {
                      <ng-container
                        *ngTemplateOutlet="input; context: { $implicit: m, value: row[m.code], id: 'rule-field-' + f.code + '-' + i + '-' + m.code, set: rowSetter(f.code, i, m.code) }"
                      />
                    }
                  </div>
                }
                @if (f.repeatable) {
                  <button mat-stroked-button type="button" (click)="addRow(f)" [attr.data-testid]="'rule-group-add-' + f.code">
                    {{ 'rules.addRowOf' | t: { name: f.label } }}
                  </button>
                }
              </fieldset>
            } @else {
              <ng-container *ngTemplateOutlet="input; context: { $implicit: f, value: values()[f.code], id: 'rule-field-' + f.code, set: setter(f.code) }" />
            }
            @if (fieldError(f.code); as message) {
              <p class="field-error" role="alert" [attr.data-testid]="'rule-error-' + f.code">{{ message }}</p>
            }
          }
        }
        @if (model().taskIds.length) {
          <p class="intro">{{ 'rules.tasks' | t }}</p>
          <ul data-testid="rule-tasks">
            @for (id of model().taskIds; track id) {
              <li [attr.data-testid]="'rule-task-' + id">{{ taskTitle(id) }}</li>
            }
          </ul>
        }
        @if (model().guards.length) {
          <p class="intro">{{ 'rules.guards' | t }}</p>
          <ul data-testid="rule-guards">
            @for (g of model().guards; track g.guard) {
              <li [attr.data-testid]="'rule-guard-' + g.guard">{{ g.message }}</li>
            }
          </ul>
        }
        @if (general(); as message) {
          <p class="form-error" role="alert" data-testid="stage-rules-error">{{ message }}</p>
        }
        @if (help().length) {
          <p class="help" data-testid="stage-rules-help">
            <span>{{ 'rules.learnHow' | t }}</span>
            @for (h of help(); track h.lessonId) {
              <a [href]="helpHref(h)" target="_blank" rel="noopener" [attr.data-testid]="'rule-help-' + h.lessonId">{{ h.title }}</a>
            }
          </p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(null)" data-testid="stage-rules-cancel">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="submit" form="stage-rules-form" [disabled]="busy()" data-testid="stage-rules-submit">{{ 'rules.submit' | t }}</button>
    </mat-dialog-actions>

    <ng-template #input let-f let-value="value" let-id="id" let-set="set">
      <label class="field" [class.check]="f.kind === 'checkbox'" [attr.data-testid]="id">
        <span class="label">{{ f.label }}</span>
        @switch (f.kind) {
          @case ('textarea') {
            <textarea rows="3" [value]="value ?? ''" (input)="set($any($event.target).value)"></textarea>
          }
          @case ('number') {
            <input type="number" step="any" [value]="value ?? ''" (input)="set($any($event.target).value)" />
          }
          @case ('money') {
            <input type="number" step="0.01" min="0" [value]="value ?? ''" (input)="set($any($event.target).value)" />
          }
          @case ('date') {
            <input type="date" [value]="value ?? ''" (input)="set($any($event.target).value)" (change)="set($any($event.target).value)" />
          }
          @case ('datetime') {
            <input type="datetime-local" [value]="value ?? ''" (input)="set($any($event.target).value)" (change)="set($any($event.target).value)" />
          }
          @case ('checkbox') {
            <input type="checkbox" [checked]="value === true" (change)="set($any($event.target).checked)" />
          }
          @case ('select') {
            <select (change)="set($any($event.target).value)">
              <option value="" [selected]="!value">{{ 'rules.choose' | t }}</option>
              @for (o of f.options; track o) {
                <option [value]="o" [selected]="o === value">{{ o }}</option>
              }
            </select>
          }
          @case ('multiselect') {
            <select multiple (change)="set(selected($event))">
              @for (o of f.options; track o) {
                <option [value]="o" [selected]="$any(value)?.includes(o)">{{ o }}</option>
              }
            </select>
          }
          @case ('user') {
            <select (change)="set($any($event.target).value)">
              <option value="" [selected]="!value">{{ 'rules.choose' | t }}</option>
              @for (u of data.users; track u.id) {
                <option [value]="u.id" [selected]="u.id === value">{{ u.name }}</option>
              }
            </select>
          }
          @case ('company') {
            <select (change)="set($any($event.target).value)">
              <option value="" [selected]="!value">{{ 'rules.choose' | t }}</option>
              @for (o of companies(); track o.id) {
                <option [value]="o.id" [selected]="o.id === value">{{ o.name }}</option>
              }
            </select>
          }
          @case ('contacts') {
            <select multiple (change)="set(selected($event))">
              @for (o of contacts(); track o.id) {
                <option [value]="o.id" [selected]="$any(value)?.includes(o.id)">{{ o.name }}</option>
              }
            </select>
          }
          @default {
            <input type="text" [value]="value ?? ''" (input)="set($any($event.target).value)" />
          }
        }
      </label>
    </ng-template>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 8px; min-width: min(480px, 80vw); }
    .intro { margin: 8px 0 0; font-weight: 500; }
    .field { display: flex; flex-direction: column; gap: 4px; }
    .field.check { flex-direction: row-reverse; justify-content: flex-end; align-items: center; gap: 8px; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    input:not([type='checkbox']), select, textarea {
      font: inherit; padding: 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }
    .group { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 12px 12px; display: flex; flex-direction: column; gap: 8px; }
    .row { display: flex; flex-direction: column; gap: 6px; padding-bottom: 8px; border-bottom: 1px dashed var(--mat-sys-outline-variant); }
    .row-head { display: flex; justify-content: space-between; align-items: center; font-weight: 500; }
    .field-error, .form-error { color: var(--mat-sys-error); margin: 0; font-size: 13px; }
    ul { margin: 0; padding-left: 20px; }
    .help { margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; }
    .help span { color: var(--mat-sys-on-surface-variant); }
    .help a { color: var(--mat-sys-primary); }
  `,
})
export class StageRulesDialog {
  protected readonly ref = inject<MatDialogRef<StageRulesDialog, Deal | null>>(MatDialogRef);
  protected readonly data = inject<StageRulesData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  protected readonly model = signal<RulesModel>(buildRulesModel(this.data.details, this.data.defs, this.i18n, { lost: this.data.stage.kind === 'lost' }));
  protected readonly values = signal<RuleValues>(initialValues(this.model()));
  protected readonly busy = signal(false);
  private readonly errors = signal<Record<string, string>>({});
  private readonly error = signal<string | null>(null);
  private readonly tasks = signal<Task[]>([]);
  protected readonly contacts = signal<Option[]>([]);
  protected readonly companies = signal<Option[]>([]);
  protected readonly general = computed(() => this.error());
  protected readonly help = signal<HelpLink[]>(this.data.help ?? []);

  constructor() {
    void this.loadExtras();
  }

  protected rows(code: string): Row[] {
    const v = this.values()[code];
    return Array.isArray(v) ? (v as Row[]) : [((v ?? {}) as Row)];
  }

  protected setter(code: string): (v: unknown) => void {
    return (v) => {
      this.values.update((all) => ({ ...all, [code]: v }));
      this.clearError(code);
    };
  }

  protected rowSetter(code: string, index: number, member: string): (v: unknown) => void {
    return (v) => {
      this.values.update((all) => {
        const current = all[code];
        if (Array.isArray(current)) return { ...all, [code]: current.map((r: Row, i: number) => (i === index ? { ...r, [member]: v } : r)) };
        return { ...all, [code]: { ...((current ?? {}) as Row), [member]: v } };
      });
      this.clearError(code);
    };
  }

  protected addRow(f: RuleField): void {
    this.values.update((all) => ({ ...all, [f.code]: [...this.rows(f.code), emptyRow(f)] }));
  }

  protected removeRow(code: string, index: number): void {
    this.values.update((all) => ({ ...all, [code]: this.rows(code).filter((_, i) => i !== index) }));
  }

  protected selected(event: Event): string[] {
    return Array.from((event.target as HTMLSelectElement).selectedOptions).map((o) => o.value);
  }

  protected fieldError(code: string): string | null {
    return this.errors()[code] ?? null;
  }

  /** The lesson in the training section, opened in a new tab so the board and this dialog stay. */
  protected helpHref(h: HelpLink): string {
    return `/training/course?id=${encodeURIComponent(h.courseId)}&lesson=${encodeURIComponent(h.lessonId)}`;
  }

  protected taskTitle(id: string): string {
    return this.tasks().find((t) => t.id === id)?.title ?? id;
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const missing = missingFields(this.model(), this.values());
    if (missing.length) {
      this.errors.set(Object.fromEntries(missing.map((code) => [code, this.i18n.t('rules.required')])));
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.errors.set({});
    try {
      const deal = await this.api.patch<Deal>(`/deals/${this.data.deal.id}`, buildPatch(this.data.stage.id, this.model(), this.values()));
      this.ref.close(deal);
    } catch (err) {
      this.show(err);
    } finally {
      this.busy.set(false);
    }
  }

  private show(err: unknown): void {
    if (err instanceof ApiError && err.code === 'stage_rules_unmet') {
      const next = mergeRulesModel(this.model(), buildRulesModel(err.details, this.data.defs, this.i18n));
      this.model.set(next);
      this.values.set(initialValues(next, this.values()));
      const still = err.details.flatMap((d) => ((d as { rule?: string }).rule === 'requiredField' ? [String((d as { field?: unknown }).field)] : []));
      this.errors.set(Object.fromEntries(still.map((code) => [code, this.i18n.t('rules.required')])));
      this.error.set(errorText(this.i18n, err));
      if (err.help.length) this.help.set(err.help);
      void this.loadExtras();
      return;
    }
    if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
      const { byField, unplaced } = placeFieldErrors(err, this.model());
      this.errors.set(byField);
      this.error.set(unplaced.length ? unplaced.join(' ') : null);
      return;
    }
    this.error.set(errorText(this.i18n, err));
  }

  private clearError(code: string): void {
    if (!this.errors()[code]) return;
    this.errors.update(({ [code]: _gone, ...rest }) => rest);
  }

  /** Titles of the open tasks; contacts and companies to choose from when those are asked for. */
  private async loadExtras(): Promise<void> {
    const model = this.model();
    const jobs: Promise<void>[] = [];
    if (model.taskIds.length && model.taskIds.some((id) => !this.tasks().some((t) => t.id === id))) {
      jobs.push(this.api.get<Task[] | { items: Task[] }>(`/tasks?dealId=${this.data.deal.id}&limit=200`).then((r) => this.tasks.set(itemsOf(r))));
    }
    if (model.fields.some((f) => f.kind === 'contacts') && !this.contacts().length) {
      jobs.push(this.api.get<Option[] | { items: Option[] }>('/contacts?limit=200').then((r) => this.contacts.set(itemsOf(r))));
    }
    if (model.fields.some((f) => f.kind === 'company') && !this.companies().length) {
      jobs.push(this.api.get<Option[] | { items: Option[] }>('/companies?limit=200').then((r) => this.companies.set(itemsOf(r))));
    }
    try {
      await Promise.all(jobs);
    } catch (err) {
      this.error.set(errorText(this.i18n, err));
    }
  }
}
