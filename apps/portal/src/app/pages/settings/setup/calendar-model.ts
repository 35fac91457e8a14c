import type { TextKey } from '../../../core/i18n.dictionaries';
import { WEEKDAYS } from './setup.types';
import type { Weekday } from './setup.types';
import './setup.i18n';

export interface Interval {
  start: string;
  end: string;
}

/** One weekday as the editor holds it: off, or working in one or more intervals (a lunch break splits the day). */
export interface DayDraft {
  day: Weekday;
  working: boolean;
  intervals: Interval[];
}

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const DEFAULT_INTERVAL: Interval = { start: '10:00', end: '19:00' };

export function daysFromHours(hours: Partial<Record<Weekday, Array<[string, string]>>>): DayDraft[] {
  return WEEKDAYS.map((day) => {
    const list = hours[day] ?? [];
    return { day, working: list.length > 0, intervals: list.length ? list.map(([start, end]) => ({ start, end })) : [{ ...DEFAULT_INTERVAL }] };
  });
}

/** `workingHours` of `PUT /calendar`: a day off is `[]`. */
export function hoursFromDays(days: DayDraft[]): Record<Weekday, Array<[string, string]>> {
  return Object.fromEntries(days.map((d) => [d.day, d.working ? d.intervals.map((i) => [i.start, i.end] as [string, string]) : []])) as Record<Weekday, Array<[string, string]>>;
}

/** Per weekday, what the API would refuse: a bad time, an interval ending before it starts, overlaps. */
export function dayProblems(days: DayDraft[]): Partial<Record<Weekday, TextKey>> {
  const out: Partial<Record<Weekday, TextKey>> = {};
  for (const d of days) {
    if (!d.working) continue;
    let previousEnd = -1;
    for (const i of d.intervals) {
      if (!TIME_RE.test(i.start) || !TIME_RE.test(i.end)) {
        out[d.day] = 'setup.err.time';
        break;
      }
      if (minutes(i.start) >= minutes(i.end)) {
        out[d.day] = 'setup.err.intervalOrder';
        break;
      }
      if (minutes(i.start) < previousEnd) {
        out[d.day] = 'setup.err.intervalOverlap';
        break;
      }
      previousEnd = minutes(i.end);
    }
  }
  return out;
}

/** The weekday an API message about `workingHours` names (`"tue, interval 2: …"`), if any. */
export function dayOfMessage(message: string): Weekday | null {
  const m = /^(mon|tue|wed|thu|fri|sat|sun)\b/.exec(message.trim());
  return m ? (m[1] as Weekday) : null;
}

/** Copies a day's hours to the other working days (Mon–Fri). */
export function copyToWeekdays(days: DayDraft[], from: Weekday): DayDraft[] {
  const source = days.find((d) => d.day === from);
  if (!source) return days;
  return days.map((d) => (['mon', 'tue', 'wed', 'thu', 'fri'].includes(d.day) && d.day !== from ? { ...d, working: source.working, intervals: source.intervals.map((i) => ({ ...i })) } : d));
}

/** Working minutes a week. */
export function weeklyMinutes(days: DayDraft[]): number {
  return days.filter((d) => d.working).reduce((sum, d) => sum + d.intervals.reduce((s, i) => s + Math.max(0, minutes(i.end) - minutes(i.start)), 0), 0);
}

const hhmm = (m: number) => (m >= 24 * 60 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/**
 * A break in a day: the last interval is split around its middle hour (10:00–19:00 → 10:00–14:00 and
 * 15:00–19:00); one too short to split gets a new interval after it instead.
 */
export function withBreak(intervals: Interval[]): Interval[] {
  const last = intervals[intervals.length - 1];
  if (!last || !TIME_RE.test(last.start) || !TIME_RE.test(last.end)) return [...intervals, { ...DEFAULT_INTERVAL }];
  const [s, e] = [minutes(last.start), minutes(last.end)];
  const mid = Math.floor((s + e) / 2 / 60) * 60;
  if (mid - s >= 60 && e - (mid + 60) >= 60) return [...intervals.slice(0, -1), { start: last.start, end: hhmm(mid) }, { start: hhmm(mid + 60), end: last.end }];
  const start = Math.min(e + 60, 23 * 60);
  return [...intervals, { start: hhmm(start), end: hhmm(Math.min(start + 120, 24 * 60)) }];
}
