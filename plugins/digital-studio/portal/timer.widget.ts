import { Component, DestroyRef, ElementRef, computed, inject, signal } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { STUDIO_PIPELINES, hmm, hmmss } from './studio';
import type { Deal, Task, TimeEntry, Timer } from './studio';
import { TIME_LOGGED, announceTimeLogged, dealOf, rememberDeal, rememberTask, taskOf } from './lookup';
import { WORDS } from './words';

interface Option {
  kind: 'task' | 'deal';
  id: string;
  title: string;
  /** The deal a task belongs to. */
  context: string;
  studio: boolean;
}

/**
 * The top bar's timer: idle, a "Start timer" button opening a panel to pick one of my open tasks (or a project
 * deal); running, the task and the elapsed h:mm:ss ticking every second with a Stop button. Stopping shows the
 * entry's minutes for a moment; starting on another task stops the running one (the server does it).
 */
@Component({
  selector: 'ds-timer-widget',
  template: `
    <div class="timer" [class.running]="timer()?.running">
      @if (timer()?.running) {
        <button type="button" class="label" data-testid="ds-timer-switch" [title]="runningTitle() + ' — ' + t('timerSwitch')" (click)="toggle()">
          <span class="dot" aria-hidden="true"></span>
          <span class="title" data-testid="ds-timer-title">{{ runningTitle() }}</span>
          <span class="elapsed" data-testid="ds-timer-elapsed" [attr.aria-label]="t('timerElapsed')">{{ elapsed() }}</span>
        </button>
        <button type="button" class="stop" data-testid="ds-timer-stop" [disabled]="busy()" (click)="stop()">{{ t('timerStop') }}</button>
      } @else {
        @if (logged(); as l) {
          <span class="logged" data-testid="ds-timer-logged" role="status">{{ t('timerLogged', { time: l }) }}</span>
        }
        <button type="button" class="start" data-testid="ds-timer-start" [disabled]="busy()" (click)="toggle()">
          <span aria-hidden="true">▶</span> {{ t('timerStart') }}
        </button>
      }
      @if (error() && !open()) {
        <span class="bar-error" role="alert" data-testid="ds-timer-error">{{ error() }}</span>
      }
      @if (open()) {
        <div class="panel" role="dialog" [attr.aria-label]="t('timerPick')" data-testid="ds-timer-panel">
          <div class="panel-head">
            <strong>{{ timer()?.running ? t('timerSwitch') : t('timerPick') }}</strong>
            <button type="button" class="close" data-testid="ds-timer-close" [attr.aria-label]="t('close')" (click)="open.set(false)">✕</button>
          </div>
          <input
            type="search"
            class="search"
            data-testid="ds-timer-search"
            [placeholder]="t('timerSearch')"
            [value]="query()"
            (input)="search($any($event.target).value)"
            (keydown.escape)="open.set(false)"
          />
          @if (error()) {
            <p class="form-error" role="alert" data-testid="ds-timer-panel-error">{{ error() }}</p>
          }
          @if (loading()) {
            <p class="muted">{{ t('loading') }}</p>
          } @else {
            @if (taskOptions().length) {
              <div class="group">{{ t('timerMyTasks') }}</div>
              @for (o of taskOptions(); track o.id) {
                <button type="button" class="option" [attr.data-testid]="'ds-timer-task-' + o.id" [disabled]="busy()" (click)="start(o)">
                  <span class="o-title">{{ o.title }}</span>
                  <span class="o-context">{{ o.context }}</span>
                </button>
              }
            }
            @if (dealOptions().length) {
              <div class="group">{{ t('timerProjects') }}</div>
              @for (o of dealOptions(); track o.id) {
                <button type="button" class="option" [attr.data-testid]="'ds-timer-deal-' + o.id" [disabled]="busy()" (click)="start(o)">
                  <span class="o-title">{{ o.title }}</span>
                  <span class="o-context">{{ t('timerOnProject') }}</span>
                </button>
              }
            }
            @if (!taskOptions().length && !dealOptions().length) {
              <p class="muted" data-testid="ds-timer-empty">{{ query() ? t('timerNothingFound') : t('timerNoTasks') }}</p>
            }
          }
        </div>
      }
    </div>
  `,
  styles: `
    :host { display: inline-flex; position: relative; }
    .timer { display: inline-flex; align-items: center; gap: 6px; font-size: 14px; }
    button { font: inherit; cursor: pointer; }
    .start, .stop, .label {
      border: 1px solid color-mix(in srgb, currentColor 45%, transparent);
      background: transparent; color: inherit; border-radius: 16px; padding: 4px 12px; white-space: nowrap;
    }
    .start:hover, .label:hover { background: color-mix(in srgb, currentColor 12%, transparent); }
    .label { display: inline-flex; align-items: center; gap: 6px; max-width: 240px; padding: 4px 10px; }
    .title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 110px; }
    .elapsed { font-variant-numeric: tabular-nums; font-weight: 500; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #ff5252; animation: pulse 1.6s infinite; flex: none; }
    @keyframes pulse { 50% { opacity: 0.3; } }
    @media (max-width: 1500px) { .title { display: none; } }
    .stop { background: #fff; color: #b3261e; border-color: #fff; font-weight: 500; padding: 4px 10px; }
    .stop:disabled, .start:disabled { opacity: 0.6; cursor: default; }
    .logged { font-size: 13px; background: color-mix(in srgb, currentColor 14%, transparent); border-radius: 12px; padding: 3px 10px; white-space: nowrap; }
    .bar-error { font-size: 12px; background: #fde7e4; color: #8c1d18; border-radius: 10px; padding: 2px 8px; max-width: 240px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .panel {
      position: absolute; top: calc(100% + 10px); right: 0; width: 380px; max-height: 460px; overflow: auto; z-index: 100;
      background: var(--mat-sys-surface, #fff); color: var(--mat-sys-on-surface, #1b1b1f);
      border-radius: 12px; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22); padding: 12px; line-height: 1.4;
    }
    .panel-head { display: flex; justify-content: space-between; align-items: center; margin-bottom: 8px; }
    .close { border: none; background: transparent; color: inherit; font-size: 16px; padding: 2px 6px; }
    .search { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--mat-sys-outline, #79747e); }
    .group { margin: 10px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--mat-sys-on-surface-variant, #49454f); }
    .option {
      display: flex; flex-direction: column; align-items: flex-start; width: 100%; text-align: left; border: none; background: transparent;
      color: inherit; padding: 6px 8px; border-radius: 8px;
    }
    .option:hover, .option:focus-visible { background: var(--mat-sys-surface-container-high, #ece6f0); }
    .o-title { font-size: 14px; }
    .o-context { font-size: 12px; color: var(--mat-sys-on-surface-variant, #49454f); }
    .muted { color: var(--mat-sys-on-surface-variant, #49454f); font-size: 14px; }
    .form-error { color: #b3261e; font-size: 13px; }
  `,
  host: { '(document:click)': 'outside($event)' },
})
export class TimerWidget {
  private readonly host = inject(PORTAL_HOST);
  private readonly el = inject(ElementRef<HTMLElement>);
  protected readonly t = pluginWords(this.host, WORDS);

  protected readonly timer = signal<Timer | null>(null);
  protected readonly runningTitle = signal('');
  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly loading = signal(false);
  protected readonly query = signal('');
  protected readonly logged = signal<string | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  private readonly tasks = signal<Option[]>([]);
  private readonly deals = signal<Option[]>([]);
  private readonly now = signal(Date.now());
  /** The server's clock minus ours, so the ticking time matches the server's `startedAt`. */
  private skew = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private loggedTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly elapsed = computed(() => {
    const t = this.timer();
    if (!t?.running || !t.startedAt) return '';
    return hmmss((this.now() + this.skew - Date.parse(t.startedAt)) / 1000);
  });

  protected readonly taskOptions = computed(() => {
    const q = this.query().trim().toLowerCase();
    const list = q ? this.tasks().filter((o) => `${o.title} ${o.context}`.toLowerCase().includes(q)) : this.tasks();
    return [...list].sort((a, b) => Number(b.studio) - Number(a.studio)).slice(0, 30);
  });
  protected readonly dealOptions = computed(() => this.deals());

  constructor() {
    const tick = setInterval(() => this.now.set(Date.now()), 1000);
    const onLogged = () => void this.refresh();
    window.addEventListener(TIME_LOGGED, onLogged);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      clearTimeout(this.searchTimer);
      clearTimeout(this.loggedTimer);
      window.removeEventListener(TIME_LOGGED, onLogged);
    });
    void this.refresh();
  }

  /** GET /timers/current, and the running task's title. */
  private async refresh(): Promise<void> {
    try {
      const t = await this.host.get<Timer>('/timers/current');
      // elapsedMinutes is the server's count: use it to align our clock when it disagrees by more than a minute.
      if (t.running && t.startedAt) {
        const local = (Date.now() - Date.parse(t.startedAt)) / 60_000;
        this.skew = Math.abs(local - t.elapsedMinutes) > 1 ? (t.elapsedMinutes - Math.floor(local)) * 60_000 : 0;
      }
      this.timer.set(t);
      await this.nameRunning(t);
    } catch (err) {
      this.failure.set(err);
    }
  }

  private async nameRunning(t: Timer): Promise<void> {
    if (!t.running) return this.runningTitle.set('');
    if (t.taskId) {
      const task = await taskOf(this.host, t.taskId);
      if (task) return this.runningTitle.set(task.title);
    }
    const deal = t.dealId ? await dealOf(this.host, t.dealId) : null;
    this.runningTitle.set(deal?.title ?? this.t('timerRunning'));
  }

  protected toggle(): void {
    if (this.open()) return this.open.set(false);
    this.failure.set(null);
    this.open.set(true);
    this.query.set('');
    void this.loadOptions();
  }

  protected outside(event: Event): void {
    if (this.open() && !this.el.nativeElement.contains(event.target as Node)) this.open.set(false);
  }

  /** My open tasks on deals (studio projects first) and the project deals I am responsible for. */
  private async loadOptions(): Promise<void> {
    const me = this.host.user()?.id;
    if (!me) return;
    this.loading.set(true);
    try {
      const [tasks, deals] = await Promise.all([
        this.host.get<{ items: Task[] }>(`/tasks?assigneeId=${me}&status=open&limit=200`),
        this.host.get<{ items: Deal[] }>(`/deals?responsibleId=${me}&limit=100`),
      ]);
      const own = tasks.items.filter((x) => x.dealId);
      own.forEach(rememberTask);
      deals.items.forEach(rememberDeal);
      const dealList = await Promise.all([...new Set(own.map((x) => x.dealId as string))].map((id) => dealOf(this.host, id)));
      const byId = new Map(dealList.filter((d): d is Deal => !!d).map((d) => [d.id, d]));
      this.tasks.set(
        own.map((x) => {
          const d = byId.get(x.dealId as string);
          return { kind: 'task', id: x.id, title: x.title, context: d?.title ?? '', studio: !!d && STUDIO_PIPELINES.includes(d.pipeline.code) };
        }),
      );
      this.deals.set(this.dealRows(deals.items));
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.loading.set(false);
    }
  }

  private dealRows(list: Deal[]): Option[] {
    return list.filter((d) => STUDIO_PIPELINES.includes(d.pipeline?.code)).slice(0, 15).map((d) => ({ kind: 'deal', id: d.id, title: d.title, context: '', studio: true }));
  }

  protected search(text: string): void {
    this.query.set(text);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.searchDeals(text.trim()), 250);
  }

  private async searchDeals(q: string): Promise<void> {
    const me = this.host.user()?.id;
    try {
      const res = await this.host.get<{ items: Deal[] }>(q ? `/deals?q=${encodeURIComponent(q)}&limit=50` : `/deals?responsibleId=${me}&limit=100`);
      if (this.query().trim() !== q) return;
      res.items.forEach(rememberDeal);
      this.deals.set(this.dealRows(res.items));
    } catch (err) {
      this.failure.set(err);
    }
  }

  protected async start(o: Option): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      const t = await this.host.post<Timer & { stopped: TimeEntry | null }>('/timers/start', o.kind === 'task' ? { taskId: o.id } : { dealId: o.id });
      this.skew = 0;
      this.timer.set(t);
      this.runningTitle.set(o.title);
      this.open.set(false);
      if (t.stopped) {
        this.flash(t.stopped.minutes);
        announceTimeLogged(t.stopped.dealId);
      }
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async stop(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      const entry = await this.host.post<TimeEntry>('/timers/stop', {});
      this.timer.set({ running: false, dealId: null, taskId: null, note: null, startedAt: null, elapsedMinutes: 0 });
      this.open.set(false);
      this.flash(entry.minutes);
      announceTimeLogged(entry.dealId);
    } catch (err) {
      this.failure.set(err);
      // Stopped elsewhere (409 timer_not_running): show what the server has.
      void this.refresh();
    } finally {
      this.busy.set(false);
    }
  }

  private flash(minutes: number): void {
    this.logged.set(hmm(minutes));
    clearTimeout(this.loggedTimer);
    this.loggedTimer = setTimeout(() => this.logged.set(null), 6000);
  }
}
