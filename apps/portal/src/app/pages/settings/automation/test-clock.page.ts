import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { ApiError, ApiService } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { zonedIso } from './rule-model';
import './automation.i18n';

type Unit = 'minutes' | 'hours' | 'days';

/**
 * A sandbox portal's test clock: the portal's own time, moved forward on demand; every timer and job that
 * falls due on the way runs before the answer comes. Live portals have none (the API answers 404).
 */
@Component({
  selector: 'app-test-clock-page',
  imports: [MatButtonModule, RouterLink, TPipe],
  template: `
    <h2 data-testid="clock-title">{{ 'auto.clock.title' | t }}</h2>
    @if (live()) {
      <div class="note" data-testid="clock-live">
        <p>{{ 'auto.clock.live' | t }}</p>
        <p class="muted">{{ 'auto.clock.liveHow' | t }}</p>
      </div>
    } @else {
      <p class="intro">{{ 'auto.clock.intro' | t }}</p>
      @if (loadError(); as e) {
        <p class="form-error" role="alert" data-testid="clock-error">{{ e }} <button mat-button type="button" (click)="load()">{{ 'common.retry' | t }}</button></p>
      }
      <div class="now" data-testid="clock-now-box">
        <span class="label">{{ 'auto.clock.now' | t }}</span>
        <span class="time" data-testid="clock-now">{{ now() ? format(now()!) : '…' }}</span>
        <span class="muted">{{ 'auto.clock.zone' | t: { zone: zone() } }}</span>
      </div>

      <div class="quick">
        <button mat-stroked-button type="button" (click)="advance({ minutes: 60 })" [disabled]="busy() || !now()" data-testid="clock-plus-hour">{{ 'auto.clock.plusHour' | t }}</button>
        <button mat-stroked-button type="button" (click)="advance({ days: 1 })" [disabled]="busy() || !now()" data-testid="clock-plus-day">{{ 'auto.clock.plusDay' | t }}</button>
        <button mat-stroked-button type="button" (click)="advance({ days: 7 })" [disabled]="busy() || !now()" data-testid="clock-plus-week">{{ 'auto.clock.plusWeek' | t }}</button>
      </div>

      <form class="row" (submit)="$event.preventDefault(); advanceBy()" data-testid="clock-by-form">
        <span class="label">{{ 'auto.clock.by' | t }}</span>
        <input type="number" min="1" step="1" [value]="amount()" (input)="amount.set(val($event))" data-testid="clock-amount" [attr.aria-label]="'auto.field.amount' | t" />
        <select (change)="unit.set($any(val($event)))" data-testid="clock-unit" [attr.aria-label]="'auto.field.delayUnit' | t">
          <option value="minutes" [selected]="unit() === 'minutes'">{{ 'auto.unit.minutes' | t }}</option>
          <option value="hours" [selected]="unit() === 'hours'">{{ 'auto.unit.hours' | t }}</option>
          <option value="days" [selected]="unit() === 'days'">{{ 'auto.unit.days' | t }}</option>
        </select>
        <button mat-flat-button type="submit" [disabled]="busy() || !now()" data-testid="clock-advance">{{ 'auto.clock.advance' | t }}</button>
      </form>

      <form class="row" (submit)="$event.preventDefault(); advanceTo()" data-testid="clock-to-form">
        <span class="label">{{ 'auto.clock.to' | t }}</span>
        <input type="datetime-local" [value]="target()" [min]="minTarget()" (input)="target.set(val($event))" (change)="target.set(val($event))" data-testid="clock-to" />
        <button mat-flat-button type="submit" [disabled]="busy() || !now() || !target()" data-testid="clock-advance-to">{{ 'auto.clock.advanceTo' | t }}</button>
      </form>

      @if (busy()) {
        <p class="muted" data-testid="clock-busy">{{ 'auto.clock.running' | t }}</p>
      }
      @if (error(); as e) {
        <p class="form-error" role="alert" data-testid="clock-advance-error">{{ e }}</p>
      }
      @if (done(); as d) {
        <div class="done" role="status" data-testid="clock-done">
          <p>{{ 'auto.clock.moved' | t: { from: format(d.from), to: format(d.to) } }}</p>
          <p>{{ d.fired ? i18n.plural('auto.clock.fired', d.fired) : ('auto.clock.firedNone' | t) }} {{ 'auto.clock.jobsRan' | t }}</p>
          <a routerLink="/settings/runs" data-testid="clock-runs-link">{{ 'auto.clock.toRuns' | t }}</a>
        </div>
      }
    }
  `,
  styles: `
    h2 { margin: 0 0 8px; font-size: 22px; font-weight: 400; }
    .intro, .muted { color: var(--mat-sys-on-surface-variant); }
    .intro { margin: 0 0 16px; max-width: 760px; }
    .note { padding: 16px; border-radius: 8px; background: var(--mat-sys-surface-container-high); max-width: 760px; }
    .note p { margin: 0 0 6px; }
    .now { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; padding: 16px; border-radius: 12px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); margin-bottom: 16px; max-width: 760px; }
    .now .time { font-size: 24px; font-weight: 500; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .now .label, .now .muted { color: inherit; opacity: 0.8; }
    .quick { display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap; }
    .row { display: flex; gap: 8px; align-items: center; margin-bottom: 12px; flex-wrap: wrap; }
    .row .label { min-width: 150px; }
    input, select { font: inherit; padding: 7px 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); }
    input[type='number'] { width: 90px; }
    .done { padding: 12px 16px; border-radius: 8px; background: #d7f5dc; color: #0f5223; max-width: 760px; }
    .done p { margin: 0 0 6px; }
    .done a { color: inherit; font-weight: 500; }
  `,
})
export class TestClockPage {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);

  protected readonly now = signal<string | null>(null);
  protected readonly live = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly amount = signal('1');
  protected readonly unit = signal<Unit>('hours');
  protected readonly target = signal('');
  protected readonly done = signal<{ from: string; to: string; fired: number } | null>(null);
  protected readonly zone = computed(() => this.session.me()?.portal?.timezone || 'UTC');
  protected readonly minTarget = computed(() => {
    const now = this.now();
    return now ? this.localInput(now) : '';
  });

  constructor() {
    void this.load();
  }

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    // A live portal has no test clock: say so without asking (the API would answer 404).
    if (this.session.me()?.portal?.sandbox === false) {
      this.live.set(true);
      return;
    }
    try {
      this.now.set((await this.api.get<{ now: string }>('/test-clock')).now);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.live.set(true);
      else this.loadError.set(errorText(this.i18n, err));
    }
  }

  protected format(iso: string): string {
    const d = new Date(iso);
    try {
      return new Intl.DateTimeFormat(this.i18n.lang(), { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: this.zone() }).format(d);
    } catch {
      return d.toISOString();
    }
  }

  /** "2025-05-01T10:00" of an instant in the portal's time zone (for the date-time input). */
  private localInput(iso: string): string {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.zone(), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
      const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
      return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
    } catch {
      return iso.slice(0, 16);
    }
  }

  advanceBy(): Promise<void> {
    const n = Number(this.amount());
    if (!Number.isInteger(n) || n < 1) {
      this.error.set(this.i18n.t('auto.clock.badAmount'));
      return Promise.resolve();
    }
    const unit = this.unit();
    return this.advance(unit === 'days' ? { days: n } : { minutes: unit === 'hours' ? n * 60 : n });
  }

  advanceTo(): Promise<void> {
    const to = zonedIso(this.target(), this.zone());
    if (!to) {
      this.error.set(this.i18n.t('auto.clock.badDate'));
      return Promise.resolve();
    }
    return this.advance({ to });
  }

  async advance(body: { minutes?: number; days?: number; to?: string }): Promise<void> {
    if (this.busy()) return;
    const from = this.now();
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    try {
      const res = await this.api.post<{ now: string; fired?: number }>('/test-clock/advance', body);
      this.now.set(res.now);
      this.done.set({ from: from ?? res.now, to: res.now, fired: res.fired ?? 0 });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.live.set(true);
      else if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
        const [, message] = Object.entries(err.fieldErrors)[0];
        this.error.set(/forward/.test(message) ? this.i18n.t('auto.clock.onlyForward') : /at most/.test(message) ? this.i18n.t('auto.clock.tooFar') : message);
      } else this.error.set(errorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }
}
