import type { I18nService } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import { absoluteTime } from './task-time';
import type { TaskHistoryEntry } from './tasks.types';
import './tasks.i18n';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

const FIELD_NAMES: Record<string, TextKey> = {
  title: 'tasks.history.field.title',
  description: 'tasks.history.field.description',
  estimateMinutes: 'tasks.history.field.estimateMinutes',
  resultOptions: 'tasks.history.field.resultOptions',
};

function fieldName(field: string, i18n: Pick<I18nService, 't'>): string {
  return FIELD_NAMES[field] ? i18n.t(FIELD_NAMES[field]) : field;
}

/** One entry of a task's history in words of the current language. */
export function historyText(e: TaskHistoryEntry, i18n: Pick<I18nService, 't' | 'lang'>, userName: (id: string) => string, timeZone: string): string {
  const d = e.data ?? {};
  const when = (v: unknown) => (str(v) ? absoluteTime(new Date(str(v)), i18n.lang(), timeZone) : '—');
  const comment = str(d['comment']);
  const withComment = (text: string) => (comment ? `${text} ${i18n.t('tasks.history.comment', { comment })}` : text);
  switch (e.kind) {
    case 'created':
      return i18n.t('tasks.history.created', { date: when(d['dueAt']) });
    case 'deadline_moved':
      return withComment(i18n.t('tasks.history.moved', { from: when(d['from']), to: when(d['to']) }));
    case 'assignee_changed':
      return withComment(i18n.t('tasks.history.reassigned', { from: userName(str(d['from'])), to: userName(str(d['to'])) }));
    case 'field_changed':
      return i18n.t('tasks.history.changed', { field: fieldName(str(d['field']), i18n) });
    case 'completed':
      return withComment(str(d['result']) ? i18n.t('tasks.history.completedWith', { result: str(d['result']) }) : i18n.t('tasks.history.completed'));
    default:
      return e.kind;
  }
}
