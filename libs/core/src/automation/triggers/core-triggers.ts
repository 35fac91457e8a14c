import { DomainEvents } from '../../events/domain-events';
import type { Problem, RuleCheckContext, TriggerSpec, TriggerType } from '../automation.types';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const isPlace = (ref: unknown, id: unknown, code: unknown) => ref === id || ref === code;

async function stageProblems(t: TriggerSpec, ctx: RuleCheckContext, stageRequired: boolean): Promise<Problem[]> {
  const pipeline = str(t['pipeline']);
  const stage = str(t['stage']);
  if (!pipeline) return [{ field: 'trigger.pipeline', message: 'is required' }];
  if (!(await ctx.pipelineExists(pipeline))) return [{ field: 'trigger.pipeline', message: `unknown pipeline "${pipeline}"` }];
  if (!stage) return stageRequired ? [{ field: 'trigger.stage', message: 'is required' }] : [];
  if (!(await ctx.stageExists(pipeline, stage))) return [{ field: 'trigger.stage', message: `unknown stage "${stage}" in pipeline "${pipeline}"` }];
  return [];
}

const dealCreated: TriggerType = {
  type: 'deal.created',
  events: [DomainEvents.DealCreated],
  async validate(t, ctx) {
    const pipeline = t['pipeline'];
    if (pipeline === undefined || pipeline === null) return [];
    if (!str(pipeline) || !(await ctx.pipelineExists(String(pipeline)))) return [{ field: 'trigger.pipeline', message: `unknown pipeline "${pipeline}"` }];
    return [];
  },
  matches: (t, e) => !t['pipeline'] || isPlace(t['pipeline'], e.payload['pipelineId'], e.payload['pipelineCode']),
};

const stageEntered: TriggerType = {
  type: 'stage.entered',
  events: [DomainEvents.StageEntered],
  validate: (t, ctx) => stageProblems(t, ctx, true),
  matches: (t, e) => isPlace(t['pipeline'], e.payload['pipelineId'], e.payload['pipelineCode']) && isPlace(t['stage'], e.payload['stageId'], e.payload['stageCode']),
  stillHolds(t, deal, event) {
    if (deal.stageId !== event['stageId']) return `the deal left the stage "${event['stageCode'] ?? t['stage']}" (now in "${deal.stageCode}")`;
    return null;
  },
};

const stageLeft: TriggerType = {
  type: 'stage.left',
  events: [DomainEvents.StageLeft],
  validate: (t, ctx) => stageProblems(t, ctx, true),
  matches: (t, e) => isPlace(t['pipeline'], e.payload['pipelineId'], e.payload['pipelineCode']) && isPlace(t['stage'], e.payload['stageId'], e.payload['stageCode']),
  stillHolds(t, deal, event) {
    if (deal.stageId === event['stageId']) return `the deal is back in the stage "${event['stageCode'] ?? t['stage']}"`;
    return null;
  },
};

const BUILTIN_FIELDS = ['title', 'budget', 'currency', 'responsibleId', 'companyId', 'contactIds', 'tags', 'lostReason'];

const fieldChanged: TriggerType = {
  type: 'field.changed',
  events: [DomainEvents.FieldChanged],
  async validate(t, ctx) {
    const field = str(t['field']);
    if (!field) return [{ field: 'trigger.field', message: 'is required' }];
    const code = field.startsWith('fields.') ? field.slice(7) : field;
    if (!BUILTIN_FIELDS.includes(field) && !(await ctx.dealFieldType(code))) return [{ field: 'trigger.field', message: `unknown field "${field}"` }];
    return [];
  },
  matches(t, e) {
    const changed = String(e.payload['field'] ?? '');
    const want = String(t['field']);
    return changed === want || changed === `fields.${want}` || `fields.${changed}` === want;
  },
};

function patternOf(t: TriggerSpec): RegExp | null {
  try {
    return new RegExp(String(t['namePattern'] ?? ''), 'i');
  } catch {
    return null;
  }
}

const fileAttached: TriggerType = {
  type: 'file.attached',
  events: [DomainEvents.FileAttached],
  async validate(t) {
    if (typeof t['namePattern'] !== 'string' || !t['namePattern']) return [{ field: 'trigger.namePattern', message: 'is required (a case-insensitive regular expression)' }];
    if (t['namePattern'].length > 500 || !patternOf(t)) return [{ field: 'trigger.namePattern', message: 'is not a valid regular expression' }];
    return [];
  },
  matches: (t, e) => !!patternOf(t)?.test(String(e.payload['name'] ?? '')),
};

const taskCompleted: TriggerType = {
  type: 'task.completed',
  events: [DomainEvents.TaskCompleted],
  async validate(t) {
    const problems: Problem[] = [];
    if (t['taskCode'] !== undefined && !str(t['taskCode'])) problems.push({ field: 'trigger.taskCode', message: 'must be a task code' });
    if (t['result'] !== undefined && !str(t['result'])) problems.push({ field: 'trigger.result', message: 'must be one of the task\'s result options' });
    return problems;
  },
  matches: (t, e) => (!t['taskCode'] || t['taskCode'] === e.payload['code']) && (!t['result'] || t['result'] === e.payload['result']) && !!e.payload['dealId'],
};

const DATE_TYPES = ['date', 'datetime'];

/** Planned by the engine from the deal's date field (re-planned when it changes), not matched from an event. */
const dateReached: TriggerType = {
  type: 'date.reached',
  events: [],
  async validate(t, ctx) {
    const field = str(t['field']);
    if (!field) return [{ field: 'trigger.field', message: 'is required (a date or datetime custom field)' }];
    const type = await ctx.dealFieldType(field);
    if (!type) return [{ field: 'trigger.field', message: `unknown field "${field}"` }];
    if (!DATE_TYPES.includes(type)) return [{ field: 'trigger.field', message: `field "${field}" is a ${type}, not a date` }];
    const offset = t['offset'] as { days?: unknown } | undefined;
    if (offset !== undefined && (typeof offset !== 'object' || offset === null || !Number.isInteger(offset.days ?? 0) || Math.abs(Number(offset.days ?? 0)) > 3650)) {
      return [{ field: 'trigger.offset.days', message: 'must be a whole number of days (negative: before the date)' }];
    }
    return [];
  },
  matches: () => false,
  stillHolds(t, deal, event) {
    if (String(deal.fields[String(t['field'])] ?? '') !== String(event['value'] ?? '')) return `the field "${t['field']}" changed since the run was planned`;
    return null;
  },
};

/** Planned by the engine from the cron expression. */
const schedule: TriggerType = {
  type: 'schedule',
  events: [],
  matches: () => false,
};

export const CORE_TRIGGERS: TriggerType[] = [dealCreated, stageEntered, stageLeft, fieldChanged, fileAttached, taskCompleted, dateReached, schedule];
