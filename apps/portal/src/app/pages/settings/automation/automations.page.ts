import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { MatSlideToggleChange } from '@angular/material/slide-toggle';
import { ApiService } from '../../../core/api.service';
import { Notifier, errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { itemsOf } from '../../deals/deals.types';
import type { FieldDef, Pipeline, User } from '../../deals/deals.types';
import { RuleEditor } from './rule-editor';
import type { AutomationTypes } from './rule-editor';
import type { RuleView } from './rule-model';
import { describeDelay, describeTrigger } from './rule-words';
import './automation.i18n';

/** The portal's automation rules: what starts each, after how long, what it does; create, edit, switch off, delete. */
@Component({
  selector: 'app-automations-page',
  imports: [MatButtonModule, MatSlideToggleModule, RouterLink, RuleEditor, TPipe],
  template: `
    <h2 data-testid="automations-title">{{ 'auto.list.title' | t }}</h2>
    @if (editing(); as e) {
      <app-rule-editor
        [rule]="e === 'new' ? null : e"
        [types]="types()"
        [pipelines]="pipelines()"
        [users]="users()"
        [fields]="fields()"
        (saved)="onSaved($event)"
        (closed)="editing.set(null)"
      />
    } @else {
      <p class="intro">{{ 'auto.list.intro' | t }}</p>
      <div class="bar">
        <button mat-flat-button type="button" (click)="editing.set('new')" [disabled]="rules() === null" data-testid="rule-new">{{ 'auto.list.new' | t }}</button>
        <a mat-button routerLink="/settings/runs" data-testid="runs-link">{{ 'auto.list.runs' | t }}</a>
      </div>
      @if (loadError(); as err) {
        <p class="form-error" role="alert" data-testid="automations-error">
          {{ err }} <button mat-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
        </p>
      } @else if (rules() === null) {
        <p class="muted">{{ 'common.loading' | t }}</p>
      } @else if (!rules()!.length) {
        <p class="empty" data-testid="automations-empty">{{ 'auto.list.empty' | t }}</p>
      } @else {
        <table data-testid="automations-table">
          <thead>
            <tr>
              <th>{{ 'auto.list.name' | t }}</th>
              <th>{{ 'auto.list.when' | t }}</th>
              <th>{{ 'auto.list.delay' | t }}</th>
              <th class="num">{{ 'auto.list.actions' | t }}</th>
              <th>{{ 'auto.list.source' | t }}</th>
              <th>{{ 'auto.list.enabled' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (r of rules(); track r.id) {
              <tr [attr.data-testid]="'rule-row-' + r.code" [class.off]="!r.enabled">
                <td>
                  <button type="button" class="link" (click)="editing.set(r)" [attr.data-testid]="'rule-edit-' + r.code">{{ r.name }}</button>
                  <div class="code">{{ r.code }}</div>
                </td>
                <td [attr.data-testid]="'rule-trigger-' + r.code">{{ trigger(r) }}</td>
                <td [attr.data-testid]="'rule-delay-' + r.code">{{ delay(r) }}</td>
                <td class="num">{{ r.actions.length }}</td>
                <td>
                  @if (r.pluginId) {
                    <span class="chip" [attr.data-testid]="'rule-source-' + r.code">{{ 'auto.list.plugin' | t: { plugin: r.pluginId } }}</span>
                  } @else {
                    <span class="chip admin" [attr.data-testid]="'rule-source-' + r.code">{{ 'auto.list.admin' | t }}</span>
                  }
                </td>
                <td>
                  <mat-slide-toggle
                    [checked]="r.enabled"
                    [disabled]="!!busy()[r.id]"
                    (change)="toggle(r, $event)"
                    [attr.aria-label]="'auto.list.enabled' | t"
                    [attr.data-testid]="'rule-toggle-' + r.code"
                  />
                </td>
                <td class="row-actions">
                  @if (confirming() === r.id) {
                    <span class="confirm" [attr.data-testid]="'rule-delete-confirm-' + r.code">
                      {{ 'auto.list.deleteQ' | t }}
                      <button mat-button class="danger" type="button" (click)="remove(r)" [disabled]="!!busy()[r.id]" [attr.data-testid]="'rule-delete-yes-' + r.code">{{ 'auto.list.deleteYes' | t }}</button>
                      <button mat-button type="button" (click)="confirming.set(null)" [attr.data-testid]="'rule-delete-no-' + r.code">{{ 'common.cancel' | t }}</button>
                    </span>
                  } @else {
                    <button mat-button type="button" (click)="editing.set(r)" [attr.data-testid]="'rule-open-' + r.code">{{ 'auto.list.edit' | t }}</button>
                    <button mat-button type="button" (click)="confirming.set(r.id)" [attr.data-testid]="'rule-delete-' + r.code">{{ 'auto.list.delete' | t }}</button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
  styles: `
    h2 { margin: 0 0 8px; font-size: 22px; font-weight: 400; }
    .intro, .muted { color: var(--mat-sys-on-surface-variant); margin: 0 0 12px; }
    .bar { display: flex; gap: 8px; margin-bottom: 12px; }
    .empty { padding: 24px; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 8px; text-align: center; color: var(--mat-sys-on-surface-variant); }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    td { padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); vertical-align: top; }
    tr.off td { color: var(--mat-sys-on-surface-variant); }
    .num { text-align: right; }
    .code { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .link { font: inherit; font-weight: 500; background: none; border: 0; padding: 0; color: var(--mat-sys-primary); cursor: pointer; text-align: left; }
    .chip { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px; background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); white-space: nowrap; }
    .chip.admin { background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .row-actions { white-space: nowrap; text-align: right; }
    .confirm { display: inline-flex; align-items: center; gap: 4px; }
    .danger { color: var(--mat-sys-error); }
    .form-error { margin: 0 0 12px; }
  `,
})
export class AutomationsPage {
  private readonly api = inject(ApiService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);

  protected readonly rules = signal<RuleView[] | null>(null);
  protected readonly types = signal<AutomationTypes>({ triggers: [], actions: [] });
  protected readonly pipelines = signal<Pipeline[]>([]);
  protected readonly users = signal<User[]>([]);
  protected readonly fields = signal<FieldDef[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly editing = signal<RuleView | 'new' | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal<Record<string, boolean>>({});

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const [rules, types, pipelines] = await Promise.all([
        this.api.get<{ items: RuleView[] } | RuleView[]>('/automations'),
        this.api.get<AutomationTypes>('/automations/types'),
        this.api.get<Pipeline[] | { items: Pipeline[] }>('/pipelines'),
      ]);
      this.rules.set(itemsOf(rules));
      this.types.set(types);
      this.pipelines.set(itemsOf(pipelines));
    } catch (err) {
      this.loadError.set(errorText(this.i18n, err));
      return;
    }
    // Names for the assignee and field pickers: the page works without them.
    try {
      const [users, fields] = await Promise.all([this.api.get<User[] | { items: User[] }>('/users?limit=200'), this.api.get<FieldDef[] | { items: FieldDef[] }>('/fields?entity=deal')]);
      this.users.set(itemsOf(users).filter((u) => u.active !== false));
      this.fields.set(itemsOf(fields));
    } catch (err) {
      this.notifier.error(err);
    }
  }

  protected trigger(r: RuleView): string {
    return describeTrigger(this.i18n, r.trigger, this.pipelines());
  }

  protected delay(r: RuleView): string {
    return describeDelay(this.i18n, r.delay);
  }

  protected onSaved(rule: RuleView): void {
    this.rules.update((list) => {
      const all = list ?? [];
      return all.some((r) => r.id === rule.id) ? all.map((r) => (r.id === rule.id ? rule : r)) : [...all, rule];
    });
    this.editing.set(null);
    this.notifier.info(this.i18n.t('auto.list.savedSnack', { name: rule.name }));
  }

  async toggle(r: RuleView, change: MatSlideToggleChange): Promise<void> {
    const enabled = change.checked;
    this.setBusy(r.id, true);
    try {
      const saved = await this.api.patch<RuleView>(`/automations/${r.id}`, { enabled });
      this.rules.update((list) => (list ?? []).map((x) => (x.id === r.id ? saved : x)));
    } catch (err) {
      // The toggle goes back to what the server has.
      change.source.checked = r.enabled !== false;
      this.notifier.error(err);
    } finally {
      this.setBusy(r.id, false);
    }
  }

  async remove(r: RuleView): Promise<void> {
    this.setBusy(r.id, true);
    try {
      await this.api.delete(`/automations/${r.id}`);
      this.rules.update((list) => (list ?? []).filter((x) => x.id !== r.id));
      this.confirming.set(null);
    } catch (err) {
      this.notifier.error(err);
    } finally {
      this.setBusy(r.id, false);
    }
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((all) => ({ ...all, [id]: on }));
  }
}
