import { isISO8601 } from 'class-validator';

/**
 * The pure rules of tasks: the status a user sees, what a task's input may hold, the result a task with
 * result options needs, and who may do what. No database, no clock: "now" is passed in.
 */

export const TASK_STATUSES = ['open', 'done', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const MAX_TITLE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_COMMENT_LENGTH = 5_000;
export const MAX_RESULT_OPTIONS = 20;
export const MAX_RESULT_LENGTH = 200;
export const MAX_CODE_LENGTH = 100;
/** A year of work: larger is a typo, and the column is a 32-bit int. */
export const MAX_ESTIMATE_MINUTES = 525_600;

/** The database keeps open/done; "overdue" is an open task whose deadline has passed. */
export function taskStatus(task: { status: 'open' | 'done'; dueAt: Date }, now: Date): TaskStatus {
  if (task.status === 'done') return 'done';
  return task.dueAt.getTime() < now.getTime() ? 'overdue' : 'open';
}

export interface Problem {
  field: string;
  message: string;
}

/** Collects every problem of one input, each named by its field, to be thrown together. */
export class TaskInputProblems {
  readonly list: Problem[] = [];
  constructor(private readonly prefix = '') {}

  /** The field as the caller's body names it (`task.dueAt` in a bulk action). */
  field(name: string): string {
    return `${this.prefix}${name}`;
  }

  add(name: string, message: string): void {
    this.list.push({ field: this.field(name), message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

// A date AND a time AND an offset: a bare local time would mean a different moment in every time zone.
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/** An ISO 8601 date-time with an offset (or a valid Date), years 1900–9999; null and a problem otherwise. */
export function parseTimestamp(raw: unknown, name: string, problems: TaskInputProblems): Date | null {
  let at: Date | null = null;
  if (raw instanceof Date) at = new Date(raw.getTime());
  else if (typeof raw === 'string') {
    const text = raw.trim();
    if (TIMESTAMP_WITH_OFFSET.test(text) && isISO8601(text, { strict: true, strictSeparator: true })) at = new Date(text);
  }
  if (at && !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= MIN_YEAR && at.getUTCFullYear() <= MAX_YEAR) return at;
  problems.add(name, `${name} must be an ISO 8601 date-time with an offset, e.g. 2026-01-15T10:00:00+02:00`);
  return null;
}

/** In a query string an unencoded "+02:00" arrives as " 02:00"; read it as the offset it was. */
export function queryTimestamp(raw: string): string {
  return raw.replace(/ (\d{2}:?\d{2})$/, '+$1');
}

/** A required single-line text, trimmed, not empty, at most `max` characters. */
export function requiredText(raw: unknown, name: string, max: number, problems: TaskInputProblems): string {
  if (typeof raw !== 'string') {
    problems.add(name, `${name} must be a string`);
    return '';
  }
  const text = raw.trim();
  if (!text) problems.add(name, `${name} must not be empty`);
  else if (text.length > max) problems.add(name, `${name} must be at most ${max} characters`);
  return text;
}

/** An optional text, trimmed; null, '' and blanks mean "none". */
export function optionalText(raw: unknown, name: string, max: number, problems: TaskInputProblems): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') {
    problems.add(name, `${name} must be a string or null`);
    return null;
  }
  const text = raw.trim();
  if (text.length > max) problems.add(name, `${name} must be at most ${max} characters`);
  return text || null;
}

/** The answers a task may be closed with (e.g. Approved / Not approved): trimmed, non-empty, each once (case-insensitively). */
export function normalizeResultOptions(raw: unknown, name: string, problems: TaskInputProblems): string[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(name, `${name} must be an array of strings`);
    return [];
  }
  if (raw.length > MAX_RESULT_OPTIONS) problems.add(name, `${name} must hold at most ${MAX_RESULT_OPTIONS} options`);
  const out: string[] = [];
  raw.forEach((item, i) => {
    const at = `${name}[${i}]`;
    if (typeof item !== 'string') return problems.add(at, 'an option must be a string');
    const option = item.trim();
    if (!option) return problems.add(at, 'an option must not be empty');
    if (option.length > MAX_RESULT_LENGTH) return problems.add(at, `an option must be at most ${MAX_RESULT_LENGTH} characters`);
    if (out.some((o) => o.toLowerCase() === option.toLowerCase())) return problems.add(at, `"${option}" is listed twice`);
    out.push(option);
  });
  return out;
}

/** Whole minutes, 0 or more; null clears. */
export function normalizeEstimate(raw: unknown, name: string, problems: TaskInputProblems): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > MAX_ESTIMATE_MINUTES) {
    problems.add(name, `${name} must be a whole number of minutes from 0 to ${MAX_ESTIMATE_MINUTES}`);
    return null;
  }
  return raw;
}

export type ResultCheck = { ok: true; result: string | null } | { ok: false; message: string };

/**
 * The result a task is completed with. With result options it is required and must be one of them
 * (matched ignoring case and surrounding blanks; the option's own spelling is kept, so automations that
 * branch on it compare one value). Without options a free-text result is optional.
 */
export function resultFor(options: string[], raw: unknown): ResultCheck {
  const listed = options.map((o) => `"${o}"`).join(', ');
  if (raw !== null && raw !== undefined && typeof raw !== 'string') return { ok: false, message: 'result must be a string' };
  const given = typeof raw === 'string' ? raw.trim() : '';
  if (!options.length) {
    if (given.length > MAX_RESULT_LENGTH) return { ok: false, message: `result must be at most ${MAX_RESULT_LENGTH} characters` };
    return { ok: true, result: given || null };
  }
  if (!given) return { ok: false, message: `this task needs a result, one of: ${listed}` };
  const match = options.find((o) => o.toLowerCase() === given.toLowerCase());
  if (!match) return { ok: false, message: `result must be one of: ${listed}` };
  return { ok: true, result: match };
}

/** A deadline moves when a new one is given and it is another moment. */
export function isDeadlineMove(current: Date, next: Date | null | undefined): next is Date {
  return !!next && next.getTime() !== current.getTime();
}

export interface Actor {
  userId: string | undefined;
  roles: string[];
}

interface TaskPeople {
  assigneeId: string;
  creatorId: string | null;
}

const isLeader = (actor: Actor) => actor.roles.includes('admin') || actor.roles.includes('head');

/** The assignee, the creator, a head or an admin may complete or edit a task. */
export function canWork(task: TaskPeople, actor: Actor): boolean {
  if (isLeader(actor)) return true;
  return !!actor.userId && (actor.userId === task.assigneeId || actor.userId === task.creatorId);
}

/** Moving a task to another user and deleting one are for admins only (the portal's rule, seed 000). */
export function canReassignOrDelete(actor: Actor): boolean {
  return actor.roles.includes('admin');
}
