import {
  MAX_RESULT_OPTIONS,
  TaskInputProblems,
  canReassignOrDelete,
  canWork,
  isDeadlineMove,
  normalizeEstimate,
  normalizeResultOptions,
  parseTimestamp,
  queryTimestamp,
  resultFor,
  taskStatus,
} from './task-rules';

const now = new Date('2026-03-10T12:00:00Z');

describe('taskStatus', () => {
  it('is open before the deadline and at it, overdue after, done whatever the deadline', () => {
    expect(taskStatus({ status: 'open', dueAt: new Date('2026-03-10T12:00:01Z') }, now)).toBe('open');
    expect(taskStatus({ status: 'open', dueAt: new Date('2026-03-10T12:00:00Z') }, now)).toBe('open');
    expect(taskStatus({ status: 'open', dueAt: new Date('2026-03-10T11:59:59.999Z') }, now)).toBe('overdue');
    expect(taskStatus({ status: 'done', dueAt: new Date('2020-01-01T00:00:00Z') }, now)).toBe('done');
  });
});

describe('resultFor', () => {
  const options = ['Approved', 'Not approved'];

  it('requires one of the options, naming them, when the task has options', () => {
    expect(resultFor(options, undefined)).toEqual({ ok: false, message: 'this task needs a result, one of: "Approved", "Not approved"' });
    expect(resultFor(options, '  ')).toEqual({ ok: false, message: expect.stringContaining('"Not approved"') });
    expect(resultFor(options, 'Maybe')).toEqual({ ok: false, message: 'result must be one of: "Approved", "Not approved"' });
  });

  it('matches ignoring case and blanks and keeps the option as written', () => {
    expect(resultFor(options, ' not APPROVED ')).toEqual({ ok: true, result: 'Not approved' });
    expect(resultFor(options, 'Approved')).toEqual({ ok: true, result: 'Approved' });
  });

  it('takes an optional free-text result when the task has no options', () => {
    expect(resultFor([], undefined)).toEqual({ ok: true, result: null });
    expect(resultFor([], null)).toEqual({ ok: true, result: null });
    expect(resultFor([], ' called back ')).toEqual({ ok: true, result: 'called back' });
    expect(resultFor([], 'x'.repeat(201))).toMatchObject({ ok: false });
    expect(resultFor([], 42)).toMatchObject({ ok: false });
  });
});

describe('normalizeResultOptions', () => {
  it('trims the options and names each bad one by its index', () => {
    const problems = new TaskInputProblems();
    expect(normalizeResultOptions([' Approved ', 'Not approved'], 'resultOptions', problems)).toEqual(['Approved', 'Not approved']);
    expect(problems.any).toBe(false);
    normalizeResultOptions(['Yes', ' ', 'yes', 7], 'resultOptions', problems);
    expect(problems.list.map((p) => p.field)).toEqual(['resultOptions[1]', 'resultOptions[2]', 'resultOptions[3]']);
  });

  it('refuses a non-array and too many options; absent means none', () => {
    const problems = new TaskInputProblems('task.');
    expect(normalizeResultOptions(undefined, 'resultOptions', problems)).toEqual([]);
    normalizeResultOptions('Approved', 'resultOptions', problems);
    normalizeResultOptions(Array.from({ length: MAX_RESULT_OPTIONS + 1 }, (_, i) => `o${i}`), 'resultOptions', problems);
    expect(problems.list.map((p) => p.field)).toEqual(['task.resultOptions', 'task.resultOptions']);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO 8601 date-times with an offset', () => {
    const problems = new TaskInputProblems();
    expect(parseTimestamp('2026-01-15T10:00:00+02:00', 'dueAt', problems)?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parseTimestamp('2026-01-15T10:00Z', 'dueAt', problems)?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(parseTimestamp('2026-01-15T10:00:00.250-0130', 'dueAt', problems)?.toISOString()).toBe('2026-01-15T11:30:00.250Z');
    expect(parseTimestamp(new Date('2026-01-15T10:00:00Z'), 'dueAt', problems)?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(problems.any).toBe(false);
  });

  it('refuses local times, dates alone, impossible dates and non-strings, naming the field', () => {
    for (const bad of ['2026-01-15T10:00:00', '2026-01-15', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2026-02-30T10:00:00Z', '2026-01-15 10:00:00Z', 'tomorrow', '', 1767261600000, null, new Date('x')]) {
      const problems = new TaskInputProblems();
      expect(parseTimestamp(bad, 'dueAt', problems)).toBeNull();
      expect(problems.list).toEqual([{ field: 'dueAt', message: expect.stringContaining('offset') }]);
    }
  });
});

describe('queryTimestamp', () => {
  it('restores a "+" offset that a query string turned into a blank', () => {
    expect(queryTimestamp('2026-01-15T10:00:00 02:00')).toBe('2026-01-15T10:00:00+02:00');
    expect(queryTimestamp('2026-01-15T10:00:00-02:00')).toBe('2026-01-15T10:00:00-02:00');
    expect(queryTimestamp('2026-01-15T10:00:00Z')).toBe('2026-01-15T10:00:00Z');
  });
});

describe('normalizeEstimate', () => {
  it('takes whole minutes from 0, null clears', () => {
    const problems = new TaskInputProblems();
    expect(normalizeEstimate(0, 'estimateMinutes', problems)).toBe(0);
    expect(normalizeEstimate(90, 'estimateMinutes', problems)).toBe(90);
    expect(normalizeEstimate(null, 'estimateMinutes', problems)).toBeNull();
    expect(problems.any).toBe(false);
    for (const bad of [-1, 1.5, '30', 10_000_000]) normalizeEstimate(bad, 'estimateMinutes', problems);
    expect(problems.list).toHaveLength(4);
  });
});

describe('isDeadlineMove', () => {
  it('is a move only to another moment', () => {
    const due = new Date('2026-01-15T08:00:00Z');
    expect(isDeadlineMove(due, null)).toBe(false);
    expect(isDeadlineMove(due, new Date('2026-01-15T10:00:00+02:00'))).toBe(false);
    expect(isDeadlineMove(due, new Date('2026-01-16T08:00:00Z'))).toBe(true);
  });
});

describe('who may do what', () => {
  const task = { assigneeId: 'assignee', creatorId: 'creator' };

  it('lets the assignee, the creator, heads and admins work on a task', () => {
    expect(canWork(task, { userId: 'assignee', roles: ['manager'] })).toBe(true);
    expect(canWork(task, { userId: 'creator', roles: ['employee'] })).toBe(true);
    expect(canWork(task, { userId: 'someone', roles: ['head'] })).toBe(true);
    expect(canWork(task, { userId: 'someone', roles: ['admin'] })).toBe(true);
    expect(canWork(task, { userId: 'someone', roles: ['manager'] })).toBe(false);
    expect(canWork({ assigneeId: 'assignee', creatorId: null }, { userId: undefined, roles: [] })).toBe(false);
  });

  it('keeps reassigning and deleting for admins', () => {
    expect(canReassignOrDelete({ userId: 'a', roles: ['admin'] })).toBe(true);
    expect(canReassignOrDelete({ userId: 'h', roles: ['head'] })).toBe(false);
    expect(canReassignOrDelete({ userId: 'm', roles: ['manager'] })).toBe(false);
  });
});
