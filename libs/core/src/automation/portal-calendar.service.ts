import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { DEFAULT_WORKING_HOURS, isValidTimezone, ukrainianHolidays, validateWorkingHours } from './calendar';
import type { BusinessCalendar, Weekday } from './calendar';

/** What `portals.working_hours` stores: the weekly hours and which statutory holidays apply. */
interface StoredCalendar {
  weekly?: Record<Weekday, Array<[string, string]>>;
  holidayCalendar?: 'UA' | null;
}

export interface CalendarView {
  timezone: string;
  workingHours: Record<Weekday, Array<[string, string]>>;
  holidayCalendar: 'UA' | null;
  holidays: { date: string; name: string; source: 'statutory' | 'portal' }[];
}

const TTL_MS = 5_000;
const YEARS_AHEAD = 3;

/**
 * Each portal's business calendar: its time zone, weekly working hours (default Mon–Fri 10:00–19:00) and
 * days off — Ukraine's statutory holidays for `uk` portals (switchable) plus the portal's own. Cached for a
 * few seconds per process; the database stays the source of truth.
 */
@Injectable()
export class PortalCalendarService {
  private readonly cache = new Map<string, { cal: BusinessCalendar; until: number }>();

  constructor(private readonly db: Db) {}

  async forPortal(portalId = RequestContext.portalId()): Promise<BusinessCalendar> {
    const hit = this.cache.get(portalId);
    if (hit && hit.until > Date.now()) return hit.cal;
    const { cal } = await this.load(portalId);
    this.cache.set(portalId, { cal, until: Date.now() + TTL_MS });
    return cal;
  }

  async view(year?: number): Promise<CalendarView> {
    const portalId = RequestContext.portalId();
    const { cal, stored, own, timezone } = await this.load(portalId);
    const y = year ?? new Date().getUTCFullYear();
    const statutory = stored.holidayCalendar === 'UA' ? ukrainianHolidays(y).map((h) => ({ ...h, source: 'statutory' as const })) : [];
    const mine = own.filter((h) => h.date.startsWith(`${y}-`)).map((h) => ({ ...h, source: 'portal' as const }));
    return {
      timezone,
      workingHours: cal.workingHours,
      holidayCalendar: stored.holidayCalendar ?? null,
      holidays: [...statutory, ...mine].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  async update(input: { timezone?: unknown; workingHours?: unknown; holidayCalendar?: unknown }): Promise<CalendarView> {
    const problems: { field: string; message: string }[] = [];
    if (input.timezone !== undefined && (typeof input.timezone !== 'string' || !isValidTimezone(input.timezone))) problems.push({ field: 'timezone', message: 'must be an IANA time zone, e.g. Europe/Kyiv' });
    if (input.workingHours !== undefined) {
      const bad = validateWorkingHours(input.workingHours);
      if (bad) problems.push({ field: 'workingHours', message: bad });
    }
    if (input.holidayCalendar !== undefined && input.holidayCalendar !== null && input.holidayCalendar !== 'UA') problems.push({ field: 'holidayCalendar', message: 'must be "UA" or null' });
    if (problems.length) throw new ValidationFailedError(problems);
    const portalId = RequestContext.portalId();
    await this.db.transaction(async () => {
      const { stored } = await this.load(portalId);
      const next: StoredCalendar = { ...stored };
      if (input.workingHours !== undefined) next.weekly = input.workingHours as StoredCalendar['weekly'];
      if (input.holidayCalendar !== undefined) next.holidayCalendar = input.holidayCalendar as 'UA' | null;
      await this.db.query(`UPDATE portals SET working_hours = $2, timezone = COALESCE($3, timezone) WHERE id = $1`, [portalId, JSON.stringify(next), input.timezone ?? null]);
    });
    this.cache.delete(portalId);
    return this.view();
  }

  async addHoliday(date: unknown, name: unknown): Promise<CalendarView> {
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw ValidationFailedError.field('date', 'must be a date YYYY-MM-DD');
    if (typeof name !== 'string' || !name.trim() || name.length > 200) throw ValidationFailedError.field('name', 'is required (at most 200 characters)');
    const portalId = RequestContext.portalId();
    await this.db.query(`INSERT INTO portal_holidays (portal_id, date, name) VALUES ($1, $2, $3) ON CONFLICT (portal_id, date) DO UPDATE SET name = EXCLUDED.name`, [portalId, date, name.trim()]);
    this.cache.delete(portalId);
    return this.view(Number(date.slice(0, 4)));
  }

  async removeHoliday(date: string): Promise<void> {
    const portalId = RequestContext.portalId();
    await this.db.query(`DELETE FROM portal_holidays WHERE portal_id = $1 AND date = $2`, [portalId, date]);
    this.cache.delete(portalId);
  }

  private async load(portalId: string) {
    const [portal] = await this.db.query<{ timezone: string; locale: string; working_hours: StoredCalendar | null }>(`SELECT timezone, locale, working_hours FROM portals WHERE id = $1`, [portalId]);
    const stored: StoredCalendar = portal?.working_hours ?? { holidayCalendar: portal?.locale === 'uk' ? 'UA' : null };
    if (stored.holidayCalendar === undefined) stored.holidayCalendar = portal?.locale === 'uk' ? 'UA' : null;
    const own = (await this.db.query<{ date: string; name: string }>(`SELECT to_char(date, 'YYYY-MM-DD') AS date, name FROM portal_holidays WHERE portal_id = $1 ORDER BY date`, [portalId])).map((r) => ({ date: r.date, name: r.name }));
    const holidays = new Set(own.map((h) => h.date));
    if (stored.holidayCalendar === 'UA') {
      const thisYear = new Date().getUTCFullYear();
      for (let y = thisYear - 1; y <= thisYear + YEARS_AHEAD; y++) for (const h of ukrainianHolidays(y)) holidays.add(h.date);
    }
    const timezone = portal?.timezone ?? 'Europe/Kyiv';
    const cal: BusinessCalendar = { timezone, workingHours: stored.weekly ?? DEFAULT_WORKING_HOURS, holidays };
    return { cal, stored, own, timezone };
  }
}
