import { ApiError } from '../../core/api.service';
import { errorText, fieldErrorText } from '../../core/errors';
import type { I18nService } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import './tasks.i18n';

/** The API's field names of a task's input → the words that explain what to fix. */
const FIELD_KEYS: Record<string, TextKey> = {
  title: 'tasks.error.title',
  assigneeId: 'tasks.error.assignee',
  dueAt: 'tasks.error.dueAt',
  dealId: 'tasks.error.deal',
  comment: 'tasks.error.commentLong',
  description: 'tasks.error.description',
  resultOptions: 'tasks.error.resultOptions',
  estimateMinutes: 'tasks.error.estimate',
};

const baseField = (f: string) => f.replace(/\[\d+\]$/, '');

/** The options a 400 on `result` lists (the task's own), from its details. */
function optionsOf(err: ApiError): string[] {
  for (const d of err.details) {
    const o = (d as { options?: unknown } | null)?.options;
    if (Array.isArray(o)) return o.map(String);
  }
  return [];
}

/**
 * What to show next to the control of `field` (`result`, `comment`, `dueAt`, …) for an API error of a
 * task, in the current language; null when the error does not name that field.
 */
export function taskFieldError(i18n: I18nService, err: unknown, field: string): string | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'comment_required') return field === 'comment' ? i18n.t('tasks.error.commentRequired') : null;
  const named = Object.keys(err.fieldErrors).filter((f) => baseField(f) === field);
  if (!named.length) return null;
  if (field === 'result') {
    const options = optionsOf(err);
    if (options.length) return i18n.t('tasks.error.result', { options: i18n.list(options.map((o) => `«${o}»`)) });
    const message = err.fieldErrors[named[0]] ?? '';
    return /long|at most/i.test(message) ? i18n.t('tasks.error.resultLong') : (fieldErrorText(i18n, err, named[0]) ?? message);
  }
  const key = FIELD_KEYS[field];
  return key ? i18n.t(key) : fieldErrorText(i18n, err, named[0]);
}

/** An error of a task action with no field of its own (or with a field the form does not show), in words. */
export function taskErrorText(i18n: I18nService, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'task_already_done') return i18n.t('tasks.error.alreadyDone');
    if (err.code === 'comment_required') return i18n.t('tasks.error.commentRequired');
    if (err.status === 404) return i18n.t('tasks.error.notFound');
    const fields = Object.keys(err.fieldErrors);
    if (fields.length) return fields.map((f) => taskFieldError(i18n, err, baseField(f)) ?? err.fieldErrors[f]).join(' ');
  }
  return errorText(i18n, err);
}

/** The error for the control of `field`, else (when the error names none of `shown`) the general text. */
export function splitError(i18n: I18nService, err: unknown, shown: string[]): { fields: Record<string, string>; general: string | null } {
  const fields: Record<string, string> = {};
  if (!err) return { fields, general: null };
  for (const f of shown) {
    const text = taskFieldError(i18n, err, f);
    if (text) fields[f] = text;
  }
  const placedAll =
    err instanceof ApiError &&
    (err.code === 'comment_required' ? shown.includes('comment') : Object.keys(err.fieldErrors).length > 0 && Object.keys(err.fieldErrors).every((f) => shown.includes(baseField(f))));
  return { fields, general: placedAll ? null : taskErrorText(i18n, err) };
}
