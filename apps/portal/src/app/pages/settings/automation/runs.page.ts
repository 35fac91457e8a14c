import { Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { ApiService } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { itemsOf } from '../../deals/deals.types';
import type { Page } from '../../deals/deals.types';
import { RUN_STATUSES } from './rule-model';
import type { RuleView } from './rule-model';
import { dateTime, known, reasonText } from './rule-words';
import './automation.i18n';

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export interface RunView {
  id: string;
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  dealId: string | null;
  status: string;
  reason: string | null;
  error: string | null;
  attempts: number;
  repetition: number;
  dueAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  result: Record<string, unknown> | null;
  deliveries?: { kind: string; status: string; attempts: number; error: string | null }[];
}

/** The run log: what ran, when, for which deal, with which result; skipped runs say why. Filters live in the address. */
@Component({
  selector: 'app-automation-runs-page',
  imports: [MatButtonModule, RouterLink, TPipe],
  template: `
    <h2 data-testid="runs-title">{{ 'auto.runs.title' | t }}</h2>
    <form class="filters" (submit)="$event.preventDefault(); apply()" data-testid="runs-filters">
      <label>
        <span class="label">{{ 'auto.runs.deal' | t }}</span>
        <input [value]="dealId()" (input)="dealId.set(val($event))" [placeholder]="'auto.runs.dealHint' | t" spellcheck="false" data-testid="runs-filter-deal" />
      </label>
      <label>
        <span class="label">{{ 'auto.runs.rule' | t }}</span>
        <select (change)="ruleId.set(val($event)); apply()" data-testid="runs-filter-rule">
          <option value="" [selected]="!ruleId()">{{ 'auto.runs.allRules' | t }}</option>
          @for (r of rules(); track r.id) {
            <option [value]="r.id" [selected]="r.id === ruleId()">{{ r.name }}</option>
          }
        </select>
      </label>
      <label>
        <span class="label">{{ 'auto.runs.status' | t }}</span>
        <select (change)="status.set(val($event)); apply()" data-testid="runs-filter-status">
          <option value="" [selected]="!status()">{{ 'auto.runs.allStatuses' | t }}</option>
          @for (s of statuses; track s) {
            <option [value]="s" [selected]="s === status()">{{ statusName(s) }}</option>
          }
        </select>
      </label>
      <button mat-stroked-button type="submit" data-testid="runs-apply">{{ 'auto.runs.apply' | t }}</button>
      <button mat-button type="button" (click)="reset()" data-testid="runs-reset">{{ 'auto.runs.reset' | t }}</button>
      <button mat-button type="button" (click)="reload()" [disabled]="loading()" data-testid="runs-refresh">{{ 'auto.runs.refresh' | t }}</button>
    </form>
    @if (filterError(); as e) {
      <p class="form-error" role="alert" data-testid="runs-filter-error">{{ e }}</p>
    }
    @if (error(); as e) {
      <p class="form-error" role="alert" data-testid="runs-error">{{ e }} <button mat-button type="button" (click)="reload()">{{ 'common.retry' | t }}</button></p>
    }
    @if (runs() === null) {
      @if (!error()) { <p class="muted">{{ 'common.loading' | t }}</p> }
    } @else if (!runs()!.length) {
      <p class="empty" data-testid="runs-empty">{{ (filtered() ? 'auto.runs.emptyFiltered' : 'auto.runs.empty') | t }}</p>
    } @else {
      <table data-testid="runs-table">
        <thead>
          <tr>
            <th>{{ 'auto.runs.when' | t }}</th>
            <th>{{ 'auto.runs.rule' | t }}</th>
            <th>{{ 'auto.runs.deal' | t }}</th>
            <th>{{ 'auto.runs.status' | t }}</th>
            <th>{{ 'auto.runs.outcome' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (run of runs(); track run.id) {
            <tr data-testid="run-row" [attr.data-status]="run.status" [attr.data-rule]="run.ruleCode">
              <td class="when">
                {{ when(run) }}
                @if (run.status === 'scheduled') { <div class="muted small">{{ 'auto.runs.planned' | t }}</div> }
              </td>
              <td>
                <button type="button" class="link" (click)="filterRule(run.ruleId)" [title]="'auto.runs.onlyRule' | t">{{ run.ruleName }}</button>
                @if (run.repetition) { <div class="muted small">{{ 'auto.runs.repetition' | t: { n: run.repetition } }}</div> }
              </td>
              <td>
                @if (run.dealId) {
                  <a [routerLink]="['/deals', run.dealId]" data-testid="run-deal-link">{{ 'auto.runs.openDeal' | t }}</a>
                  <button type="button" class="link small" (click)="filterDeal(run.dealId)">{{ 'auto.runs.onlyDeal' | t }}</button>
                } @else {
                  <span class="muted">—</span>
                }
              </td>
              <td><span class="status" [class]="'status s-' + run.status" data-testid="run-status">{{ statusName(run.status) }}</span></td>
              <td class="outcome" data-testid="run-outcome">
                @switch (run.status) {
                  @case ('done') {
                    {{ doneText(run) }}
                  }
                  @case ('skipped') {
                    <span data-testid="run-reason">{{ 'auto.runs.whySkipped' | t: { reason: reason(run.reason) } }}</span>
                  }
                  @case ('cancelled') {
                    <span data-testid="run-reason">{{ reason(run.reason) || '—' }}</span>
                  }
                  @case ('failed') {
                    <span class="fail">{{ 'auto.runs.failed' | t: { error: run.error ?? '—', n: run.attempts } }}</span>
                  }
                  @default {
                    {{ run.attempts ? ('auto.runs.attempts' | t: { n: run.attempts }) : '' }}
                  }
                }
                @for (d of run.deliveries ?? []; track $index) {
                  <div class="muted small">{{ 'auto.runs.delivery' | t: { kind: d.kind, status: statusName(d.status) } }}@if (d.error) { — {{ d.error }} }</div>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
      @if (next()) {
        <button mat-stroked-button type="button" class="more" (click)="more()" [disabled]="loading()" data-testid="runs-more">{{ 'auto.runs.more' | t }}</button>
      }
    }
  `,
  styles: `
    h2 { margin: 0 0 12px; font-size: 22px; font-weight: 400; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin-bottom: 12px; }
    .filters label { display: flex; flex-direction: column; gap: 4px; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    input, select { font: inherit; padding: 7px 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); }
    input { width: 300px; max-width: 70vw; }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    td { padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); vertical-align: top; }
    .when { white-space: nowrap; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .small { font-size: 12px; }
    .link { font: inherit; background: none; border: 0; padding: 0; color: var(--mat-sys-primary); cursor: pointer; text-align: left; display: block; }
    .status { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px; background: var(--mat-sys-surface-container-high); white-space: nowrap; }
    .s-done { background: #d7f5dc; color: #0f5223; }
    .s-skipped { background: #fff1c2; color: #5c4300; }
    .s-failed { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .s-scheduled, .s-pending, .s-running { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .fail { color: var(--mat-sys-error); }
    .empty { padding: 24px; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 8px; text-align: center; color: var(--mat-sys-on-surface-variant); }
    .more { margin-top: 12px; }
    .form-error { margin: 0 0 12px; }
  `,
})
export class AutomationRunsPage {
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  protected readonly statuses = RUN_STATUSES;
  protected readonly rules = signal<RuleView[]>([]);
  protected readonly runs = signal<RunView[] | null>(null);
  protected readonly next = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly filterError = signal<string | null>(null);
  protected readonly dealId = signal('');
  protected readonly ruleId = signal('');
  protected readonly status = signal('');
  protected readonly filtered = signal(false);

  constructor() {
    this.route.queryParamMap.subscribe((q) => {
      this.dealId.set(q.get('dealId') ?? '');
      this.ruleId.set(q.get('ruleId') ?? '');
      this.status.set(q.get('status') ?? '');
      void this.reload();
    });
    void this.loadRules();
  }

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  private async loadRules(): Promise<void> {
    try {
      this.rules.set(itemsOf(await this.api.get<{ items: RuleView[] } | RuleView[]>('/automations')));
    } catch {
      // Only the rule filter needs the names; the log shows them itself.
    }
  }

  /** Puts the filters into the address; the log reloads from there. */
  apply(): void {
    const deal = this.dealId().trim();
    const fromUrl = /\/deals\/([0-9a-f-]{36})/i.exec(deal)?.[1];
    const id = fromUrl ?? deal;
    if (id && !isUuid(id)) {
      this.filterError.set(this.i18n.t('auto.runs.badDeal'));
      return;
    }
    this.filterError.set(null);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { dealId: id || null, ruleId: this.ruleId() || null, status: this.status() || null },
    });
  }

  protected reset(): void {
    this.dealId.set('');
    this.ruleId.set('');
    this.status.set('');
    this.apply();
  }

  protected filterRule(id: string): void {
    this.ruleId.set(id);
    this.apply();
  }

  protected filterDeal(id: string): void {
    this.dealId.set(id);
    this.apply();
  }

  private query(cursor: string | null): string {
    const q = new URLSearchParams();
    if (this.dealId()) q.set('dealId', this.dealId());
    if (this.ruleId()) q.set('ruleId', this.ruleId());
    if (this.status()) q.set('status', this.status());
    q.set('limit', '50');
    if (cursor) q.set('cursor', cursor);
    return q.toString();
  }

  async reload(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    this.filtered.set(!!(this.dealId() || this.ruleId() || this.status()));
    try {
      const page = await this.api.get<Page<RunView>>(`/automations/runs?${this.query(null)}`);
      this.runs.set(page.items);
      this.next.set(page.nextCursor);
    } catch (err) {
      this.runs.set(null);
      this.error.set(errorText(this.i18n, err));
    } finally {
      this.loading.set(false);
    }
  }

  async more(): Promise<void> {
    const cursor = this.next();
    if (!cursor || this.loading()) return;
    this.loading.set(true);
    try {
      const page = await this.api.get<Page<RunView>>(`/automations/runs?${this.query(cursor)}`);
      this.runs.update((list) => [...(list ?? []), ...page.items]);
      this.next.set(page.nextCursor);
    } catch (err) {
      this.error.set(errorText(this.i18n, err));
    } finally {
      this.loading.set(false);
    }
  }

  protected when(run: RunView): string {
    // The moment the run was due is the portal's time (a sandbox's test clock too); finishedAt is the server's.
    return dateTime(this.i18n, run.dueAt ?? run.createdAt, this.session.me()?.portal?.timezone);
  }

  protected statusName(s: string): string {
    return known(this.i18n, `auto.status.${s}`) ?? s;
  }

  protected reason(r: string | null): string {
    return reasonText(this.i18n, r) || '—';
  }

  protected doneText(run: RunView): string {
    const actions = Array.isArray(run.result?.['actions']) ? (run.result['actions'] as unknown[]).length : 0;
    if (actions) return this.i18n.plural('auto.runs.actionsDone', actions);
    const deals = Number(run.result?.['deals'] ?? 0);
    if (deals) return this.i18n.plural('auto.runs.dealsFanned', deals);
    return this.i18n.t('auto.runs.nothingToDo');
  }
}
