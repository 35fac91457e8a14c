import { Component, DestroyRef, ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { COLORS, drawChart } from './charts';
import type { ChartHandle } from './charts';
import { STUDIO_PIPELINES, flagOf, hmm, isNegative, money, monthLabel, percent, plot, reportQuery } from './studio';
import type { ReportRow, Series, SeriesMonth } from './studio';
import { WORDS } from './words';

interface Pipeline {
  id: string;
  code: string;
  name: string | { en: string; uk?: string; ru?: string };
}

interface User {
  id: string;
  name: string;
  active?: boolean;
}

interface Filters {
  pipeline: string;
  responsibleId: string;
  from: string;
  to: string;
  alert: string;
  sort: string;
}

const SORTS = ['margin', '-margin', 'grossProfit', '-grossProfit', '-laborCost', '-revenue', '-spent', 'title'] as const;

/**
 * Leadership's view of the studio's projects: every project sorted by margin (worst first) with amber / red
 * flags, filters by direction, responsible and period, CSV for Excel, and gross profit over time by month.
 */
@Component({
  selector: 'ds-projects-page',
  imports: [RouterLink],
  template: `
    <div class="filters" data-testid="ds-report-filters">
      <label>
        {{ t('direction') }}
        <select data-testid="ds-report-pipeline" (change)="set('pipeline', $any($event.target).value)">
          <option value="">{{ t('allDirections') }}</option>
          @for (p of pipelines(); track p.id) {
            <option [value]="p.code" [selected]="p.code === filters().pipeline">{{ host.localized(p.name) }}</option>
          }
        </select>
      </label>
      <label>
        {{ t('responsible') }}
        <select data-testid="ds-report-responsible" (change)="set('responsibleId', $any($event.target).value)">
          <option value="">{{ t('everyone') }}</option>
          @for (u of users(); track u.id) {
            <option [value]="u.id" [selected]="u.id === filters().responsibleId">{{ u.name }}</option>
          }
        </select>
      </label>
      <label>
        {{ t('periodFrom') }}
        <input type="date" data-testid="ds-report-from" [value]="filters().from" (change)="set('from', $any($event.target).value)" />
      </label>
      <label>
        {{ t('periodTo') }}
        <input type="date" data-testid="ds-report-to" [value]="filters().to" (change)="set('to', $any($event.target).value)" />
      </label>
      <label>
        {{ t('flags') }}
        <select data-testid="ds-report-alert" (change)="set('alert', $any($event.target).value)">
          <option value="">{{ t('allProjects') }}</option>
          <option value="any">{{ t('flaggedOnly') }}</option>
          <option value="critical">{{ t('criticalOnly') }}</option>
          <option value="warning">{{ t('warningOnly') }}</option>
          <option value="none">{{ t('noFlags') }}</option>
        </select>
      </label>
      <label>
        {{ t('sortBy') }}
        <select data-testid="ds-report-sort" (change)="set('sort', $any($event.target).value)">
          @for (s of sorts; track s) {
            <option [value]="s" [selected]="s === filters().sort">{{ sortLabel(s) }}</option>
          }
        </select>
      </label>
      <button type="button" class="btn" data-testid="ds-report-csv" [disabled]="exporting()" (click)="exportCsv()">{{ t('exportCsv') }}</button>
    </div>
    @if (filters().from || filters().to) {
      <p class="muted small">{{ t('periodHint') }}</p>
    }
    @if (error()) {
      <p class="form-error" role="alert" data-testid="ds-report-error">{{ error() }}</p>
    }
    <div class="summary" data-testid="ds-report-summary">
      <div class="card"><span class="n">{{ total() ?? '—' }}</span><span>{{ t('projectsCount') }}</span></div>
      <div class="card critical"><span class="n" data-testid="ds-report-critical">{{ counts().critical ?? '—' }}</span><span>{{ t('criticalCount') }}</span></div>
      <div class="card warning"><span class="n" data-testid="ds-report-warning">{{ counts().warning ?? '—' }}</span><span>{{ t('warningCount') }}</span></div>
    </div>

    <section class="chart-box">
      <div class="chart-title">
        <h3>{{ t('gpOverTime') }}</h3>
        @if (currencies().length > 1) {
          <select data-testid="ds-chart-currency" (change)="currency.set($any($event.target).value)">
            @for (c of currencies(); track c) {
              <option [value]="c" [selected]="c === shownCurrency()">{{ c }}</option>
            }
          </select>
        }
      </div>
      <p class="muted small">{{ t('gpOverTimeHint') }}</p>
      @if (shownSeries()) {
        <div class="chart"><canvas #chart data-testid="ds-report-chart"></canvas></div>
      } @else {
        <p class="muted" data-testid="ds-chart-empty">{{ t('chartEmpty') }}</p>
      }
    </section>

    @if (rows(); as list) {
      @if (list.length) {
        <div class="scroll">
          <table class="report" data-testid="ds-report">
            <thead>
              <tr>
                <th>{{ t('project') }}</th>
                <th>{{ t('responsible') }}</th>
                <th class="num">{{ t('revenue') }}</th>
                <th class="num">{{ t('laborCost') }}</th>
                <th class="num">{{ t('expenses') }}</th>
                <th class="num">{{ t('grossProfit') }}</th>
                <th class="num">{{ t('margin') }}</th>
                <th class="num">{{ t('hoursShort') }}</th>
                <th>{{ t('flag') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of list; track r.dealId) {
                <tr [attr.data-testid]="'ds-report-row-' + r.dealId" [attr.data-flag]="flag(r)" [class]="flag(r)">
                  <td class="title">
                    <a [routerLink]="'/deals/' + r.dealId">{{ r.title }}</a>
                    <span class="sub">{{ host.localized(r.pipeline.name) }} · {{ host.localized(r.stage.name) }}</span>
                  </td>
                  <td>{{ r.responsibleName || '—' }}</td>
                  <td class="num">{{ m(r.revenue, r.currency) }}</td>
                  <td class="num">
                    {{ m(r.laborCost, r.currency) }}
                    @if (r.period) {
                      <span class="sub">{{ t('inPeriod', { v: m(r.period.laborCost, r.currency) }) }}</span>
                    }
                  </td>
                  <td class="num">{{ m(r.expenses, r.currency) }}</td>
                  <td class="num" [class.loss]="neg(r.grossProfit)">{{ m(r.grossProfit, r.currency) }}</td>
                  <td class="num strong" [class.loss]="neg(r.marginPct)">{{ pct(r.marginPct) }}</td>
                  <td class="num">
                    {{ hmm(r.minutes) }}
                    <span class="sub">{{ r.plannedMinutes ? t('ofPlan', { plan: hmm(r.plannedMinutes), pct: pct(r.spentPct) }) : t('noPlan') }}</span>
                  </td>
                  <td>
                    @if (r.alert) {
                      <span class="flag" [class]="'flag ' + r.alert.level" [attr.data-testid]="'ds-report-flag-' + r.dealId">{{ flagText(r) }}</span>
                    } @else {
                      <span class="flag ok">{{ t('flagOk') }}</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (nextCursor()) {
          <button type="button" class="btn more" data-testid="ds-report-more" [disabled]="busy()" (click)="load(true)">{{ t('loadMore') }}</button>
        }
      } @else {
        <p class="muted" data-testid="ds-report-empty">{{ t('reportEmpty') }}</p>
      }
    } @else if (!error()) {
      <p class="muted">{{ t('loading') }}</p>
    }
  `,
  styles: `
    .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: flex-end; margin-bottom: 8px; }
    .filters label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    select, input { font: inherit; font-size: 14px; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); }
    .btn { font: inherit; padding: 6px 14px; border-radius: 18px; border: 1px solid var(--mat-sys-outline); background: transparent; cursor: pointer; color: inherit; }
    .btn:disabled { opacity: 0.6; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .small { font-size: 12px; margin: 4px 0; }
    .summary { display: flex; gap: 12px; margin: 12px 0; flex-wrap: wrap; }
    .card { display: flex; align-items: baseline; gap: 8px; padding: 10px 16px; border-radius: 12px; background: var(--mat-sys-surface-container-low, #f7f2fa); font-size: 14px; }
    .card .n { font-size: 22px; font-weight: 500; }
    .card.critical .n { color: #c62828; }
    .card.warning .n { color: #b26a00; }
    .chart-box { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 12px 16px; margin: 12px 0 16px; }
    .chart-title { display: flex; justify-content: space-between; align-items: center; }
    .chart-title h3 { margin: 0; font-size: 15px; font-weight: 500; }
    .chart { position: relative; height: 260px; }
    .scroll { overflow-x: auto; }
    .report { width: 100%; border-collapse: collapse; min-width: 980px; }
    .report th, .report td { padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); text-align: left; vertical-align: top; font-size: 14px; }
    .report th { font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .report tr.critical td:first-child { box-shadow: inset 4px 0 #c62828; }
    .report tr.warning td:first-child { box-shadow: inset 4px 0 #ef8f00; }
    .title a { color: inherit; font-weight: 500; text-decoration: none; }
    .title a:hover { text-decoration: underline; }
    .sub { display: block; font-size: 12px; color: var(--mat-sys-on-surface-variant); font-weight: 400; }
    .num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .strong { font-weight: 500; }
    .loss { color: #b3261e; }
    .flag { font-size: 12px; padding: 2px 8px; border-radius: 10px; white-space: nowrap; display: inline-block; }
    .flag.critical { background: #fde7e4; color: #8c1d18; }
    .flag.warning { background: #fff1d6; color: #6b4a00; }
    .flag.ok { background: #e6f4ea; color: #1e5b2f; }
    .more { margin-top: 12px; }
    .form-error { color: #b3261e; }
  `,
})
export class ProjectsPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly hmm = hmm;
  protected readonly sorts = SORTS;
  protected readonly neg = isNegative;

  protected readonly filters = signal<Filters>({ pipeline: '', responsibleId: '', from: '', to: '', alert: '', sort: 'margin' });
  protected readonly pipelines = signal<Pipeline[]>([]);
  protected readonly users = signal<User[]>([]);
  protected readonly rows = signal<ReportRow[] | null>(null);
  protected readonly total = signal<number | null>(null);
  protected readonly counts = signal<{ critical: number | null; warning: number | null }>({ critical: null, warning: null });
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly exporting = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));

  private readonly series = signal<Series | null>(null);
  protected readonly currency = signal<string | null>(null);
  protected readonly currencies = computed(() => (this.series()?.series ?? []).map((s) => s.currency));
  protected readonly shownCurrency = computed(() => {
    const list = this.currencies();
    const c = this.currency();
    return c && list.includes(c) ? c : (list.includes('UAH') ? 'UAH' : list[0]) ?? null;
  });
  /** The chosen currency's months, without the leading ones before any project (three at least). */
  protected readonly shownSeries = computed(() => {
    const s = this.series()?.series.find((x) => x.currency === this.shownCurrency());
    if (!s) return null;
    const idle = (m: SeriesMonth) => /^0\.00$/.test(m.grossProfit) && /^0\.00$/.test(m.cumulative.revenue) && /^0\.00$/.test(m.cumulative.laborCost) && /^0\.00$/.test(m.cumulative.expenses);
    let first = s.months.findIndex((m) => !idle(m));
    if (first < 0) first = s.months.length;
    return { currency: s.currency, months: s.months.slice(Math.min(first, Math.max(0, s.months.length - 3))) };
  });
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('chart');
  private chart: ChartHandle | null = null;

  constructor() {
    void this.load();
    this.host.get<Pipeline[]>('/pipelines').then(
      (list) => this.pipelines.set((Array.isArray(list) ? list : []).filter((p) => STUDIO_PIPELINES.includes(p.code))),
      () => undefined,
    );
    this.host.get<User[] | { items: User[] }>('/users?limit=200').then(
      (res) => this.users.set((Array.isArray(res) ? res : (res.items ?? [])).filter((u) => u.active !== false).sort((a, b) => a.name.localeCompare(b.name))),
      () => undefined,
    );
    effect(() => this.draw(this.shownSeries(), this.canvas()?.nativeElement ?? null, this.host.lang()));
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected set(key: keyof Filters, value: string): void {
    this.filters.update((f) => ({ ...f, [key]: value }));
    void this.load();
  }

  private base(): Partial<Filters> {
    const { pipeline, responsibleId, from, to } = this.filters();
    return { pipeline, responsibleId, from, to };
  }

  async load(more = false): Promise<void> {
    const f = this.filters();
    if (f.from && f.to && f.to < f.from) {
      this.failure.set(null);
      return void this.failure.set(new Error(this.t('periodInvalid')));
    }
    this.busy.set(true);
    this.failure.set(null);
    try {
      const cursor = more ? this.nextCursor() : null;
      const page = await this.host.get<{ items: ReportRow[]; nextCursor: string | null; total: number }>(
        `/reports/profitability${reportQuery({ ...this.base(), alert: f.alert, sort: f.sort }, { limit: '50', ...(cursor ? { cursor } : {}) })}`,
      );
      this.rows.set(more ? [...(this.rows() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
      this.total.set(page.total);
      if (!more) void this.loadExtras();
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  /** The flag counts and the series follow the filters (not the flag filter or sort). */
  private async loadExtras(): Promise<void> {
    const base = this.base();
    const month = (d: string) => d.slice(0, 7);
    try {
      const [critical, warning, series] = await Promise.all([
        this.host.get<{ total: number }>(`/reports/profitability${reportQuery(base, { alert: 'critical', limit: '1' })}`),
        this.host.get<{ total: number }>(`/reports/profitability${reportQuery(base, { alert: 'warning', limit: '1' })}`),
        this.host.get<Series>(
          `/reports/profitability/series${reportQuery({ pipeline: base.pipeline, responsibleId: base.responsibleId }, { from: base.from ? month(base.from) : '', to: base.to ? month(base.to) : '' })}`,
        ),
      ]);
      this.counts.set({ critical: critical.total, warning: warning.total });
      this.series.set(series);
    } catch (err) {
      this.failure.set(err);
    }
  }

  protected m(value: string, currency: string): string {
    return money(value, currency, this.host.lang());
  }

  protected pct(value: string | null): string {
    return percent(value, this.host.lang());
  }

  protected flag(r: ReportRow): string {
    return flagOf(r.alert);
  }

  protected flagText(r: ReportRow): string {
    if (!r.alert) return this.t('flagOk');
    const what = r.alert.kind === 'margin' ? (r.alert.level === 'critical' ? this.t('flagLoss') : this.t('flagLowMargin')) : r.alert.level === 'critical' ? this.t('flagOverHours') : this.t('flagHoursNear');
    return what;
  }

  protected sortLabel(s: string): string {
    const words: Record<string, string> = {
      margin: this.t('sortMarginAsc'),
      '-margin': this.t('sortMarginDesc'),
      grossProfit: this.t('sortGpAsc'),
      '-grossProfit': this.t('sortGpDesc'),
      '-laborCost': this.t('sortLabor'),
      '-revenue': this.t('sortRevenue'),
      '-spent': this.t('sortSpent'),
      title: this.t('sortTitle'),
    };
    return words[s] ?? s;
  }

  async exportCsv(): Promise<void> {
    this.exporting.set(true);
    this.failure.set(null);
    try {
      const f = this.filters();
      const blob = await this.host.blob(`/reports/profitability${reportQuery({ ...this.base(), alert: f.alert, sort: f.sort }, { format: 'csv' })}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `profitability-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.exporting.set(false);
    }
  }

  private draw(s: { currency: string; months: Series['series'][number]['months'] } | null, canvas: HTMLCanvasElement | null, lang: string): void {
    if (!s || !canvas) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const fmt = (v: string) => money(v, s.currency, lang);
    this.chart = drawChart(canvas, this.chart, {
      type: 'bar',
      data: {
        labels: s.months.map((m) => monthLabel(m.month, lang)),
        datasets: [
          {
            type: 'line',
            label: this.t('chartGp'),
            data: s.months.map((m) => plot(m.grossProfit)),
            borderColor: COLORS.profit,
            backgroundColor: COLORS.profit,
            pointRadius: 3,
            tension: 0.2,
            yAxisID: 'y',
            stack: 'gp',
            order: 0,
          },
          { type: 'bar', label: this.t('chartLabor'), data: s.months.map((m) => plot(m.laborCost)), backgroundColor: COLORS.cost, stack: 'cost', yAxisID: 'y', order: 1 },
          { type: 'bar', label: this.t('chartExpenses'), data: s.months.map((m) => plot(m.expenses)), backgroundColor: COLORS.expense, stack: 'cost', yAxisID: 'y', order: 1 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              // Exact figures from the API in the tooltip, not the plotted floats.
              label: (ctx) => {
                const m = s.months[ctx.dataIndex];
                const value = ctx.datasetIndex === 0 ? m.grossProfit : ctx.datasetIndex === 1 ? m.laborCost : m.expenses;
                return `${ctx.dataset.label}: ${fmt(value)}`;
              },
            },
          },
        },
        scales: {
          x: { stacked: true },
          y: { stacked: true, ticks: { callback: (v) => new Intl.NumberFormat(lang, { notation: 'compact' }).format(Number(v)) } },
        },
      },
    });
  }
}
