import { DateTime } from 'luxon';
import {
  DEFAULT_WORKING_HOURS,
  applyDelay,
  endOfCurrentWorkingPeriod,
  isValidTimezone,
  isWithinWorkingHours,
  isWorkingDay,
  localDate,
  nextWorkingMoment,
  startOfNextWorkingDay,
  validateWorkingHours,
} from './business-calendar';
import type { BusinessCalendar, Weekday } from './business-calendar';
import { ukrainianHolidayDates } from './ukrainian-holidays';

const HOUR_MS = 3_600_000;

function calendar(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timezone: 'Europe/Kyiv', workingHours: DEFAULT_WORKING_HOURS, holidays: new Set(), ...overrides };
}

function weekly(workday: Array<[string, string]>, weekend: Array<[string, string]> = []): Record<Weekday, Array<[string, string]>> {
  return { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: weekend, sun: weekend };
}

/** A local wall-clock time 'YYYY-MM-DDTHH:mm' in the calendar's zone as an instant. */
const at = (cal: BusinessCalendar, local: string): Date => DateTime.fromISO(local, { zone: cal.timezone }).toJSDate();

/** An instant as local time with its offset and weekday, e.g. '2025-06-16T10:00+03:00 Mon'. */
const show = (cal: BusinessCalendar, instant: Date | null): string | null =>
  instant && DateTime.fromJSDate(instant, { zone: cal.timezone }).toFormat("yyyy-MM-dd'T'HH:mmZZ ccc", { locale: 'en' });

const kyiv = calendar();

describe('applyDelay', () => {
  describe('required examples (Kyiv, Mon–Fri 10:00–19:00)', () => {
    it('Friday 18:00 + {businessDays: 1, at: "10:00"} = Monday 10:00', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T18:00'), { businessDays: 1, at: '10:00' }))).toBe('2025-06-16T10:00+03:00 Mon');
    });

    it('Saturday 12:00 + {businessDays: 1} = Monday 12:00', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-14T12:00'), { businessDays: 1 }))).toBe('2025-06-16T12:00+03:00 Mon');
    });

    it('Friday 18:30 + {minutes: 60, workingHoursOnly: true} = Monday 10:00', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T18:30'), { minutes: 60, workingHoursOnly: true }))).toBe('2025-06-16T10:00+03:00 Mon');
    });

    it('a holiday Monday pushes to Tuesday', () => {
      const cal = calendar({ holidays: new Set(['2025-06-16']) });
      expect(show(cal, applyDelay(cal, at(cal, '2025-06-13T18:00'), { businessDays: 1, at: '10:00' }))).toBe('2025-06-17T10:00+03:00 Tue');
    });
  });

  it('minutes are absolute time; inside working hours workingHoursOnly changes nothing', () => {
    expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T12:00'), { minutes: 90, workingHoursOnly: true }))).toBe('2025-06-13T13:30+03:00 Fri');
  });

  it('days are calendar days, weekends included, keeping the local time', () => {
    expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T18:00'), { days: 1 }))).toBe('2025-06-14T18:00+03:00 Sat');
  });

  it('combines days, then businessDays, then minutes', () => {
    // Thu → (+1 day) Fri → (+1 working day) Mon 18:00 → (+90 min) Mon 19:30
    expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-12T18:00'), { days: 1, businessDays: 1, minutes: 90 }))).toBe('2025-06-16T19:30+03:00 Mon');
  });

  it('businessDays skip statutory holidays (Independence Day, Monday 24 Aug 2026)', () => {
    const cal = calendar({ holidays: new Set(ukrainianHolidayDates(2026, 2026)) });
    expect(show(cal, applyDelay(cal, at(cal, '2026-08-21T15:00'), { businessDays: 1 }))).toBe('2026-08-25T15:00+03:00 Tue');
    expect(show(cal, applyDelay(cal, at(cal, '2026-08-21T15:00'), { businessDays: 3 }))).toBe('2026-08-27T15:00+03:00 Thu');
  });

  it('counts many working days quickly (a year of Mon–Fri is 260 of them)', () => {
    expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-16T11:00'), { businessDays: 260 }))).toBe('2026-06-15T11:00+03:00 Mon');
    expect(applyDelay(kyiv, at(kyiv, '2025-06-16T11:00'), { businessDays: 1_000_000 }).getUTCFullYear()).toBeGreaterThan(5800);
  });

  it('an empty delay returns the same moment', () => {
    const from = at(kyiv, '2025-06-14T03:17');
    expect(applyDelay(kyiv, from, {}).getTime()).toBe(from.getTime());
  });

  describe('at alone', () => {
    it('is later today while that time is still ahead', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T09:00'), { at: '10:00' }))).toBe('2025-06-13T10:00+03:00 Fri');
    });

    it('is tomorrow once that time has come (strictly after from)', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T10:00'), { at: '10:00' }))).toBe('2025-06-14T10:00+03:00 Sat');
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T11:00'), { at: '10:00' }))).toBe('2025-06-14T10:00+03:00 Sat');
    });

    it('with workingHoursOnly moves a weekend result to the next working period', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-13T11:00'), { at: '10:00', workingHoursOnly: true }))).toBe('2025-06-16T10:00+03:00 Mon');
    });
  });

  it('at with minutes sets the time on the day the minutes land on', () => {
    expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-06-16T20:00'), { minutes: 600, at: '09:00' }))).toBe('2025-06-17T09:00+03:00 Tue');
  });

  describe('DST in Europe/Kyiv', () => {
    it('+1 day over the spring change (last Sunday of March) keeps 12:00 and lasts 23 hours', () => {
      const from = at(kyiv, '2025-03-29T12:00');
      const to = applyDelay(kyiv, from, { days: 1 });
      expect(show(kyiv, from)).toBe('2025-03-29T12:00+02:00 Sat');
      expect(show(kyiv, to)).toBe('2025-03-30T12:00+03:00 Sun');
      expect(to.getTime() - from.getTime()).toBe(23 * HOUR_MS);
    });

    it('+1 day over the autumn change (last Sunday of October) keeps 12:00 and lasts 25 hours', () => {
      const from = at(kyiv, '2025-10-25T12:00');
      const to = applyDelay(kyiv, from, { days: 1 });
      expect(show(kyiv, to)).toBe('2025-10-26T12:00+02:00 Sun');
      expect(to.getTime() - from.getTime()).toBe(25 * HOUR_MS);
    });

    it('businessDays over the spring change keep the local time', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-03-28T18:00'), { businessDays: 1 }))).toBe('2025-03-31T18:00+03:00 Mon');
    });

    it('a local time skipped by the spring change moves forward by the hour', () => {
      expect(show(kyiv, applyDelay(kyiv, at(kyiv, '2025-03-29T03:30'), { days: 1 }))).toBe('2025-03-30T04:30+03:00 Sun');
    });

    it('minutes stay absolute over the autumn change', () => {
      const firstHalfPastThree = new Date('2025-10-26T03:30:00+03:00');
      expect(show(kyiv, applyDelay(kyiv, firstHalfPastThree, { minutes: 60 }))).toBe('2025-10-26T03:30+02:00 Sun');
    });
  });

  describe('another time zone (America/New_York)', () => {
    const ny = calendar({ timezone: 'America/New_York' });

    it('uses New York working hours', () => {
      expect(show(ny, applyDelay(ny, at(ny, '2025-06-13T18:30'), { minutes: 60, workingHoursOnly: true }))).toBe('2025-06-16T10:00-04:00 Mon');
      expect(show(ny, applyDelay(ny, at(ny, '2025-06-13T18:00'), { businessDays: 1, at: '10:00' }))).toBe('2025-06-16T10:00-04:00 Mon');
    });

    it('keeps the local time over the US spring change (second Sunday of March)', () => {
      expect(show(ny, applyDelay(ny, at(ny, '2025-03-08T12:00'), { days: 1 }))).toBe('2025-03-09T12:00-04:00 Sun');
    });

    it('reads the same instant on New York dates and hours', () => {
      const instant = new Date('2025-06-13T17:00:00Z'); // 13:00 in New York, 20:00 in Kyiv
      expect(isWithinWorkingHours(ny, instant)).toBe(true);
      expect(isWithinWorkingHours(kyiv, instant)).toBe(false);
      const lateFriday = new Date('2025-06-14T02:00:00Z');
      expect(localDate(ny, lateFriday)).toBe('2025-06-13');
      expect(localDate(kyiv, lateFriday)).toBe('2025-06-14');
    });
  });

  it('refuses negative or fractional counts and a bad at', () => {
    const from = at(kyiv, '2025-06-13T12:00');
    expect(() => applyDelay(kyiv, from, { days: -1 })).toThrow(RangeError);
    expect(() => applyDelay(kyiv, from, { businessDays: 1.5 })).toThrow(RangeError);
    expect(() => applyDelay(kyiv, from, { at: '25:00' })).toThrow(RangeError);
    expect(() => applyDelay(kyiv, from, { at: '24:00' })).toThrow(RangeError);
  });
});

describe('a day with a lunch break (09:00–13:00, 14:00–18:00)', () => {
  const cal = calendar({ workingHours: weekly([['09:00', '13:00'], ['14:00', '18:00']]) });

  it('is outside working hours during lunch and after the end (ends are exclusive)', () => {
    expect(isWithinWorkingHours(cal, at(cal, '2025-06-16T12:59'))).toBe(true);
    expect(isWithinWorkingHours(cal, at(cal, '2025-06-16T13:00'))).toBe(false);
    expect(isWithinWorkingHours(cal, at(cal, '2025-06-16T14:00'))).toBe(true);
    expect(isWithinWorkingHours(cal, at(cal, '2025-06-16T18:00'))).toBe(false);
  });

  it('continues after lunch the same day', () => {
    expect(show(cal, nextWorkingMoment(cal, at(cal, '2025-06-16T13:30')))).toBe('2025-06-16T14:00+03:00 Mon');
    expect(show(cal, applyDelay(cal, at(cal, '2025-06-16T12:30'), { minutes: 45, workingHoursOnly: true }))).toBe('2025-06-16T14:00+03:00 Mon');
  });

  it('ends the current period at lunch or at the end of the day', () => {
    expect(show(cal, endOfCurrentWorkingPeriod(cal, at(cal, '2025-06-16T10:00')))).toBe('2025-06-16T13:00+03:00 Mon');
    expect(show(cal, endOfCurrentWorkingPeriod(cal, at(cal, '2025-06-16T15:00')))).toBe('2025-06-16T18:00+03:00 Mon');
    expect(endOfCurrentWorkingPeriod(cal, at(cal, '2025-06-16T13:30'))).toBeNull();
  });

  it('starts the next working day with its first period', () => {
    expect(show(cal, startOfNextWorkingDay(cal, at(cal, '2025-06-16T08:00')))).toBe('2025-06-17T09:00+03:00 Tue');
    expect(show(cal, startOfNextWorkingDay(cal, at(cal, '2025-06-13T10:00')))).toBe('2025-06-16T09:00+03:00 Mon');
  });
});

describe('nextWorkingMoment', () => {
  it('returns the instant itself inside working hours', () => {
    const inside = at(kyiv, '2025-06-13T12:34');
    expect(nextWorkingMoment(kyiv, inside).getTime()).toBe(inside.getTime());
  });

  it('is later today before the start, the next working day after the end', () => {
    expect(show(kyiv, nextWorkingMoment(kyiv, at(kyiv, '2025-06-16T07:00')))).toBe('2025-06-16T10:00+03:00 Mon');
    expect(show(kyiv, nextWorkingMoment(kyiv, at(kyiv, '2025-06-16T19:00')))).toBe('2025-06-17T10:00+03:00 Tue');
  });

  it('skips holidays', () => {
    const cal = calendar({ holidays: new Set(['2025-06-16', '2025-06-17']) });
    expect(show(cal, nextWorkingMoment(cal, at(cal, '2025-06-13T20:00')))).toBe('2025-06-18T10:00+03:00 Wed');
  });
});

describe('a period ending at 24:00', () => {
  const cal = calendar({ workingHours: weekly([], [['20:00', '24:00']]) });

  it('runs to the following midnight', () => {
    const lateSaturday = at(cal, '2025-06-14T23:59');
    expect(isWithinWorkingHours(cal, lateSaturday)).toBe(true);
    expect(show(cal, endOfCurrentWorkingPeriod(cal, lateSaturday))).toBe('2025-06-15T00:00+03:00 Sun');
    expect(isWithinWorkingHours(cal, at(cal, '2025-06-15T00:00'))).toBe(false);
  });
});

describe('a calendar without any working time', () => {
  const closed = calendar({ workingHours: weekly([]) });
  const from = at(closed, '2025-06-13T12:00');

  it('throws a clear error instead of searching forever', () => {
    expect(() => nextWorkingMoment(closed, from)).toThrow(/no working time within 3 years/);
    expect(() => startOfNextWorkingDay(closed, from)).toThrow(/no working time within 3 years/);
    expect(() => applyDelay(closed, from, { businessDays: 1 })).toThrow(/no working time within 3 years/);
    expect(() => applyDelay(closed, from, { minutes: 5, workingHoursOnly: true })).toThrow(/no working time within 3 years/);
  });

  it('still applies delays that do not need working time', () => {
    expect(show(closed, applyDelay(closed, from, { days: 2 }))).toBe('2025-06-15T12:00+03:00 Sun');
  });
});

describe('isWorkingDay', () => {
  const cal = calendar({ holidays: new Set(['2025-06-16']) });

  it('needs working hours on the weekday and no holiday', () => {
    expect(isWorkingDay(cal, '2025-06-13')).toBe(true);
    expect(isWorkingDay(cal, '2025-06-14')).toBe(false);
    expect(isWorkingDay(cal, '2025-06-16')).toBe(false);
    expect(isWorkingDay(cal, '2025-06-17')).toBe(true);
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay(cal, '2025-6-13')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2025-02-30')).toThrow(RangeError);
  });
});

describe('localDate', () => {
  it('is the date in the calendar zone, not in UTC', () => {
    expect(localDate(kyiv, new Date('2025-06-13T22:30:00Z'))).toBe('2025-06-14');
  });

  it('throws on an unknown time zone', () => {
    expect(() => localDate(calendar({ timezone: 'Mars/Olympus' }), new Date())).toThrow(/Mars\/Olympus/);
  });
});

describe('isValidTimezone', () => {
  it.each([
    ['Europe/Kyiv', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['UTC+3', false],
    ['', false],
  ])('%j → %s', (tz, valid) => {
    expect(isValidTimezone(tz)).toBe(valid);
  });
});

describe('DEFAULT_WORKING_HOURS', () => {
  it('is Mon–Fri 10:00–19:00 with the weekend off, and frozen', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual(weekly([['10:00', '19:00']]));
    expect(Object.isFrozen(DEFAULT_WORKING_HOURS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WORKING_HOURS.mon)).toBe(true);
  });
});

describe('validateWorkingHours', () => {
  const valid = weekly([['10:00', '19:00']]);

  it('accepts the default, a lunch break, touching intervals and an end at 24:00', () => {
    expect(validateWorkingHours(DEFAULT_WORKING_HOURS)).toBeNull();
    expect(validateWorkingHours(weekly([['09:00', '13:00'], ['14:00', '18:00']]))).toBeNull();
    expect(validateWorkingHours(weekly([['09:00', '13:00'], ['13:00', '18:00']]))).toBeNull();
    expect(validateWorkingHours(weekly([['00:00', '24:00']]))).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'mon-fri', /must be an object/],
    ['an array', [], /must be an object/],
    ['null', null, /must be an object/],
    ['an unknown weekday', { ...valid, monday: [] }, /"monday" is not a weekday/],
    ['a missing weekday', { ...valid, sun: undefined }, /^sun: is missing/],
    ['a day that is not a list', { ...valid, tue: '10:00-19:00' }, /^tue: must be a list/],
    ['an interval that is not a pair', { ...valid, wed: [['10:00']] }, /^wed, interval 1: must be a pair/],
    ['a time that is not a string', { ...valid, wed: [[10, 19]] }, /^wed, interval 1: must be a pair/],
    ['an hour past 24', { ...valid, thu: [['10:00', '25:00']] }, /^thu, interval 1: "25:00" is not a time HH:mm/],
    ['an unpadded hour', { ...valid, thu: [['9:00', '18:00']] }, /^thu, interval 1: "9:00" is not a time/],
    ['a start at 24:00', { ...valid, thu: [['24:00', '24:00']] }, /^thu, interval 1 \(24:00–24:00\): must start before it ends/],
    ['start after end', { ...valid, fri: [['19:00', '10:00']] }, /^fri, interval 1 \(19:00–10:00\): must start before it ends/],
    ['an empty interval', { ...valid, fri: [['10:00', '10:00']] }, /must start before it ends/],
    ['overlapping intervals', { ...valid, sat: [['10:00', '14:00'], ['13:00', '18:00']] }, /^sat, interval 2 \(13:00–18:00\): overlaps/],
    ['unsorted intervals', { ...valid, sun: [['14:00', '18:00'], ['09:00', '13:00']] }, /^sun, interval 2 .*sorted and non-overlapping/],
  ])('names %s', (_, input, message) => {
    expect(validateWorkingHours(input)).toMatch(message);
  });
});
