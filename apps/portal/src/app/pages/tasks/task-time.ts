/**
 * Time of tasks in the portal's time zone: which calendar day a deadline falls on ("today" is the
 * portal's today, not the browser's), the wall time a `datetime-local` input shows and the ISO moment
 * (with the zone's offset) it means, and a deadline in words.
 */
import type { TaskItem } from './tasks.types';

export type TaskGroup = 'overdue' | 'today' | 'upcoming' | 'none';
export const TASK_GROUPS: readonly TaskGroup[] = ['overdue', 'today', 'upcoming', 'none'];

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time zone Intl knows, else UTC (a portal with a bad zone still shows its tasks). */
export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function wallTime(at: Date, timeZone: string): WallTime {
  const zone = safeZone(timeZone);
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts['year'], month: parts['month'], day: parts['day'], hour: parts['hour'] % 24, minute: parts['minute'], second: parts['second'] };
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** The calendar day (YYYY-MM-DD) of a moment in the zone. */
export function dayKey(at: Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes the zone is ahead of UTC at that moment (Kyiv in summer: 180). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const w = wallTime(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** `2026-01-15T10:00` — what a `datetime-local` input shows for the moment in the zone. */
export function toLocalInput(iso: string | Date, timeZone: string): string {
  const at = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const w = wallTime(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * A wall time typed in a `datetime-local` input, in the zone, as the ISO 8601 moment with the zone's offset
 * the API wants (`2026-01-15T10:00:00+02:00`); null when it is not a date and time.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wallAsUtc)) return null;
  // The offset at the wall time read as UTC, then again at the moment it gives (right across a DST change).
  let offset = zoneOffsetMinutes(new Date(wallAsUtc), timeZone);
  offset = zoneOffsetMinutes(new Date(wallAsUtc - offset * 60_000), timeZone);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offsetText(offset)}`;
}

/** The wall time `days` calendar days after `at`'s day in the zone, at hour:minute (for quick picks). */
export function dayAt(at: Date, days: number, hour: number, minute: number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}T${pad(hour)}:${pad(minute)}`;
}

/** Days from `at`'s day to the next Monday (1..7) in the zone. */
export function daysToNextMonday(at: Date, timeZone: string): number {
  const w = wallTime(at, timeZone);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay(); // 0 = Sunday
  return ((8 - weekday) % 7) || 7;
}

/** Where an open task belongs: its deadline passed, later today, on a later day, or none. */
export function taskGroup(task: Pick<TaskItem, 'dueAt'>, now: Date, timeZone: string): TaskGroup {
  if (!task.dueAt) return 'none';
  const due = new Date(task.dueAt);
  if (Number.isNaN(due.getTime())) return 'none';
  if (due.getTime() < now.getTime()) return 'overdue';
  return dayKey(due, timeZone) === dayKey(now, timeZone) ? 'today' : 'upcoming';
}

/** Open tasks by group, each by deadline (soonest first). */
export function groupTasks<T extends Pick<TaskItem, 'dueAt' | 'id'>>(tasks: T[], now: Date, timeZone: string): Record<TaskGroup, T[]> {
  const out: Record<TaskGroup, T[]> = { overdue: [], today: [], upcoming: [], none: [] };
  for (const t of tasks) out[taskGroup(t, now, timeZone)].push(t);
  const time = (t: T) => (t.dueAt ? new Date(t.dueAt).getTime() : Infinity);
  for (const g of TASK_GROUPS) out[g].sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id));
  return out;
}

/** "in 3 hours", "2 days ago", "tomorrow" in the language. */
export function relativeTime(at: Date, now: Date, lang: string, timeZone: string): string {
  const diff = at.getTime() - now.getTime();
  const minutes = Math.round(diff / 60_000);
  let fmt: Intl.RelativeTimeFormat;
  try {
    fmt = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  } catch {
    fmt = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  }
  if (Math.abs(minutes) < 60) return fmt.format(minutes, 'minute');
  const hours = Math.round(diff / 3_600_000);
  if (Math.abs(hours) < 24 && dayKey(at, timeZone) === dayKey(now, timeZone)) return fmt.format(hours, 'hour');
  // Calendar days in the zone: "tomorrow" for any time tomorrow.
  const days = Math.round((Date.parse(dayKey(at, timeZone)) - Date.parse(dayKey(now, timeZone))) / 86_400_000);
  if (Math.abs(days) < 14) return fmt.format(days, 'day');
  if (Math.abs(days) < 60) return fmt.format(Math.round(days / 7), 'week');
  return fmt.format(Math.round(days / 30), 'month');
}

/** "15 Jan 2026, 10:00" in the language, in the zone. */
export function absoluteTime(at: Date, lang: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: safeZone(timeZone) }).format(at);
  } catch {
    return at.toISOString();
  }
}
