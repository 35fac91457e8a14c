import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { flagOf, isNegative, money, percent, worstFirst } from './studio';
import type { ReportRow } from './studio';
import { WORDS } from './words';

/** Dashboard widget for leadership: the five projects with the worst margin, flagged, and a link to the report. */
@Component({
  selector: 'ds-worst-projects-widget',
  imports: [RouterLink],
  template: `
    @if (error()) {
      <p class="form-error" role="alert">{{ error() }}</p>
    }
    @for (r of rows(); track r.dealId) {
      <a class="row" [routerLink]="'/deals/' + r.dealId" data-testid="ds-worst-row" [attr.data-flag]="flag(r)">
        <span class="dot" [class]="'dot ' + flag(r)" [title]="flagText(r)"></span>
        <span class="name">{{ r.title }}</span>
        <span class="gp" [class.loss]="neg(r.grossProfit)">{{ m(r) }}</span>
        <span class="pct" [class.loss]="neg(r.marginPct)">{{ pct(r.marginPct) }}</span>
      </a>
    } @empty {
      @if (loaded() && !error()) {
        <p class="muted">{{ t('reportEmpty') }}</p>
      }
    }
    <a routerLink="/studio/projects" class="more" data-testid="ds-worst-more">{{ t('openReport') }}</a>
  `,
  styles: `
    .row { display: grid; grid-template-columns: 12px 1fr auto 64px; gap: 8px; align-items: center; padding: 5px 0; font-size: 14px; color: inherit; text-decoration: none; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .row:hover .name { text-decoration: underline; }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: #81c784; }
    .dot.warning { background: #ef8f00; }
    .dot.critical { background: #c62828; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .gp, .pct { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .pct { font-weight: 500; }
    .loss { color: #b3261e; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .more { display: inline-block; margin-top: 8px; font-size: 14px; }
    .form-error { color: #b3261e; }
  `,
})
export class WorstProjectsWidget {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly rows = signal<ReportRow[]>([]);
  protected readonly loaded = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly neg = isNegative;

  constructor() {
    this.host.get<{ items: ReportRow[] }>('/reports/profitability?sort=margin&limit=50').then(
      (res) => {
        this.rows.set(worstFirst(res.items).slice(0, 5));
        this.loaded.set(true);
      },
      (err) => this.failure.set(err),
    );
  }

  protected flag(r: ReportRow): string {
    return flagOf(r.alert);
  }

  protected flagText(r: ReportRow): string {
    if (!r.alert) return this.t('flagOk');
    if (r.alert.kind === 'margin') return r.alert.level === 'critical' ? this.t('flagLoss') : this.t('flagLowMargin');
    return r.alert.level === 'critical' ? this.t('flagOverHours') : this.t('flagHoursNear');
  }

  protected m(r: ReportRow): string {
    return money(r.grossProfit, r.currency, this.host.lang());
  }

  protected pct(v: string | null): string {
    return percent(v, this.host.lang());
  }
}
