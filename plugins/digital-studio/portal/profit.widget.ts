import { Component, DestroyRef, ElementRef, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { COLORS, drawChart } from './charts';
import type { ChartHandle } from './charts';
import { dayIn, errorCode, hmm, isNegative, money, moneyInput, parseDuration, percent, plot, startOnDay } from './studio';
import type { Alert, Profitability } from './studio';
import { TIME_LOGGED, announceTimeLogged } from './lookup';
import { alertText } from './alert-text';
import { WORDS } from './words';

/**
 * The deal card's profitability of a studio project: revenue, labour cost, expenses, gross profit and margin,
 * planned vs spent hours, cost (or minutes, when the viewer may not see costs) by employee as a chart, the alert
 * badge with its reason in the viewer's words, and quick "log time" / "add expense" for heads and admins.
 */
@Component({
  selector: 'ds-profit-widget',
  template: `
    @if (denied()) {
      <p class="muted" data-testid="ds-profit-denied">{{ t('profitDenied') }}</p>
    } @else if (data(); as p) {
      <div class="wrap" data-testid="ds-profit">
        @if (p.alerts.length) {
          <div class="alerts">
            @for (a of sortedAlerts(); track a.kind + a.level) {
              <div class="badge" [class]="'badge ' + a.level" [attr.data-testid]="'ds-profit-alert-' + a.kind" [attr.data-level]="a.level" role="status">
                <strong>{{ a.level === 'critical' ? t('critical') : t('warning') }}</strong>
                <span>{{ reason(a) }}</span>
              </div>
            }
          </div>
        } @else {
          <div class="badge ok" data-testid="ds-profit-ok">{{ t('noAlerts') }}</div>
        }
        <dl class="figures">
          <div><dt>{{ t('revenue') }}</dt><dd data-testid="ds-profit-revenue">{{ m(p.revenue) }}</dd></div>
          <div><dt>{{ t('laborCost') }}</dt><dd data-testid="ds-profit-labor">{{ m(p.laborCost) }}</dd></div>
          <div><dt>{{ t('expenses') }}</dt><dd data-testid="ds-profit-expenses">{{ m(p.expenses) }}</dd></div>
          <div class="gp" [class.loss]="neg(p.grossProfit)">
            <dt>{{ t('grossProfit') }}</dt>
            <dd data-testid="ds-profit-gp">{{ m(p.grossProfit) }}</dd>
          </div>
          <div [class.warn]="hasAlert('margin')" [class.loss]="neg(p.marginPct)">
            <dt>{{ t('margin') }}</dt>
            <dd data-testid="ds-profit-margin">{{ pct(p.marginPct) }}</dd>
          </div>
        </dl>
        <div class="hours">
          <div class="hours-head">
            <span>{{ t('hoursSpentPlanned') }}</span>
            <span data-testid="ds-profit-hours">
              {{ hmm(p.minutes) }} / {{ p.plannedMinutes ? hmm(p.plannedMinutes) : t('noPlan') }}
              @if (p.spentPct !== null) {
                ({{ pct(p.spentPct) }})
              }
            </span>
          </div>
          <div class="progress" role="progressbar" [attr.aria-valuenow]="barWidth()" aria-valuemin="0" aria-valuemax="100">
            <div class="fill" [class]="'fill ' + hoursLevel()" [style.width.%]="barWidth()"></div>
            @if (p.plannedMinutes) {
              <div class="mark" [style.left.%]="p.thresholds.hoursWarningPct" [title]="t('hoursWarningMark')"></div>
            }
          </div>
          @if (p.unratedMinutes) {
            <p class="muted small" data-testid="ds-profit-unrated">{{ t('unrated', { time: hmm(p.unratedMinutes) }) }}</p>
          }
        </div>
        @if (p.byUser.length) {
          <div class="chart-head">{{ p.costsVisible ? t('costByEmployee') : t('hoursByEmployee') }}</div>
          <div class="chart" [style.height.px]="28 * p.byUser.length + 36"><canvas #chart data-testid="ds-profit-chart"></canvas></div>
        } @else {
          <p class="muted small" data-testid="ds-profit-no-time">{{ t('noTimeYet') }}</p>
        }
        @if (lead()) {
          <div class="actions">
            <button type="button" class="btn" data-testid="ds-profit-log" [class.on]="form() === 'time'" (click)="toggleForm('time')">{{ t('logTime') }}</button>
            <button type="button" class="btn" data-testid="ds-profit-expense" [class.on]="form() === 'expense'" (click)="toggleForm('expense')">{{ t('addExpense') }}</button>
          </div>
          @if (form() === 'time') {
            <form class="quick" (submit)="$event.preventDefault(); logTime(task.value, dur.value, note.value)" data-testid="ds-log-form">
              <label class="grow">
                {{ t('task') }}
                <select #task data-testid="ds-log-task">
                  <option value="">{{ t('onProjectItself') }}</option>
                  @for (x of openTasks(); track x.taskId) {
                    <option [value]="x.taskId">{{ x.title }}</option>
                  }
                </select>
              </label>
              <label>
                {{ t('duration') }}
                <input #dur class="dur" data-testid="ds-log-minutes" [placeholder]="t('durationPlaceholder')" [class.invalid]="!!errors()['minutes']" />
              </label>
              <label class="grow">
                {{ t('note') }}
                <input #note data-testid="ds-log-note" maxlength="1000" />
              </label>
              <button type="submit" class="btn primary" data-testid="ds-log-save" [disabled]="busy()">{{ t('save') }}</button>
            </form>
          }
          @if (form() === 'expense') {
            <form class="quick" (submit)="$event.preventDefault(); addExpense(amount.value, what.value, when.value)" data-testid="ds-expense-form">
              <label>
                {{ t('amount') }}, {{ p.currency }}
                <input #amount class="amt" inputmode="decimal" data-testid="ds-expense-amount" [class.invalid]="!!errors()['amount']" />
              </label>
              <label class="grow">
                {{ t('expenseNote') }}
                <input #what data-testid="ds-expense-note" maxlength="1000" [class.invalid]="!!errors()['note']" />
              </label>
              <label>
                {{ t('date') }}
                <input #when type="date" data-testid="ds-expense-date" [value]="today()" [max]="today()" />
              </label>
              <button type="submit" class="btn primary" data-testid="ds-expense-save" [disabled]="busy()">{{ t('save') }}</button>
            </form>
          }
          @for (e of errorList(); track e) {
            <p class="form-error small" data-testid="ds-profit-form-error">{{ e }}</p>
          }
          @if (done()) {
            <p class="saved small" role="status" data-testid="ds-profit-saved">{{ done() }}</p>
          }
        }
      </div>
    } @else if (error()) {
      <p class="form-error" role="alert" data-testid="ds-profit-error">{{ error() }}</p>
    } @else {
      <p class="muted">{{ t('loading') }}</p>
    }
  `,
  styles: `
    .wrap { display: flex; flex-direction: column; gap: 12px; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .small { font-size: 12px; margin: 4px 0 0; }
    .alerts { display: flex; flex-direction: column; gap: 6px; }
    .badge { display: flex; gap: 8px; align-items: baseline; padding: 6px 10px; border-radius: 8px; font-size: 13px; }
    .badge.warning { background: #fff1d6; color: #6b4a00; border-left: 4px solid #ef8f00; }
    .badge.critical { background: #fde7e4; color: #8c1d18; border-left: 4px solid #c62828; }
    .badge.ok { background: #e6f4ea; color: #1e5b2f; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 8px; margin: 0; }
    .figures div { background: var(--mat-sys-surface-container-low, #f7f2fa); border-radius: 8px; padding: 8px 10px; }
    .figures dt { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .figures dd { margin: 2px 0 0; font-size: 15px; font-weight: 500; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .figures .gp dd { color: #1e5b2f; }
    .figures .warn dd { color: #8a5a00; }
    .figures .loss dd { color: #b3261e; }
    .hours-head { display: flex; justify-content: space-between; font-size: 13px; margin-bottom: 4px; gap: 8px; }
    .hours-head span:last-child { font-variant-numeric: tabular-nums; }
    .progress { position: relative; height: 10px; border-radius: 5px; background: var(--mat-sys-surface-container-high, #ece6f0); overflow: hidden; }
    .fill { height: 100%; background: var(--mat-sys-primary); border-radius: 5px; }
    .fill.warning { background: #ef8f00; }
    .fill.critical { background: #c62828; }
    .mark { position: absolute; top: 0; bottom: 0; width: 2px; background: rgba(0, 0, 0, 0.35); }
    .chart-head { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .chart { position: relative; width: 100%; }
    .actions { display: flex; gap: 8px; }
    .btn { font: inherit; font-size: 14px; padding: 5px 14px; border-radius: 18px; border: 1px solid var(--mat-sys-outline); background: transparent; cursor: pointer; color: inherit; }
    .btn.on { background: var(--mat-sys-secondary-container, #e8def8); }
    .btn.primary { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); border-color: var(--mat-sys-primary); }
    .btn:disabled { opacity: 0.6; }
    .quick { display: flex; gap: 8px; flex-wrap: wrap; align-items: flex-end; }
    .quick label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .quick .grow { flex: 1; min-width: 140px; }
    .quick input, .quick select { font: inherit; font-size: 14px; padding: 5px 8px; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); }
    .dur { width: 72px; }
    .amt { width: 110px; }
    .invalid { border-color: #b3261e !important; }
    .form-error { color: #b3261e; }
    .saved { color: #1e5b2f; }
  `,
})
export class ProfitWidget {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly hmm = hmm;

  readonly dealId = input.required<string>();

  protected readonly data = signal<Profitability | null>(null);
  protected readonly denied = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly lead = computed(() => (this.host.user()?.roles ?? []).some((r) => r === 'admin' || r === 'head'));
  protected readonly form = signal<'time' | 'expense' | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  private readonly formFailure = signal<unknown>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly today = computed(() => dayIn(this.host.timezone()));
  protected readonly errorList = computed(() => {
    const fields = Object.values(this.errors());
    if (fields.length) return fields;
    const err = this.formFailure();
    return err ? [errorCode(err) === 'period_locked' ? this.t('lockedRefused') : this.host.errorText(err)] : [];
  });
  protected readonly openTasks = computed(() => (this.data()?.byTask ?? []).filter((x) => x.taskId && x.status !== 'done' && x.title));
  /** One alert per kind, the highest level (critical supersedes warning), critical first. */
  protected readonly sortedAlerts = computed(() => {
    const list = this.data()?.alerts ?? [];
    const top = list.filter((a) => a.level === 'critical' || !list.some((b) => b.kind === a.kind && b.level === 'critical'));
    return top.sort((a, b) => (a.level === b.level ? (a.kind === 'margin' ? -1 : 1) : a.level === 'critical' ? -1 : 1));
  });
  protected readonly barWidth = computed(() => {
    const p = this.data();
    if (!p?.plannedMinutes) return p?.minutes ? 100 : 0;
    return Math.min(100, Math.round((p.minutes * 100) / p.plannedMinutes));
  });
  protected readonly hoursLevel = computed(() => {
    const p = this.data();
    if (!p?.plannedMinutes) return 'none';
    const pct = (p.minutes * 100) / p.plannedMinutes;
    return pct >= p.thresholds.hoursCriticalPct ? 'critical' : pct >= p.thresholds.hoursWarningPct ? 'warning' : 'ok';
  });

  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('chart');
  private chart: ChartHandle | null = null;

  constructor() {
    effect(() => {
      this.dealId();
      void this.load();
    });
    effect(() => this.draw(this.data(), this.canvas()?.nativeElement ?? null, this.host.lang()));
    const onLogged = (e: Event) => {
      const id = (e as CustomEvent<{ dealId: string | null }>).detail?.dealId;
      if (!id || id === this.dealId()) void this.load();
    };
    window.addEventListener(TIME_LOGGED, onLogged);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener(TIME_LOGGED, onLogged);
      this.chart?.destroy();
    });
  }

  async load(): Promise<void> {
    try {
      this.data.set(await this.host.get<Profitability>(`/deals/${this.dealId()}/profitability`));
      this.failure.set(null);
    } catch (err) {
      if (errorCode(err) === 'forbidden') this.denied.set(true);
      else this.failure.set(err);
    }
  }

  protected m(value: string): string {
    return money(value, this.data()?.currency ?? 'UAH', this.host.lang());
  }

  protected pct(value: string | null): string {
    return percent(value, this.host.lang());
  }

  protected neg = isNegative;

  protected hasAlert(kind: 'margin' | 'hours'): boolean {
    return (this.data()?.alerts ?? []).some((a) => a.kind === kind);
  }

  protected reason(a: Alert): string {
    const p = this.data();
    return p ? alertText(this.t, a, { marginPct: this.pct(p.marginPct), grossProfit: this.m(p.grossProfit), spentPct: this.pct(p.spentPct), ...p.thresholds }) : '';
  }

  private draw(p: Profitability | null, canvas: HTMLCanvasElement | null, lang: string): void {
    if (!p || !canvas || !p.byUser.length) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const costs = p.costsVisible;
    const label = costs ? this.t('laborCost') : this.t('hours');
    this.chart = drawChart(canvas, this.chart, {
      type: 'bar',
      data: {
        labels: p.byUser.map((u) => u.name),
        datasets: [
          {
            label,
            data: p.byUser.map((u) => (costs ? plot(u.cost) : Math.round((u.minutes / 60) * 100) / 100)),
            backgroundColor: COLORS.primary,
            borderRadius: 4,
            barThickness: 16,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              // The exact figures from the API, not the plotted numbers.
              label: (ctx) => {
                const u = p.byUser[ctx.dataIndex];
                return costs ? `${money(u.cost, p.currency, lang)} · ${hmm(u.minutes)}` : hmm(u.minutes);
              },
            },
          },
        },
        scales: {
          x: { beginAtZero: true, ticks: { callback: (v) => (costs ? new Intl.NumberFormat(lang, { notation: 'compact' }).format(Number(v)) : `${v}`) } },
          y: { ticks: { autoSkip: false } },
        },
      },
    });
  }

  protected toggleForm(which: 'time' | 'expense'): void {
    this.form.set(this.form() === which ? null : which);
    this.errors.set({});
    this.formFailure.set(null);
    this.done.set(null);
  }

  private startSave(): void {
    this.errors.set({});
    this.formFailure.set(null);
    this.done.set(null);
  }

  private failSave(err: unknown): void {
    this.formFailure.set(err);
    this.errors.set(this.host.fieldErrors(err));
  }

  async logTime(taskId: string, durationText: string, note: string): Promise<void> {
    this.startSave();
    const minutes = parseDuration(durationText);
    if (minutes === null || minutes < 1 || minutes > 1440) return this.errors.set({ minutes: this.t('durationInvalid') });
    this.busy.set(true);
    try {
      const body: Record<string, unknown> = { minutes, startedAt: startOnDay(this.today(), this.host.timezone(), minutes), note: note.trim() || undefined };
      if (taskId) body['taskId'] = taskId;
      else body['dealId'] = this.dealId();
      await this.host.post('/time-entries', body);
      this.form.set(null);
      this.done.set(this.t('timeLogged', { time: hmm(minutes) }));
      announceTimeLogged(this.dealId());
    } catch (err) {
      this.failSave(err);
    } finally {
      this.busy.set(false);
    }
  }

  async addExpense(amountText: string, note: string, spentAt: string): Promise<void> {
    this.startSave();
    const amount = moneyInput(amountText);
    const problems: Record<string, string> = {};
    if (!amount || /^0+(\.0+)?$/.test(amount)) problems['amount'] = this.t('amountInvalid');
    if (!note.trim()) problems['note'] = this.t('expenseNoteRequired');
    if (Object.keys(problems).length) return this.errors.set(problems);
    this.busy.set(true);
    try {
      await this.host.post(`/deals/${this.dealId()}/expenses`, { amount, note: note.trim(), spentAt: spentAt || undefined });
      this.form.set(null);
      this.done.set(this.t('expenseAdded', { amount: money(amount, this.data()?.currency ?? 'UAH', this.host.lang()) }));
      await this.load();
    } catch (err) {
      this.failSave(err);
    } finally {
      this.busy.set(false);
    }
  }
}
