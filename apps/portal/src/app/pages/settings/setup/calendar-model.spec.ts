import { withBreak, copyToWeekdays, dayOfMessage, dayProblems, daysFromHours, hoursFromDays, weeklyMinutes } from './calendar-model';

const hours = { mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['10:00', '19:00']], wed: [], thu: [], fri: [], sat: [], sun: [] } as never;

describe('working hours model', () => {
  it('reads and writes the weekly hours; a day off is []', () => {
    const days = daysFromHours(hours);
    expect(days[0]).toMatchObject({ day: 'mon', working: true, intervals: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }] });
    expect(days[2].working).toBe(false);
    expect(hoursFromDays(days)).toEqual(hours);
    expect(weeklyMinutes(days)).toBe(8 * 60 + 9 * 60);
  });

  it('finds intervals the API refuses, per weekday', () => {
    const days = daysFromHours(hours);
    days[0].intervals[1] = { start: '12:00', end: '18:00' };
    days[1].intervals[0] = { start: '19:00', end: '10:00' };
    expect(dayProblems(days)).toEqual({ mon: 'setup.err.intervalOverlap', tue: 'setup.err.intervalOrder' });
    expect(dayOfMessage('tue, interval 1 (19:00–10:00): must start before it ends')).toBe('tue');
  });

  it('copies Monday to the other weekdays', () => {
    const days = copyToWeekdays(daysFromHours(hours), 'mon');
    expect(hoursFromDays(days).fri).toEqual(hours['mon' as never]);
    expect(hoursFromDays(days).sat).toEqual([]);
  });

  it('a break splits the working day around its middle hour', () => {
    expect(withBreak([{ start: '10:00', end: '19:00' }])).toEqual([
      { start: '10:00', end: '14:00' },
      { start: '15:00', end: '19:00' },
    ]);
    expect(withBreak([{ start: '10:00', end: '11:30' }])).toEqual([
      { start: '10:00', end: '11:30' },
      { start: '12:30', end: '14:30' },
    ]);
  });
});
