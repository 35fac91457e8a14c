import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { SetupIcon } from './icon';
import { ApiError, ApiService } from '../../../core/api.service';
import { Notifier } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { DEFAULT_INTERVAL, copyToWeekdays, withBreak, dayOfMessage, dayProblems, daysFromHours, hoursFromDays, weeklyMinutes } from './calendar-model';
import type { DayDraft, Interval } from './calendar-model';
import { apiFieldMessages, apiMessageText, generalText } from './setup-errors';
import type { CalendarView, Holiday, Weekday } from './setup.types';
import './setup.i18n';

/**
 * The portal's business calendar (admin): working hours per weekday (a day off, or one or more intervals),
 * Ukraine's statutory holidays on or off, and the portal's own days off of a year. Automations count
 * business days and working hours by it, in the portal's time zone.
 */
@Component({
  selector: 'app-calendar-settings-page',
  imports: [MatButtonModule, SetupIcon, TPipe],
  styleUrl: './setup.css',
  styles: `
    .tz { display: flex; gap: 8px; align-items: center; margin: 0 0 16px; flex-wrap: wrap; }
    .days { display: flex; flex-direction: column; }
    .day { display: grid; grid-template-columns: 170px 1fr auto; gap: 12px; align-items: start; padding: 10px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .day:last-child { border-bottom: none; }
    .day .check { padding-top: 6px; font-weight: 500; }
    .intervals { display: flex; flex-direction: column; gap: 6px; }
    .interval { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    .interval input { width: 140px; }
    .off { padding-top: 6px; color: var(--mat-sys-on-surface-variant); }
    .day-actions { display: flex; gap: 4px; flex-wrap: wrap; justify-content: flex-end; }
    .total { margin: 12px 0 0; }
    .year { display: flex; gap: 4px; align-items: center; }
    .year strong { min-width: 52px; text-align: center; font-size: 18px; font-weight: 500; }
    .add-holiday { display: grid; grid-template-columns: 170px minmax(160px, 1fr) auto; gap: 8px; align-items: end; margin: 12px 0; }
    .holidays { list-style: none; margin: 0; padding: 0; }
    .holidays li { display: grid; grid-template-columns: 230px 1fr auto 40px; gap: 12px; align-items: center; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .holidays li.past { opacity: 0.6; }
    @media (max-width: 760px) { .day, .add-holiday, .holidays li { grid-template-columns: 1fr; } }
  `,
  template: `
    <h2>{{ 'setup.calendar.title' | t }}</h2>
    <p class="intro">{{ 'setup.calendar.intro' | t }}</p>

    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="calendar-load-error">{{ e }}</p>
      <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (!calendar()) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    } @else {
      <p class="tz" data-testid="calendar-timezone">
        <app-setup-icon name="schedule" />
        <span>{{ 'setup.calendar.timezone' | t: { zone: zoneText() } }}</span>
      </p>

      <section class="panel" data-testid="calendar-hours">
        <h3>{{ 'setup.calendar.hours' | t }}</h3>
        @if (hoursError(); as g) {
          <p class="form-error" role="alert" data-testid="calendar-error">{{ g }}</p>
        }
        <div class="days">
          @for (d of days(); track d.day) {
            <div class="day" [attr.data-testid]="'calendar-day-' + d.day">
              <label class="check">
                <input type="checkbox" [checked]="d.working" (change)="setWorking(d.day, $any($event.target).checked)" [attr.data-testid]="'calendar-working-' + d.day" />
                {{ dayName(d.day) }}
              </label>
              <div>
                @if (d.working) {
                  <div class="intervals">
                    @for (iv of d.intervals; track $index; let i = $index) {
                      <div class="interval">
                        <input type="time" [value]="iv.start" (change)="setTime(d.day, i, { start: $any($event.target).value })" [class.invalid]="!!dayErrors()[d.day]"
                          [attr.aria-label]="'setup.calendar.from' | t" [attr.data-testid]="'calendar-start-' + d.day + '-' + i" />
                        <span>—</span>
                        <input type="time" [value]="iv.end" (change)="setTime(d.day, i, { end: $any($event.target).value })" [class.invalid]="!!dayErrors()[d.day]"
                          [attr.aria-label]="'setup.calendar.to' | t" [attr.data-testid]="'calendar-end-' + d.day + '-' + i" />
                        @if (d.intervals.length > 1) {
                          <button mat-icon-button type="button" (click)="removeInterval(d.day, i)" [attr.aria-label]="'setup.calendar.removeInterval' | t" [attr.data-testid]="'calendar-interval-remove-' + d.day + '-' + i">
                            <app-setup-icon name="close" />
                          </button>
                        }
                      </div>
                    }
                  </div>
                } @else {
                  <div class="off">{{ 'setup.calendar.dayOff' | t }}</div>
                }
                @if (dayErrors()[d.day]; as m) {
                  <p class="field-error" role="alert" [attr.data-testid]="'calendar-error-' + d.day">{{ m }}</p>
                }
              </div>
              <div class="day-actions">
                @if (d.working) {
                  <button mat-button type="button" (click)="addInterval(d.day)" [attr.data-testid]="'calendar-interval-add-' + d.day">{{ 'setup.calendar.addInterval' | t }}</button>
                }
                @if (d.day === 'mon') {
                  <button mat-button type="button" (click)="copyMonday()" data-testid="calendar-copy-mon">{{ 'setup.calendar.copy' | t }}</button>
                }
              </div>
            </div>
          }
        </div>
        <p class="muted total" data-testid="calendar-total">{{ 'setup.calendar.total' | t: { hours: totalHours() } }}</p>
        <label class="check">
          <input type="checkbox" [checked]="holidayCalendar() === 'UA'" (change)="setStatutory($any($event.target).checked)" data-testid="calendar-ua-holidays" />
          {{ 'setup.calendar.statutory' | t }}
        </label>
        <div class="actions">
          <button mat-flat-button type="button" (click)="save()" [disabled]="busy() || !dirty()" data-testid="calendar-save">{{ (busy() ? 'setup.saving' : 'setup.save') | t }}</button>
          <button mat-button type="button" (click)="reset()" [disabled]="busy() || !dirty()" data-testid="calendar-discard">{{ 'setup.discard' | t }}</button>
          @if (dirty()) {
            <span class="muted">{{ 'setup.unsaved' | t }}</span>
          } @else if (saved()) {
            <span class="saved" role="status" data-testid="calendar-saved">{{ 'setup.saved' | t }}</span>
          }
        </div>
      </section>

      <section class="panel" data-testid="calendar-holidays">
        <div class="head">
          <h3>{{ 'setup.holidays.title' | t }}</h3>
          <div class="year">
            <button mat-icon-button type="button" (click)="changeYear(-1)" [disabled]="holidaysBusy()" [attr.aria-label]="'setup.holidays.prevYear' | t" data-testid="holidays-prev"><app-setup-icon name="left" /></button>
            <strong data-testid="holidays-year">{{ year() }}</strong>
            <button mat-icon-button type="button" (click)="changeYear(1)" [disabled]="holidaysBusy()" [attr.aria-label]="'setup.holidays.nextYear' | t" data-testid="holidays-next"><app-setup-icon name="right" /></button>
          </div>
        </div>
        <form class="add-holiday" (submit)="$event.preventDefault(); addHoliday()" novalidate>
          <label class="field">
            <span class="label">{{ 'setup.holidays.date' | t }}</span>
            <input type="date" [value]="newDate()" (input)="newDate.set($any($event.target).value); clearHolidayError('date')" [class.invalid]="!!holidayErrors()['date']" data-testid="holiday-date" />
          </label>
          <label class="field">
            <span class="label">{{ 'setup.holidays.name' | t }}</span>
            <input [value]="newName()" (input)="newName.set($any($event.target).value); clearHolidayError('name')" [class.invalid]="!!holidayErrors()['name']" maxlength="200" data-testid="holiday-name" />
          </label>
          <button mat-flat-button type="submit" [disabled]="holidaysBusy()" data-testid="holiday-add"><app-setup-icon name="add" />{{ 'setup.holidays.add' | t }}</button>
        </form>
        @for (m of holidayErrorList(); track $index) {
          <p class="field-error" role="alert" data-testid="holiday-error">{{ m }}</p>
        }
        @if (holidays().length) {
          <ul class="holidays" data-testid="holiday-list">
            @for (h of holidays(); track h.date + h.source) {
              <li [class.past]="isPast(h.date)" [attr.data-testid]="'holiday-' + h.date">
                <span>{{ dateText(h.date) }}</span>
                <span>{{ h.name }}</span>
                <span class="chip" [class.primary]="h.source === 'portal'">{{ (h.source === 'portal' ? 'setup.holidays.own' : 'setup.holidays.statutoryChip') | t }}</span>
                @if (h.source === 'portal') {
                  <button mat-icon-button type="button" (click)="removeHoliday(h)" [disabled]="holidaysBusy()" [attr.aria-label]="'setup.holidays.delete' | t" [attr.data-testid]="'holiday-delete-' + h.date">
                    <app-setup-icon name="delete" />
                  </button>
                } @else {
                  <span></span>
                }
              </li>
            }
          </ul>
        } @else {
          <div class="empty" data-testid="holidays-empty">{{ 'setup.holidays.empty' | t: { year: year() } }}</div>
        }
      </section>
    }
  `,
})
export class CalendarSettingsPage {
  private readonly api = inject(ApiService);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly calendar = signal<CalendarView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly days = signal<DayDraft[]>([]);
  protected readonly holidayCalendar = signal<'UA' | null>(null);
  protected readonly dayErrors = signal<Partial<Record<Weekday, string>>>({});
  protected readonly hoursError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);

  protected readonly year = signal(new Date().getFullYear());
  protected readonly holidays = signal<Holiday[]>([]);
  protected readonly holidaysBusy = signal(false);
  protected readonly newDate = signal('');
  protected readonly newName = signal('');
  protected readonly holidayErrors = signal<Record<string, string>>({});
  protected readonly holidayErrorList = computed(() => Object.values(this.holidayErrors()));

  protected readonly dirty = computed(() => {
    const c = this.calendar();
    if (!c) return false;
    return JSON.stringify(hoursFromDays(this.days())) !== JSON.stringify(hoursFromDays(daysFromHours(c.workingHours))) || this.holidayCalendar() !== c.holidayCalendar;
  });
  protected readonly totalHours = computed(() => {
    const m = weeklyMinutes(this.days());
    return new Intl.NumberFormat(this.i18n.lang(), { maximumFractionDigits: 1 }).format(m / 60);
  });
  protected readonly zoneText = computed(() => {
    const zone = this.calendar()?.timezone ?? this.session.me()?.portal?.timezone ?? 'UTC';
    try {
      const offset = new Intl.DateTimeFormat(this.i18n.lang(), { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
      return offset ? `${zone} (${offset})` : zone;
    } catch {
      return zone;
    }
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const c = await this.api.get<CalendarView>(`/calendar?year=${this.year()}`);
      this.apply(c);
      this.holidays.set(c.holidays);
    } catch (err) {
      this.loadError.set(generalText(this.i18n, err));
    }
  }

  private apply(c: CalendarView): void {
    this.calendar.set(c);
    this.days.set(daysFromHours(c.workingHours));
    this.holidayCalendar.set(c.holidayCalendar);
    this.dayErrors.set({});
    this.hoursError.set(null);
  }

  protected dayName(day: Weekday): string {
    // 2024-01-01 was a Monday.
    const index = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day);
    const text = new Intl.DateTimeFormat(this.i18n.lang(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index)));
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  protected dateText(date: string): string {
    const [y, m, d] = date.split('-').map(Number);
    const text = new Intl.DateTimeFormat(this.i18n.lang(), { day: 'numeric', month: 'long', weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    return text;
  }

  protected isPast(date: string): boolean {
    return date < new Date().toISOString().slice(0, 10);
  }

  // ---- working hours -------------------------------------------------------------------------------

  private changeDay(day: Weekday, change: (d: DayDraft) => DayDraft): void {
    this.days.update((all) => all.map((d) => (d.day === day ? change(d) : d)));
    this.saved.set(false);
    this.dayErrors.update(({ [day]: _gone, ...rest }) => rest);
  }

  protected setWorking(day: Weekday, working: boolean): void {
    this.changeDay(day, (d) => ({ ...d, working, intervals: d.intervals.length ? d.intervals : [{ ...DEFAULT_INTERVAL }] }));
  }

  protected setTime(day: Weekday, i: number, change: Partial<Interval>): void {
    this.changeDay(day, (d) => ({ ...d, intervals: d.intervals.map((iv, j) => (j === i ? { ...iv, ...change } : iv)) }));
  }

  protected addInterval(day: Weekday): void {
    this.changeDay(day, (d) => ({ ...d, intervals: withBreak(d.intervals) }));
  }

  protected removeInterval(day: Weekday, i: number): void {
    this.changeDay(day, (d) => ({ ...d, intervals: d.intervals.filter((_, j) => j !== i) }));
  }

  protected copyMonday(): void {
    this.days.update((all) => copyToWeekdays(all, 'mon'));
    this.saved.set(false);
    this.dayErrors.set({});
  }

  protected setStatutory(on: boolean): void {
    this.holidayCalendar.set(on ? 'UA' : null);
    this.saved.set(false);
  }

  protected reset(): void {
    const c = this.calendar();
    if (c) this.apply(c);
  }

  async save(): Promise<void> {
    if (this.busy()) return;
    this.hoursError.set(null);
    const problems = dayProblems(this.days());
    if (Object.keys(problems).length) {
      this.dayErrors.set(Object.fromEntries(Object.entries(problems).map(([day, key]) => [day, this.i18n.t(key)])));
      return;
    }
    this.busy.set(true);
    try {
      const c = await this.api.request<CalendarView>('PUT', '/calendar', { workingHours: hoursFromDays(this.days()), holidayCalendar: this.holidayCalendar() });
      this.apply(c);
      this.saved.set(true);
      // The holidays of the year shown may change with the statutory calendar.
      await this.loadHolidays();
    } catch (err) {
      this.showHoursError(err);
    } finally {
      this.busy.set(false);
    }
  }

  private showHoursError(err: unknown): void {
    if (err instanceof ApiError && err.fieldErrors['workingHours']) {
      const message = err.fieldErrors['workingHours'];
      const day = dayOfMessage(message);
      const text = apiMessageText(this.i18n, message);
      if (day) {
        this.dayErrors.set({ [day]: text });
        return;
      }
      this.hoursError.set(text);
      return;
    }
    const messages = apiFieldMessages(this.i18n, err);
    this.hoursError.set(Object.keys(messages).length ? Object.values(messages).join(' ') : generalText(this.i18n, err));
  }

  // ---- holidays ------------------------------------------------------------------------------------

  protected changeYear(delta: number): void {
    this.year.update((y) => y + delta);
    void this.loadHolidays();
  }

  private async loadHolidays(): Promise<void> {
    this.holidaysBusy.set(true);
    try {
      const c = await this.api.get<CalendarView>(`/calendar?year=${this.year()}`);
      this.holidays.set(c.holidays);
    } catch (err) {
      this.holidayErrors.set({ general: generalText(this.i18n, err) });
    } finally {
      this.holidaysBusy.set(false);
    }
  }

  protected clearHolidayError(field: string): void {
    if (!(field in this.holidayErrors()) && !('general' in this.holidayErrors())) return;
    this.holidayErrors.update(({ [field]: _gone, general: _g, ...rest }) => rest);
  }

  async addHoliday(): Promise<void> {
    if (this.holidaysBusy()) return;
    const date = this.newDate();
    const name = this.newName().trim();
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors['date'] = this.i18n.t('setup.err.date');
    if (!name) errors['name'] = this.i18n.t('setup.err.holidayName');
    if (Object.keys(errors).length) {
      this.holidayErrors.set(errors);
      return;
    }
    this.holidaysBusy.set(true);
    this.holidayErrors.set({});
    try {
      await this.api.post<CalendarView>('/calendar/holidays', { date, name });
      this.newDate.set('');
      this.newName.set('');
      this.year.set(Number(date.slice(0, 4)));
      this.notifier.info(this.i18n.t('setup.holidays.added', { date: this.dateText(date) }));
    } catch (err) {
      const messages = apiFieldMessages(this.i18n, err);
      this.holidayErrors.set(Object.keys(messages).length ? messages : { general: generalText(this.i18n, err) });
      this.holidaysBusy.set(false);
      return;
    }
    this.holidaysBusy.set(false);
    await this.loadHolidays();
  }

  async removeHoliday(h: Holiday): Promise<void> {
    if (this.holidaysBusy()) return;
    this.holidaysBusy.set(true);
    this.holidayErrors.set({});
    try {
      await this.api.delete(`/calendar/holidays/${h.date}`);
      this.holidays.update((all) => all.filter((x) => !(x.date === h.date && x.source === 'portal')));
    } catch (err) {
      this.holidayErrors.set({ general: generalText(this.i18n, err) });
    } finally {
      this.holidaysBusy.set(false);
    }
  }
}
