import { DateTime, IANAZone } from 'luxon';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessCalendar {
  /** IANA time zone, e.g. 'Europe/Kyiv'. */
  timezone: string;
  /** 'HH:mm' intervals per weekday, start inclusive and end exclusive ('24:00' = midnight after); [] = day off. */
  workingHours: Record<Weekday, Array<[string, string]>>;
  /** 'YYYY-MM-DD' local dates that are days off. */
  holidays: ReadonlySet<string>;
}

/** A wait before an automation runs; see applyDelay for how the options combine. */
export interface Delay {
  minutes?: number;
  days?: number;
  businessDays?: number;
  at?: string;
  workingHoursOnly?: boolean;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Indexed by Date#getUTCDay(), which starts the week on Sunday. */
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SEARCH_LIMIT_YEARS = 3;
const SEARCH_LIMIT_DAYS = SEARCH_LIMIT_YEARS * 366;

const workday = (): Array<[string, string]> => [['10:00', '19:00']];

/** Mon–Fri 10:00–19:00, Sat/Sun off. Frozen: it is shared by every portal without its own hours. */
export const DEFAULT_WORKING_HOURS: Record<Weekday, Array<[string, string]>> = deepFreeze({
  mon: workday(),
  tue: workday(),
  wed: workday(),
  thu: workday(),
  fri: workday(),
  sat: [],
  sun: [],
});

/** Working time of one day as epoch milliseconds, start inclusive, end exclusive. */
interface Period {
  start: number;
  end: number;
}

interface WallClock {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

/** null when `input` is a valid weekly schedule, else a message naming the bad weekday or interval. */
export function validateWorkingHours(input: unknown): string | null {
  if (!isPlainObject(input)) return 'must be an object with the weekdays mon…sun, each a list of ["HH:mm", "HH:mm"] intervals ([] for a day off)';
  const unknown = Object.keys(input).find((key) => !(WEEKDAYS as readonly string[]).includes(key));
  if (unknown !== undefined) return `"${unknown}" is not a weekday (${WEEKDAYS.join(', ')})`;
  for (const day of WEEKDAYS) {
    const problem = validateDay(day, input[day]);
    if (problem) return problem;
  }
  return null;
}

function validateDay(day: Weekday, intervals: unknown): string | null {
  if (intervals === undefined) return `${day}: is missing (use [] for a day off)`;
  if (!Array.isArray(intervals)) return `${day}: must be a list of ["HH:mm", "HH:mm"] intervals ([] for a day off)`;
  let previousEnd = -1;
  for (const [i, interval] of intervals.entries()) {
    const label = `${day}, interval ${i + 1}`;
    if (!Array.isArray(interval) || interval.length !== 2 || !interval.every((t) => typeof t === 'string')) return `${label}: must be a pair ["HH:mm", "HH:mm"]`;
    const [from, to] = interval as [string, string];
    const bad = [from, to].find((t) => !TIME_RE.test(t));
    if (bad !== undefined) return `${label}: "${bad}" is not a time HH:mm between 00:00 and 24:00`;
    const [start, end] = [toMinutes(from), toMinutes(to)];
    if (start >= end) return `${label} (${from}–${to}): must start before it ends`;
    if (start < previousEnd) return `${label} (${from}–${to}): overlaps or comes before the previous interval; keep intervals sorted and non-overlapping`;
    previousEnd = end;
  }
  return null;
}

export function isValidTimezone(tz: string): boolean {
  return typeof tz === 'string' && tz.length > 0 && IANAZone.isValidZone(tz);
}

// ---------------------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------------------

/** YYYY-MM-DD of `instant` in the calendar's time zone. */
export function localDate(cal: BusinessCalendar, instant: Date): string {
  return zoned(cal, instant).toISODate() as string;
}

/** A working day has working hours on its weekday and is not a holiday. */
export function isWorkingDay(cal: BusinessCalendar, localDate: string): boolean {
  assertDate(localDate);
  return workingDay(cal, localDate);
}

export function isWithinWorkingHours(cal: BusinessCalendar, instant: Date): boolean {
  return periodContaining(cal, instant) !== undefined;
}

/** End of the working interval containing `instant`; null outside working hours. */
export function endOfCurrentWorkingPeriod(cal: BusinessCalendar, instant: Date): Date | null {
  const period = periodContaining(cal, instant);
  return period ? new Date(period.end) : null;
}

/** `instant` when inside working hours, else the start of the next working period (maybe later the same day). */
export function nextWorkingMoment(cal: BusinessCalendar, instant: Date): Date {
  const t = instant.getTime();
  let date = localDate(cal, instant);
  for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++, date = addDays(date, 1)) {
    const period = periodsOn(cal, date).find((p) => p.end > t);
    if (period) return new Date(Math.max(period.start, t));
  }
  throw noWorkingTime(localDate(cal, instant));
}

/** Start of the first working period on a working day strictly after `instant`'s local date. */
export function startOfNextWorkingDay(cal: BusinessCalendar, instant: Date): Date {
  const today = localDate(cal, instant);
  let date = today;
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
    date = addDays(date, 1);
    const [first] = periodsOn(cal, date);
    if (first) return new Date(first.start);
  }
  throw noWorkingTime(today);
}

// ---------------------------------------------------------------------------------------------------------
// Delays
// ---------------------------------------------------------------------------------------------------------

/**
 * The moment a delay started at `from` ends. `days` (calendar days) and then `businessDays` (working days)
 * move the local date keeping the local wall-clock time, then `minutes` adds absolute time; `at` sets the
 * local time of day on the day that lands on (alone: the next such time strictly after `from`), and
 * `workingHoursOnly` moves a result outside working hours to the next working moment.
 */
export function applyDelay(cal: BusinessCalendar, from: Date, delay: Delay): Date {
  const days = wholeCount(delay.days, 'days');
  const businessDays = wholeCount(delay.businessDays, 'businessDays');
  const minutes = wholeCount(delay.minutes, 'minutes');
  let result = shiftDays(cal, from, days, businessDays) + minutes * MS_PER_MINUTE;
  if (delay.at !== undefined) {
    const at = timeOfDay(delay.at);
    result = days || businessDays || minutes ? atTimeOn(cal, localDate(cal, new Date(result)), at) : nextTimeAfter(cal, from, at);
  }
  const landed = new Date(result);
  return delay.workingHoursOnly ? nextWorkingMoment(cal, landed) : landed;
}

/** Epoch ms of `from` moved by calendar and working days, keeping its local wall-clock time. */
function shiftDays(cal: BusinessCalendar, from: Date, days: number, businessDays: number): number {
  if (!days && !businessDays) return from.getTime(); // rebuilding from the wall clock could flip an ambiguous (DST) hour
  const start = zoned(cal, from);
  const date = addBusinessDays(cal, addDays(start.toISODate() as string, days), businessDays);
  return wallClockOn(cal, date, start).toMillis();
}

/** Counts on day numbers, not date strings: the validator allows up to a million working days. */
function addBusinessDays(cal: BusinessCalendar, date: string, count: number): string {
  if (!count) return date;
  const holidays = new Set([...cal.holidays].map(toDayNumber));
  const workingWeekday = WEEKDAY_BY_UTC_DAY.map((weekday) => (cal.workingHours[weekday] ?? []).length > 0);
  let day = toDayNumber(date);
  for (let left = count, idle = 0; left > 0; ) {
    day++;
    if (workingWeekday[utcDayOf(day)] && !holidays.has(day)) {
      left--;
      idle = 0;
    } else if (++idle >= SEARCH_LIMIT_DAYS) {
      throw noWorkingTime(fromDayNumber(day - idle));
    }
  }
  return fromDayNumber(day);
}

function nextTimeAfter(cal: BusinessCalendar, from: Date, at: WallClock): number {
  const today = localDate(cal, from);
  const candidate = atTimeOn(cal, today, at);
  return candidate > from.getTime() ? candidate : atTimeOn(cal, addDays(today, 1), at);
}

function atTimeOn(cal: BusinessCalendar, date: string, at: WallClock): number {
  return wallClockOn(cal, date, at).toMillis();
}

function wholeCount(value: number | undefined, name: keyof Delay): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`Delay.${name} must be a whole non-negative number, got ${value}`);
  return value;
}

function timeOfDay(at: string): WallClock {
  const match = TIME_RE.exec(at);
  if (!match || at === '24:00') throw new RangeError(`Delay.at must be a time of day "HH:mm" (00:00–23:59), got "${at}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

// ---------------------------------------------------------------------------------------------------------
// Working periods
// ---------------------------------------------------------------------------------------------------------

function periodContaining(cal: BusinessCalendar, instant: Date): Period | undefined {
  const t = instant.getTime();
  return periodsOn(cal, localDate(cal, instant)).find((p) => p.start <= t && t < p.end);
}

function periodsOn(cal: BusinessCalendar, date: string): Period[] {
  if (!workingDay(cal, date)) return [];
  return hoursOn(cal, date)
    .map(([from, to]) => ({ start: minuteOn(cal, date, parseTime(from)), end: minuteOn(cal, date, parseTime(to)) }))
    .filter((p) => p.start < p.end); // a DST jump can swallow a short interval
}

/** isWorkingDay for dates this module built itself, so already well-formed. */
function workingDay(cal: BusinessCalendar, date: string): boolean {
  return hoursOn(cal, date).length > 0 && !cal.holidays.has(date);
}

function hoursOn(cal: BusinessCalendar, date: string): Array<[string, string]> {
  return cal.workingHours[weekdayOf(date)] ?? [];
}

function minuteOn(cal: BusinessCalendar, date: string, minuteOfDay: number): number {
  if (minuteOfDay === MINUTES_PER_DAY) return minuteOn(cal, addDays(date, 1), 0);
  return atTimeOn(cal, date, { hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
}

function parseTime(time: string): number {
  if (!TIME_RE.test(time)) throw new Error(`Business calendar: "${time}" is not a working-hours time HH:mm`);
  return toMinutes(time);
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and zones
// ---------------------------------------------------------------------------------------------------------

function zoned(cal: BusinessCalendar, instant: Date): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: cal.timezone });
  if (!dt.isValid) throw new Error(`Business calendar: cannot place ${String(instant)} in time zone "${cal.timezone}" (${dt.invalidExplanation ?? dt.invalidReason})`);
  return dt;
}

/** The local wall-clock time on a local date; a time skipped by DST moves forward by the jump (luxon). */
function wallClockOn(cal: BusinessCalendar, date: string, time: WallClock): DateTime {
  const [year, month, day] = splitDate(date);
  const { hour, minute, second = 0, millisecond = 0 } = time;
  return DateTime.fromObject({ year, month, day, hour, minute, second, millisecond }, { zone: cal.timezone });
}

function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

function weekdayOf(date: string): Weekday {
  return WEEKDAY_BY_UTC_DAY[utcDayOf(toDayNumber(date))];
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
function toDayNumber(date: string): number {
  const [year, month, day] = splitDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function splitDate(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday, like Date#getUTCDay(); 1970-01-01 was a Thursday. */
function utcDayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function assertDate(date: string): void {
  if (typeof date !== 'string' || !DATE_RE.test(date) || addDays(date, 0) !== date) throw new RangeError(`"${date}" is not a date YYYY-MM-DD`);
}

function noWorkingTime(date: string): Error {
  return new Error(`Business calendar: no working time within ${SEARCH_LIMIT_YEARS} years after ${date}; check the working hours and holidays`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T extends Record<string, unknown[]>>(value: T): T {
  for (const list of Object.values(value)) {
    for (const item of list) Object.freeze(item);
    Object.freeze(list);
  }
  return Object.freeze(value);
}
