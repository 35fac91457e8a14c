import type { I18nService } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import type { TimelineEntry } from './deals.types';

/** What the words of an entry need to know besides the entry: names of users and fields. */
export interface TimelineContext {
  i18n: Pick<I18nService, 't' | 'lang'>;
  userName(id: string): string;
  fieldName(code: string): string;
}

type Data = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

/** A value of a field change, short: "—" for nothing, lists joined, objects as `key: value`. */
export function valueText(v: unknown, ctx: TimelineContext): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return ctx.i18n.t(v ? 'common.yes' : 'common.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, ctx)).join(', ') : '—';
  if (typeof v === 'object') {
    return Object.entries(v as Data)
      .map(([k, x]) => `${k}: ${valueText(x, ctx)}`)
      .join('; ');
  }
  const text = String(v);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function dateText(v: unknown, ctx: TimelineContext): string {
  const d = new Date(str(v));
  if (Number.isNaN(d.getTime())) return str(v);
  return new Intl.DateTimeFormat(ctx.i18n.lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

function stageName(place: unknown): string {
  const p = obj(place);
  return str(p['stageName'] || p['stageCode']);
}

function sizeText(bytes: unknown): string {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The field a change names: `fields.pay_type` → its name; `responsibleId` → "Responsible". */
function changedField(field: string, ctx: TimelineContext): string {
  if (field.startsWith('fields.')) return ctx.fieldName(field.slice(7));
  const key = `deal.field.${field}` as TextKey;
  const text = ctx.i18n.t(key);
  // Not a built-in property: a custom field named by its code.
  return text === key ? ctx.fieldName(field) : text;
}

function changedValue(field: string, v: unknown, ctx: TimelineContext): string {
  if (field === 'responsibleId' && typeof v === 'string') return ctx.userName(v);
  return valueText(v, ctx);
}

/** One timeline entry in words of the current language (any kind; an unknown kind is named as it is). */
export function describeEntry(e: TimelineEntry, ctx: TimelineContext): string {
  const t = ctx.i18n.t.bind(ctx.i18n);
  const d = obj(e.data);
  switch (e.kind) {
    case 'created':
      return t('tl.created', { title: str(d['title']), stage: stageName(d['to']) });
    case 'stage_moved': {
      const text = t('tl.stageMoved', { from: stageName(d['from']), to: stageName(d['to']) });
      return d['lostReason'] ? `${text} ${t('tl.lostReason', { reason: str(d['lostReason']) })}` : text;
    }
    case 'field_changed': {
      const field = str(d['field']);
      return t('tl.fieldChanged', { field: changedField(field, ctx), from: changedValue(field, d['from'], ctx), to: changedValue(field, d['to'], ctx) });
    }
    case 'note':
      return t(d['pinned'] ? 'tl.notePinned' : 'tl.note', { text: str(d['text']) });
    case 'file':
      return t('tl.file', { name: str(d['name']), size: sizeText(d['size']) });
    case 'message': {
      const direction = str(d['direction']);
      const key: TextKey = direction === 'out' || direction === 'outgoing' ? 'tl.messageOut' : 'tl.messageIn';
      return t(key, { channel: str(d['channel'] || d['source'] || '—'), text: str(d['text'] || d['subject'] || d['body']) });
    }
    case 'task_created': {
      const by = d['createdBy'] === 'automation' ? ` ${t('tl.byAutomation')}` : '';
      const assignee = typeof d['assigneeId'] === 'string' ? ctx.userName(d['assigneeId']) : '—';
      return t('tl.taskCreated', { title: str(d['title']), user: assignee, due: d['dueAt'] ? dateText(d['dueAt'], ctx) : '—' }) + by;
    }
    case 'task_completed': {
      let text = t('tl.taskCompleted', { title: str(d['title']) });
      if (d['result']) text += ` ${t('tl.taskResult', { result: str(d['result']) })}`;
      if (d['comment']) text += ` ${t('tl.comment', { comment: str(d['comment']) })}`;
      return text;
    }
    case 'task_deadline_moved': {
      const text = t('tl.taskDeadlineMoved', { title: str(d['title']), from: dateText(d['from'], ctx), to: dateText(d['to'], ctx) });
      return d['comment'] ? `${text} ${t('tl.comment', { comment: str(d['comment']) })}` : text;
    }
    case 'task_reassigned':
      return t('tl.taskReassigned', { title: str(d['title']), from: ctx.userName(str(d['from'])), to: ctx.userName(str(d['to'])) });
    case 'task_deleted':
      return t('tl.taskDeleted', { title: str(d['title']) });
    case 'automation_run': {
      const rule = str(d['ruleName'] || d['ruleCode']);
      if (d['status'] === 'skipped') return t('tl.automationSkipped', { rule, reason: str(d['reason']) || '—' });
      if (d['status'] === 'failed') return t('tl.automationFailed', { rule, error: str(d['error']) || '—' });
      const actions = Array.isArray(d['actions']) ? d['actions'].length : 0;
      return actions ? t('tl.automationDoneActions', { rule, n: actions }) : t('tl.automationDone', { rule });
    }
    case 'assigned': {
      const reason = str(d['reason']);
      const base = d['userId'] ? t('tl.assigned', { user: ctx.userName(str(d['userId'])) }) : t('tl.notAssigned');
      const strategy = d['strategy'] ? ` ${t('tl.strategy', { strategy: str(d['strategy']) })}` : '';
      return reason ? `${base}${strategy} ${t('tl.reason', { reason })}` : `${base}${strategy}`;
    }
    case 'copied_from':
      return t('tl.copiedFrom', { title: str(d['title']) });
    case 'copied_to':
      return t('tl.copiedTo');
    // The digital studio's profitability alerts and rate recalculations.
    case 'profitability_alert': {
      const params = { margin: str(d['marginPct'] ?? '—'), pct: str(d['spentPct'] ?? '—'), gp: `${str(d['grossProfit'])} ${str(d['currency'])}`.trim() };
      if (d['kind'] === 'hours') return t(d['level'] === 'critical' ? 'tl.alertHoursCritical' : 'tl.alertHoursWarning', params);
      return t(d['level'] === 'critical' ? 'tl.alertMarginCritical' : 'tl.alertMarginWarning', params);
    }
    case 'profitability_alert_cleared':
      return d['kind'] === 'hours' ? t('tl.alertHoursCleared', { pct: str(d['spentPct'] ?? '—') }) : t('tl.alertMarginCleared', { margin: str(d['marginPct'] ?? '—') });
    case 'labor_cost_recalculated':
      return t('tl.laborRecalculated', { date: dateText(d['validFrom'], ctx), n: Number(d['entries'] ?? 0) });
    default:
      return t('tl.other', { kind: e.kind });
  }
}

/** Pinned notes first (newest first among them), then everything else as it came (newest first). */
export function orderTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  const pinned = entries.filter((e) => e.kind === 'note' && e.data?.['pinned'] === true);
  return [...pinned, ...entries.filter((e) => !pinned.includes(e))];
}
