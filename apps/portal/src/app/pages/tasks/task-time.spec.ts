import { dayAt, dayKey, daysToNextMonday, fromLocalInput, groupTasks, relativeTime, taskGroup, toLocalInput } from './task-time';

const task = (id: string, dueAt: string | null) => ({ id, dueAt });

describe('task time in the portal time zone', () => {
  it('puts a deadline on the calendar day of the zone, not of UTC', () => {
    // 22:30 UTC on 1 Dec is already 2 Dec in Kyiv (UTC+2 in winter).
    expect(dayKey(new Date('2026-12-01T22:30:00Z'), 'Europe/Kyiv')).toBe('2026-12-02');
    expect(dayKey(new Date('2026-12-01T22:30:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('groups open tasks into overdue, today (the zone’s today), upcoming and no deadline', () => {
    const now = new Date('2026-12-01T20:00:00Z'); // 22:00 in Kyiv
    const tasks = [
      task('late', '2026-12-01T19:00:00Z'), // an hour ago
      task('tonight', '2026-12-01T21:30:00Z'), // 23:30 Kyiv: today
      task('after-midnight-kyiv', '2026-12-01T22:30:00Z'), // 00:30 Kyiv on 2 Dec: upcoming, though still 1 Dec in UTC
      task('next-week', '2026-12-08T08:00:00Z'),
      task('none', null),
    ];
    const g = groupTasks(tasks, now, 'Europe/Kyiv');
    expect(g.overdue.map((t) => t.id)).toEqual(['late']);
    expect(g.today.map((t) => t.id)).toEqual(['tonight']);
    expect(g.upcoming.map((t) => t.id)).toEqual(['after-midnight-kyiv', 'next-week']);
    expect(g.none.map((t) => t.id)).toEqual(['none']);
    // In UTC the same task is still today.
    expect(taskGroup(tasks[2], now, 'UTC')).toBe('today');
  });

  it('calls a deadline earlier today overdue, and sorts each group by deadline', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const g = groupTasks([task('b', '2026-12-01T10:00:00Z'), task('a', '2026-11-20T10:00:00Z'), task('c', '2026-12-01T13:00:00Z')], now, 'Europe/Kyiv');
    expect(g.overdue.map((t) => t.id)).toEqual(['a', 'b']);
    expect(g.today.map((t) => t.id)).toEqual(['c']);
  });

  it('turns a datetime-local value in the zone into an ISO moment with the zone’s offset, and back', () => {
    expect(fromLocalInput('2026-01-15T10:00', 'Europe/Kyiv')).toBe('2026-01-15T10:00:00+02:00');
    expect(fromLocalInput('2026-07-15T10:00', 'Europe/Kyiv')).toBe('2026-07-15T10:00:00+03:00');
    expect(fromLocalInput('2026-07-15T10:00', 'UTC')).toBe('2026-07-15T10:00:00+00:00');
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('15.01.2026 10:00', 'UTC')).toBeNull();
    expect(toLocalInput('2026-01-15T08:00:00Z', 'Europe/Kyiv')).toBe('2026-01-15T10:00');
    expect(toLocalInput('2026-07-15T07:00:00Z', 'Europe/Kyiv')).toBe('2026-07-15T10:00');
  });

  it('finds the wall time of quick picks in the zone', () => {
    const now = new Date('2026-12-01T22:30:00Z'); // Wednesday 2 Dec, 00:30 in Kyiv
    expect(dayAt(now, 1, 10, 0, 'Europe/Kyiv')).toBe('2026-12-03T10:00');
    expect(daysToNextMonday(now, 'Europe/Kyiv')).toBe(5);
    expect(daysToNextMonday(new Date('2026-12-07T08:00:00Z'), 'UTC')).toBe(7); // on a Monday: the next one
  });

  it('says a deadline relative to now in the language', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(relativeTime(new Date('2026-12-01T10:30:00Z'), now, 'en', 'UTC')).toBe('in 30 minutes');
    expect(relativeTime(new Date('2026-12-01T13:00:00Z'), now, 'en', 'UTC')).toBe('in 3 hours');
    expect(relativeTime(new Date('2026-12-02T09:00:00Z'), now, 'en', 'UTC')).toBe('tomorrow');
    expect(relativeTime(new Date('2026-11-29T09:00:00Z'), now, 'en', 'UTC')).toBe('2 days ago');
    expect(relativeTime(new Date('2026-12-02T09:00:00Z'), now, 'uk', 'UTC')).toBe('завтра');
  });
});
