import type { I18nService } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import type { Pipeline } from '../../deals/deals.types';
import { splitPath } from './rule-model';
import type { RuleDefinition } from './rule-model';
import './automation.i18n';

type Words = Pick<I18nService, 't' | 'plural' | 'lang' | 'localized'>;

/** A key of ours when the dictionary has it, else null (types and params of plugins are named as they are). */
export function known(i18n: Words, key: string): string | null {
  const text = i18n.t(key as TextKey);
  return text === key ? null : text;
}

export function triggerTypeName(i18n: Words, type: string): string {
  return known(i18n, `auto.trigger.${type}`) ?? type;
}

export function actionTypeName(i18n: Words, type: string): string {
  return known(i18n, `auto.action.${type}`) ?? type;
}

export function paramName(i18n: Words, key: string): string {
  return known(i18n, `auto.param.${key}`) ?? key;
}

function pipelineOf(pipelines: Pipeline[], ref: unknown): Pipeline | undefined {
  return pipelines.find((p) => p.code === ref || p.id === ref);
}

export function pipelineName(i18n: Words, pipelines: Pipeline[], ref: unknown): string {
  const p = pipelineOf(pipelines, ref);
  return p ? i18n.localized(p.name) || p.code : String(ref ?? '');
}

export function stageName(i18n: Words, pipelines: Pipeline[], pipeline: unknown, stage: unknown): string {
  const list = pipeline ? [pipelineOf(pipelines, pipeline)].filter((p): p is Pipeline => !!p) : pipelines;
  for (const p of list) {
    const s = p.stages.find((x) => x.code === stage || x.id === stage);
    if (s) return i18n.localized(s.name) || s.code;
  }
  return String(stage ?? '');
}

/** "Deal entered the stage «Brief» (Warm clients)" and the like. */
export function describeTrigger(i18n: Words, t: RuleDefinition['trigger'], pipelines: Pipeline[]): string {
  const pipeline = t['pipeline'] ? pipelineName(i18n, pipelines, t['pipeline']) : '';
  const stage = t['stage'] ? stageName(i18n, pipelines, t['pipeline'], t['stage']) : '';
  switch (t.type) {
    case 'deal.created':
      return pipeline ? i18n.t('auto.words.dealCreatedIn', { pipeline }) : i18n.t('auto.words.dealCreated');
    case 'stage.entered':
      return i18n.t('auto.words.stageEntered', { stage, pipeline });
    case 'stage.left':
      return i18n.t('auto.words.stageLeft', { stage, pipeline });
    case 'field.changed':
      return i18n.t('auto.words.fieldChanged', { field: String(t['field'] ?? '') });
    case 'file.attached':
      return i18n.t('auto.words.fileAttached', { pattern: String(t['namePattern'] ?? '') });
    case 'task.completed': {
      const base = t['taskCode'] ? i18n.t('auto.words.taskCompletedCode', { code: String(t['taskCode']) }) : i18n.t('auto.words.taskCompleted');
      return t['result'] ? `${base} ${i18n.t('auto.words.withResult', { result: String(t['result']) })}` : base;
    }
    case 'date.reached': {
      const days = Number((t['offset'] as { days?: number } | undefined)?.days ?? 0);
      const field = String(t['field'] ?? '');
      if (!days) return i18n.t('auto.words.dateReached', { field });
      return i18n.t(days < 0 ? 'auto.words.dateBefore' : 'auto.words.dateAfter', { field, days: i18n.plural('auto.days', Math.abs(days)) });
    }
    case 'schedule':
      return i18n.t('auto.words.schedule', { cron: String(t['cron'] ?? '') }) + (pipeline ? ` ${i18n.t('auto.words.scheduleIn', { pipeline, stage: stage || '—' })}` : '');
    default:
      return triggerTypeName(i18n, t.type);
  }
}

/** "immediately", "after 6 days at 10:00, in working hours". */
export function describeDelay(i18n: Words, d: Record<string, unknown> | null | undefined): string {
  if (!d || !Object.keys(d).length) return i18n.t('auto.words.immediately');
  const parts: string[] = [];
  const minutes = Number(d['minutes'] ?? 0);
  if (minutes) parts.push(i18n.t('auto.words.after', { amount: minutes % 60 === 0 ? i18n.plural('auto.hours', minutes / 60) : i18n.plural('auto.minutes', minutes) }));
  if (d['days']) parts.push(i18n.t('auto.words.after', { amount: i18n.plural('auto.days', Number(d['days'])) }));
  if (d['businessDays']) parts.push(i18n.t('auto.words.after', { amount: i18n.plural('auto.businessDays', Number(d['businessDays'])) }));
  if (d['at']) parts.push(i18n.t('auto.words.at', { time: String(d['at']) }));
  if (d['workingHoursOnly']) parts.push(i18n.t('auto.words.workingHours'));
  return parts.length ? parts.join(', ') : i18n.t('auto.words.immediately');
}

/** A problem's path in words: "Action 1 (Create a task) → Title". */
export function pathText(i18n: Words, path: string, rule: Partial<RuleDefinition> | null): string {
  const parts = splitPath(path);
  const words: string[] = [];
  for (const [i, p] of parts.entries()) {
    if (p.key === 'actions' && p.index !== undefined) {
      const type = rule?.actions?.[p.index]?.type;
      words.push(i18n.t('auto.path.action', { n: p.index + 1 }) + (type ? ` (${actionTypeName(i18n, type)})` : ''));
    } else if ((p.key === 'conditions' || p.key === 'until') && p.index !== undefined) {
      words.push(i18n.t('auto.path.condition', { n: p.index + 1 }));
    } else if (p.key === '' && p.index !== undefined) {
      words.push(`#${p.index + 1}`);
    } else if (i === 0) {
      words.push(known(i18n, `auto.path.${p.key}`) ?? p.key);
    } else {
      words.push(paramName(i18n, p.key));
    }
  }
  return words.join(' → ');
}

/** Messages of the API we can say in the user's language; others are shown as the API wrote them. */
export function problemMessage(i18n: Words, message: string): string {
  if (/^is required\b/.test(message)) return i18n.t('auto.msg.required');
  if (/^must list at least one action/.test(message)) return i18n.t('auto.msg.oneAction');
  const stage = /^unknown stage "([^"]*)"/.exec(message);
  if (stage) return i18n.t('auto.msg.unknownStage', { stage: stage[1] });
  const pipeline = /^unknown pipeline "([^"]*)"/.exec(message);
  if (pipeline) return i18n.t('auto.msg.unknownPipeline', { pipeline: pipeline[1] });
  const field = /^unknown field "([^"]*)"/.exec(message);
  if (field) return i18n.t('auto.msg.unknownField', { field: field[1] });
  if (/^must be a whole non-negative number/.test(message)) return i18n.t('auto.msg.wholeNumber');
  if (/^must be a time of day/.test(message)) return i18n.t('auto.msg.time');
  if (/^must be 1–100 letters/.test(message)) return i18n.t('auto.msg.code');
  if (/^must be a non-empty text/.test(message)) return i18n.t('auto.msg.text');
  return message;
}

/** The log's reasons (skipped, cancelled) in words; one we do not know is shown as the engine wrote it. */
export function reasonText(i18n: Words, reason: string | null | undefined): string {
  if (!reason) return '';
  return reason
    .split('; ')
    .map((r) => oneReason(i18n, r))
    .join('; ');
}

function oneReason(i18n: Words, r: string): string {
  if (r === 'the rule is disabled' || r === 'the rule was disabled') return i18n.t('auto.why.disabled');
  if (r === 'the deal no longer exists' || r === 'the deal was deleted') return i18n.t('auto.why.dealGone');
  if (r === 'the rule changed: re-planned') return i18n.t('auto.why.replanned');
  if (r === 'conditions need a deal') return i18n.t('auto.why.needsDeal');
  let m = /^the deal left the stage "([^"]*)" \(now in "([^"]*)"\)$/.exec(r);
  if (m) return i18n.t('auto.why.leftStageNow', { stage: m[1], now: m[2] });
  m = /^the deal left the stage "([^"]*)" before the delay ended$/.exec(r);
  if (m) return i18n.t('auto.why.leftStage', { stage: m[1] });
  m = /^the deal is back in the stage "([^"]*)"$/.exec(r);
  if (m) return i18n.t('auto.why.backInStage', { stage: m[1] });
  m = /^the field "([^"]*)" changed since the run was planned$/.exec(r);
  if (m) return i18n.t('auto.why.fieldChanged', { field: m[1] });
  m = /^condition (\S+) (\S+)(?: (.*?))? does not hold(?: \(is (.*)\))?$/.exec(r);
  if (m) {
    const op = known(i18n, `auto.op.${m[2]}`) ?? m[2];
    return i18n.t('auto.why.condition', { field: m[1], op, value: m[3] ?? '', actual: m[4] ?? '—' }).replace(/\s+/g, ' ');
  }
  m = /^the repeat condition holds: paused until (.+)$/.exec(r);
  if (m) return i18n.t('auto.why.paused', { until: dateTime(i18n, m[1]) });
  return r;
}

export function dateTime(i18n: Pick<I18nService, 'lang'>, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(i18n.lang(), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
  } catch {
    return new Intl.DateTimeFormat(i18n.lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }
}
