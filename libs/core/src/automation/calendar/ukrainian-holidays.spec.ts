import { orthodoxEaster, ukrainianHolidayDates, ukrainianHolidays } from './ukrainian-holidays';

describe('orthodoxEaster', () => {
  it.each([
    [2000, '2000-04-30'],
    [2005, '2005-05-01'],
    [2010, '2010-04-04'],
    [2024, '2024-05-05'],
    [2025, '2025-04-20'],
    [2026, '2026-04-12'],
    [2027, '2027-05-02'],
  ])('%i → %s (Julian paschalion in Gregorian dates)', (year, date) => {
    expect(orthodoxEaster(year)).toBe(date);
  });

  it('refuses years it cannot compute', () => {
    expect(() => orthodoxEaster(1500)).toThrow(RangeError);
    expect(() => orthodoxEaster(2025.5)).toThrow(RangeError);
  });
});

describe('ukrainianHolidays', () => {
  it('lists the holidays of art. 73 as amended by law 3225-IX, sorted by date, in Ukrainian', () => {
    expect(ukrainianHolidays(2025)).toEqual([
      { date: '2025-01-01', name: 'Новий рік' },
      { date: '2025-03-08', name: 'Міжнародний жіночий день' },
      { date: '2025-04-20', name: 'Великдень' },
      { date: '2025-05-01', name: 'День праці' },
      { date: '2025-05-08', name: 'День пам’яті та перемоги над нацизмом у Другій світовій війні 1939–1945 років' },
      { date: '2025-06-08', name: 'Трійця' },
      { date: '2025-06-28', name: 'День Конституції України' },
      { date: '2025-07-15', name: 'День Української Державності' },
      { date: '2025-08-24', name: 'День незалежності України' },
      { date: '2025-10-01', name: 'День захисників і захисниць України' },
      { date: '2025-12-25', name: 'Різдво Христове' },
    ]);
  });

  it.each([
    [2024, '2024-05-05', '2024-06-23'],
    [2026, '2026-04-12', '2026-05-31'],
    [2027, '2027-05-02', '2027-06-20'],
  ])('%i: Easter %s and Trinity (Easter + 49 days) %s', (year, easter, trinity) => {
    const byName = new Map(ukrainianHolidays(year).map((h) => [h.name, h.date]));
    expect(byName.get('Великдень')).toBe(easter);
    expect(byName.get('Трійця')).toBe(trinity);
  });

  it('has no Julian Christmas on 7 January nor the old 14 October and 28 July dates', () => {
    const dates = ukrainianHolidays(2026).map((h) => h.date);
    expect(dates).not.toContain('2026-01-07');
    expect(dates).not.toContain('2026-10-14');
    expect(dates).not.toContain('2026-07-28');
  });
});

describe('ukrainianHolidayDates', () => {
  it('joins the years inclusively, sorted', () => {
    const dates = ukrainianHolidayDates(2024, 2025);
    expect(dates).toHaveLength(22);
    expect(dates[0]).toBe('2024-01-01');
    expect(dates[21]).toBe('2025-12-25');
    expect([...dates].sort()).toEqual(dates);
  });

  it('lists a date once when two holidays share it (Easter on 1 May 2005)', () => {
    expect(ukrainianHolidays(2005)).toHaveLength(11);
    expect(ukrainianHolidayDates(2005, 2005)).toHaveLength(10);
  });

  it('is empty for an empty range', () => {
    expect(ukrainianHolidayDates(2026, 2025)).toEqual([]);
  });
});
