// The portal's pure logic (no Angular), tested here because the plugin's portal code has no jest project of its own.
import { addDays, buildGrid, dayIn, hmm, hmmss, isNegative, mondayOf, money, moneyInput, parseDuration, percent, reportQuery, startOnDay, weekDays, worstFirst } from '../portal/studio';
import type { TimeEntry } from '../portal/studio';

describe('minutes', () => {
  it('shows minutes as h:mm and a running timer as h:mm:ss', () => {
    expect([hmm(0), hmm(5), hmm(95), hmm(1440), hmm(-61)]).toEqual(['0:00', '0:05', '1:35', '24:00', '-1:01']);
    expect([hmmss(0), hmmss(59.9), hmmss(3661), hmmss(-3)]).toEqual(['0:00:00', '0:00:59', '1:01:01', '0:00:00']);
  });

  it('reads what people type as a duration', () => {
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('1.5h')).toBe(90);
    expect(parseDuration('1,5 год')).toBe(90);
    expect(parseDuration('2h 15m')).toBe(135);
    expect(parseDuration('45 хв')).toBe(45);
    expect(parseDuration('2 ч 5 мин')).toBe(125);
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('abc')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});

describe('the week in the portal’s time zone', () => {
  it('finds Monday to Sunday around a day', () => {
    expect(mondayOf('2026-03-04')).toBe('2026-03-02'); // a Wednesday
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // a Sunday
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('takes the day of an instant in the portal’s zone, not the browser’s', () => {
    const lateUtc = new Date('2026-03-01T23:30:00Z');
    expect(dayIn('Europe/Kyiv', lateUtc)).toBe('2026-03-02');
    expect(dayIn('America/New_York', lateUtc)).toBe('2026-03-01');
  });

  it('starts a grid entry at 09:00 of its day there, never in the future nor the day before', () => {
    const now = new Date('2026-03-05T15:00:00Z');
    expect(startOnDay('2026-03-03', 'Europe/Kyiv', 60, now)).toBe('2026-03-03T07:00:00.000Z');
    // Summer time: 09:00 in Kyiv is 06:00 UTC.
    expect(startOnDay('2026-07-01', 'Europe/Kyiv', 60, new Date('2026-07-02T00:00:00Z'))).toBe('2026-07-01T06:00:00.000Z');
    // Today early in the morning: it ends now at the latest.
    const early = new Date('2026-03-05T06:30:00Z'); // 08:30 in Kyiv
    expect(startOnDay('2026-03-05', 'Europe/Kyiv', 30, early)).toBe('2026-03-05T06:00:00.000Z');
    // Longer than the day so far: it starts at the day's midnight, so its work date stays that day.
    expect(startOnDay('2026-03-05', 'Europe/Kyiv', 600, early)).toBe('2026-03-04T22:00:00.000Z');
  });
});

describe('the "My time" grid', () => {
  const entry = (id: string, workDate: string, minutes: number, taskId: string | null, dealId = 'd1'): TimeEntry => ({
    id,
    userId: 'u',
    dealId,
    taskId,
    minutes,
    startedAt: `${workDate}T09:00:00Z`,
    workDate,
    note: null,
    source: 'manual',
    locked: false,
    hourlyCost: null,
    cost: null,
  });

  it('sums minutes per row and day, with totals, and keeps rows for open tasks without time', () => {
    const days = weekDays('2026-03-02');
    const g = buildGrid([entry('a', '2026-03-02', 30, 't1'), entry('b', '2026-03-02', 45, 't1'), entry('c', '2026-03-04', 60, null), entry('x', '2026-03-09', 10, 't1')], days, [
      { dealId: 'd1', taskId: 't1' },
      { dealId: 'd2', taskId: 't2' },
    ]);
    expect(g.rows.map((r) => [r.key, r.total])).toEqual([
      ['t:t1', 75],
      ['d:d1', 60],
      ['t:t2', 0],
    ]);
    expect(g.rows[0].days).toEqual([75, 0, 0, 0, 0, 0, 0]);
    expect(g.rows[0].entries[0].map((e) => e.id)).toEqual(['a', 'b']);
    expect(g.dayTotals).toEqual([75, 0, 60, 0, 0, 0, 0]);
    expect(g.total).toBe(135);
  });
});

describe('money, exactly as the API gives it', () => {
  it('formats decimal strings without a float in between', () => {
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    // As a float this would print …,98: the string is formatted as it is.
    expect(nbsp(money('99999999999999.99', 'UAH', 'uk'))).toMatch(/^99 999 999 999 999,99 (грн|₴)$/);
    expect(nbsp(money('-35150.00', 'UAH', 'en'))).toBe('-UAH 35,150.00');
    expect(money(null, 'UAH', 'uk')).toBe('—');
    expect(nbsp(percent('15.83', 'uk'))).toBe('15,83 %');
    expect(percent(null, 'uk')).toBe('—');
    expect([isNegative('-0.01'), isNegative('-0.00'), isNegative('0.00'), isNegative('12.00')]).toEqual([true, false, false, false]);
  });

  it('reads typed amounts into the API’s decimal strings', () => {
    expect([moneyInput('1 500,5'), moneyInput('1500.55'), moneyInput('0'), moneyInput('1.555'), moneyInput('-5'), moneyInput('abc')]).toEqual(['1500.5', '1500.55', '0', null, null, null]);
  });
});

describe('the report', () => {
  it('builds its query from the filters that are set', () => {
    expect(reportQuery({ pipeline: 'studio_projects', responsibleId: '', from: undefined }, { format: 'csv' })).toBe('?pipeline=studio_projects&format=csv');
    expect(reportQuery({})).toBe('');
  });

  it('puts red flags first, then amber, each by the lowest margin; a loss without revenue is the worst', () => {
    const row = (id: string, level: 'warning' | 'critical' | null, marginPct: string | null, grossProfit = '1.00') => ({
      id,
      alert: level ? { level, kind: 'margin' as const } : null,
      marginPct,
      grossProfit,
    });
    const sorted = worstFirst([row('ok', null, '5.00'), row('amber', 'warning', '15.00'), row('red', 'critical', '-10.00', '-100.00'), row('claim', 'critical', null, '-4750.00'), row('red2', 'critical', '30.00')]);
    expect(sorted.map((r) => r.id)).toEqual(['claim', 'red', 'red2', 'amber', 'ok']);
  });
});
