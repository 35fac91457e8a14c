/**
 * The digital studio's portal logic that needs no Angular: API shapes, minutes as h:mm, the week in the portal's
 * time zone, the "My time" grid, money shown exactly as the API gives it (a decimal string, never a float).
 */
import { addDays, dayIn, offsetMinutes } from '@portal/portal-kit/dates';

export { addDays, dayIn, offsetMinutes } from '@portal/portal-kit/dates';

export type AlertLevel = 'warning' | 'critical';
export type AlertKind = 'margin' | 'hours';

export interface Alert {
  kind: AlertKind;
  level: AlertLevel;
  reason?: string;
  since?: string;
}

export interface TimeEntry {
  id: string;
  userId: string;
  dealId: string;
  taskId: string | null;
  minutes: number;
  startedAt: string;
  workDate: string;
  note: string | null;
  source: 'manual' | 'timer';
  locked: boolean;
  hourlyCost: string | null;
  cost: string | null;
}

export interface Timer {
  running: boolean;
  dealId: string | null;
  taskId: string | null;
  note: string | null;
  startedAt: string | null;
  elapsedMinutes: number;
  stopped?: TimeEntry | null;
}

export interface Task {
  id: string;
  title: string;
  dealId: string | null;
  status: string;
  estimateMinutes: number | null;
  assigneeId: string;
}

export interface Deal {
  id: string;
  title: string;
  pipeline: { id: string; code: string };
  budget: string | null;
  currency: string;
  responsibleId: string | null;
}

export interface Profitability {
  dealId: string;
  currency: string;
  revenue: string;
  laborCost: string;
  expenses: string;
  grossProfit: string;
  marginPct: string | null;
  minutes: number;
  plannedMinutes: number;
  spentPct: string | null;
  unratedMinutes: number;
  byUser: { userId: string; name: string; minutes: number; cost: string | null }[];
  byTask: { taskId: string | null; title: string | null; status: string | null; minutes: number; plannedMinutes: number; overPlan: boolean; cost: string | null }[];
  costsVisible: boolean;
  alert: Alert | null;
  alerts: Alert[];
  thresholds: { warningMarginPct: number; hoursWarningPct: number; hoursCriticalPct: number };
}

export interface ReportRow {
  dealId: string;
  title: string;
  pipeline: { id: string; code: string; name: string };
  stage: { id: string; code: string; name: string; kind: string };
  responsibleId: string | null;
  responsibleName: string | null;
  currency: string;
  revenue: string;
  laborCost: string;
  expenses: string;
  grossProfit: string;
  marginPct: string | null;
  minutes: number;
  plannedMinutes: number;
  spentPct: string | null;
  alert: { level: AlertLevel; kind: AlertKind } | null;
  period?: { from: string | null; to: string | null; minutes: number; laborCost: string; expenses: string };
}

export interface SeriesMonth {
  month: string;
  revenue: string;
  laborCost: string;
  expenses: string;
  monthGrossProfit: string;
  cumulative: { revenue: string; laborCost: string; expenses: string };
  grossProfit: string;
}

export interface Series {
  from: string;
  to: string;
  series: { currency: string; months: SeriesMonth[] }[];
}

/** The studio's deal directions: the deal-card widget shows on these. */
export const STUDIO_PIPELINES = ['studio_projects', 'studio_support', 'studio_claims'];

// ---- minutes ---------------------------------------------------------------------------------------------

/** 95 → "1:35"; 0 → "0:00". */
export function hmm(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Seconds as h:mm:ss for a running timer. */
export function hmmss(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What a person types as a duration, in whole minutes: "1:30", "90", "1.5h", "1,5 год", "2h 15m", "45m".
 * Null when it is not a duration. Plain numbers are minutes.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(',', '.');
  if (!s) return null;
  let m = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d+)$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|г|ч|год|час|ч\.|г\.)\.?)?\s*(?:(\d+)\s*(?:m|min|хв|мин|м)\.?)?$/.exec(s);
  if (m && (m[1] || m[2])) {
    const total = Math.round(Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0));
    return total;
  }
  return null;
}

// ---- dates in the portal's time zone ---------------------------------------------------------------------

/** The Monday of a day's week (ISO weeks: Monday to Sunday). */
export function mondayOf(day: string): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, wd === 0 ? -6 : 1 - wd);
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * An instant on a work day in the portal's time zone at a local hour (e.g. 09:00): the `startedAt` of an entry
 * added in the week grid, so its work date is that day. Never in the future: today's entry ends now at the latest.
 */
export function startOnDay(day: string, timeZone: string, minutes: number, now: Date = new Date(), hour = 9): string {
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  let at = new Date(guess.getTime() - offsetMinutes(timeZone, guess) * 60_000);
  const latest = new Date(now.getTime() - minutes * 60_000);
  if (at > latest) at = latest;
  // Started before this day's midnight (a long entry logged early today): start at midnight instead.
  if (dayIn(timeZone, at) !== day) {
    const midnight = new Date(`${day}T00:00:00Z`);
    at = new Date(midnight.getTime() - offsetMinutes(timeZone, midnight) * 60_000);
  }
  return at.toISOString();
}

// ---- the week grid ---------------------------------------------------------------------------------------

export interface GridRow {
  key: string;
  dealId: string;
  taskId: string | null;
  /** Minutes per day of the week (7). */
  days: number[];
  entries: TimeEntry[][];
  total: number;
}

export const rowKey = (dealId: string, taskId: string | null) => (taskId ? `t:${taskId}` : `d:${dealId}`);

/**
 * The week's entries as rows per task (or per deal, for time on the deal itself), with minutes per day. `extra`
 * adds rows with no time yet (my open tasks), so a person can log on them from the grid.
 */
export function buildGrid(entries: TimeEntry[], days: string[], extra: { dealId: string; taskId: string | null }[] = []): { rows: GridRow[]; dayTotals: number[]; total: number } {
  const rows = new Map<string, GridRow>();
  const rowOf = (dealId: string, taskId: string | null) => {
    const key = rowKey(dealId, taskId);
    let row = rows.get(key);
    if (!row) {
      row = { key, dealId, taskId, days: days.map(() => 0), entries: days.map(() => []), total: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const e of entries) {
    const i = days.indexOf(e.workDate);
    if (i < 0) continue;
    const row = rowOf(e.dealId, e.taskId);
    row.days[i] += e.minutes;
    row.entries[i].push(e);
    row.total += e.minutes;
  }
  for (const x of extra) rowOf(x.dealId, x.taskId);
  const list = [...rows.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const dayTotals = days.map((_, i) => list.reduce((sum, r) => sum + r.days[i], 0));
  return { rows: list, dayTotals, total: dayTotals.reduce((a, b) => a + b, 0) };
}

// ---- money -----------------------------------------------------------------------------------------------

/**
 * A decimal string from the API in the language's money format, exactly: Intl formats the string itself (no float
 * in between); where a runtime cannot, the digits are grouped by hand.
 */
export function money(value: string | null | undefined, currency: string, lang: string): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    const fmt = new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (fmt.format as unknown as (v: string) => string)(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** A percentage string ("12.50") in the language's format. */
export function percent(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '—';
  try {
    const fmt = new Intl.NumberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
    return `${(fmt.format as unknown as (v: string) => string)(value)} %`;
  } catch {
    return `${value} %`;
  }
}

/** Whether a decimal string is below zero (no float: the sign of the text). */
export const isNegative = (value: string | null | undefined) => !!value && value.trim().startsWith('-') && /[1-9]/.test(value);

/** A chart needs numbers: the decimal string as a number, only for drawing, never for sums. */
export const plot = (value: string | null | undefined) => (value ? Number(value) : 0);

/** "2026-03" → "бер. 2026" in the language. */
export function monthLabel(month: string, lang: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  } catch {
    return month;
  }
}

/** A week's range "2 – 8 бер. 2026" in the language. */
export function weekLabel(days: string[], lang: string): string {
  const a = new Date(`${days[0]}T00:00:00Z`);
  const b = new Date(`${days[days.length - 1]}T00:00:00Z`);
  try {
    const fmt = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (fmt as unknown as { formatRange(a: Date, b: Date): string }).formatRange(a, b);
  } catch {
    return `${days[0]} – ${days[days.length - 1]}`;
  }
}

/** The most serious of a report row's flags, as a CSS class and sort key. */
export function flagOf(alert: { level: AlertLevel } | null): 'critical' | 'warning' | 'ok' {
  return alert ? alert.level : 'ok';
}

/** A list endpoint's every page (time entries: up to `max` items). */
export async function allPages<T>(get: (path: string) => Promise<{ items: T[]; nextCursor: string | null }>, path: string, max = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}

/** The API's error code (`period_locked`, `forbidden`, …) when there is one. */
export const errorCode = (err: unknown) => (err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '');

/** A money amount as typed ("1 500,5") → the API's decimal string ("1500.5"), or null. */
export function moneyInput(text: string): string | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d{1,12}(\.\d{1,2})?$/.test(s) ? s : null;
}

/** The query string of the report's filters (empty ones left out). */
export function reportQuery(f: Record<string, string | undefined>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const SEVERITY = { critical: 0, warning: 1, ok: 2 };

/**
 * Red flags first, then amber, then the rest; within a group the lowest margin first — a project without revenue
 * that loses money (a claim) counts as the worst margin. Numbers only to order, never to compute money.
 */
export function worstFirst<T extends Pick<ReportRow, 'alert' | 'marginPct' | 'grossProfit'>>(rows: T[]): T[] {
  const margin = (r: T) => (r.marginPct !== null ? Number(r.marginPct) : isNegative(r.grossProfit) ? -Infinity : Infinity);
  return [...rows].sort((a, b) => SEVERITY[flagOf(a.alert)] - SEVERITY[flagOf(b.alert)] || margin(a) - margin(b));
}
