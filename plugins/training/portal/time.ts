/** Dates and the test's countdown, in the portal's time zone and the viewer's language. */
import { dayIn, offsetMinutes } from '@portal/portal-kit/dates';

export { addDays, dayIn } from '@portal/portal-kit/dates';

/** "12 бер. 2026" for an instant, in a time zone; "—" without one. */
export function dateText(iso: string | null | undefined, lang: string, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  try {
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(d);
  } catch {
    return iso.slice(0, 10);
  }
}

/** Whole days from `now` to an instant (negative once it is past), by the calendar days of the time zone. */
export function daysUntil(iso: string, timeZone: string, now: Date = new Date()): number {
  const day = (at: Date) => Date.parse(`${dayIn(timeZone, at)}T00:00:00Z`);
  return Math.round((day(new Date(iso)) - day(now)) / 86_400_000);
}

/** The last second of a day in a time zone, as an ISO instant: a due date picked as a day means "by its end". */
export function endOfDay(day: string, timeZone: string): string {
  const guess = new Date(`${day}T23:59:59Z`);
  return new Date(guess.getTime() - offsetMinutes(timeZone, guess) * 60_000).toISOString();
}

/** Milliseconds left to a deadline (never below zero). */
export function msLeft(deadlineAt: string, now: number): number {
  return Math.max(0, Date.parse(deadlineAt) - now);
}

/** A countdown as m:ss (h:mm:ss from an hour), rounding up so that 0:00 shows only when the time is out. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
