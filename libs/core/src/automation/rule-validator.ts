import { CronExpressionParser } from 'cron-parser';
import type { AutomationRegistry } from './automation-registry';
import type { Problem, RuleCheckContext, RuleDefinition } from './automation.types';
import { validateConditions } from './conditions';
import type { Delay } from './calendar';

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const DELAY_KEYS = ['minutes', 'days', 'businessDays', 'at', 'workingHoursOnly'];
const RULE_KEYS = ['code', 'name', 'enabled', 'trigger', 'delay', 'conditions', 'actions', 'repeat'];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function validateDelay(input: unknown, at: string): Problem[] {
  if (input === undefined || input === null) return [];
  if (!isObject(input)) return [{ field: at, message: 'must be an object {minutes?|days?|businessDays?, at?, workingHoursOnly?}' }];
  const problems: Problem[] = [];
  for (const key of Object.keys(input)) if (!DELAY_KEYS.includes(key)) problems.push({ field: `${at}.${key}`, message: `is not a delay option (${DELAY_KEYS.join(', ')})` });
  for (const key of ['minutes', 'days', 'businessDays']) {
    const v = input[key];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 1_000_000)) problems.push({ field: `${at}.${key}`, message: 'must be a whole non-negative number' });
  }
  if (input['at'] !== undefined && (typeof input['at'] !== 'string' || !TIME_RE.test(input['at']))) problems.push({ field: `${at}.at`, message: 'must be a time of day "HH:mm"' });
  if (input['workingHoursOnly'] !== undefined && typeof input['workingHoursOnly'] !== 'boolean') problems.push({ field: `${at}.workingHoursOnly`, message: 'must be true or false' });
  return problems;
}

export function isZeroDelay(d: Delay | null | undefined): boolean {
  return !d || (!d.minutes && !d.days && !d.businessDays && !d.at && !d.workingHoursOnly);
}

export function nextCronTime(cron: string, after: Date, timezone: string): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

/**
 * Checks a whole rule against the registries and the portal (stages, fields, users exist) and returns it
 * normalised. `partial` merges a PATCH over the stored rule first, so the result is always whole.
 */
export async function validateRule(input: unknown, registry: AutomationRegistry, ctx: RuleCheckContext): Promise<{ rule: RuleDefinition | null; problems: Problem[] }> {
  if (!isObject(input)) return { rule: null, problems: [{ field: 'body', message: 'the rule must be a JSON object' }] };
  const problems: Problem[] = [];
  for (const key of Object.keys(input)) if (!RULE_KEYS.includes(key)) problems.push({ field: key, message: `${key} is not a known property` });
  const { code, name, enabled, trigger, delay, conditions, actions, repeat } = input;

  if (typeof code !== 'string' || !CODE_RE.test(code)) problems.push({ field: 'code', message: 'must be 1–100 letters, digits, dots, dashes or underscores' });
  if (typeof name !== 'string' || !name.trim() || name.length > 300) problems.push({ field: 'name', message: 'must be a non-empty text of at most 300 characters' });
  if (enabled !== undefined && typeof enabled !== 'boolean') problems.push({ field: 'enabled', message: 'must be true or false' });

  if (!isObject(trigger) || typeof trigger['type'] !== 'string') problems.push({ field: 'trigger.type', message: `is required; one of ${registry.triggerTypes().join(', ')}` });
  else {
    const type = registry.trigger(trigger['type']);
    if (!type) problems.push({ field: 'trigger.type', message: `unknown trigger type "${trigger['type']}"; known: ${registry.triggerTypes().join(', ')}` });
    else {
      const owner = registry.ownerOf('trigger', trigger['type']);
      if (owner && !(await ctx.pluginInstalled(owner))) problems.push({ field: 'trigger.type', message: `"${trigger['type']}" comes with the plugin ${owner}, which this portal has not installed` });
      else if (type.validate) problems.push(...(await type.validate(trigger as never, ctx)));
    }
    if (trigger['type'] === 'schedule') {
      if (typeof trigger['cron'] !== 'string') problems.push({ field: 'trigger.cron', message: 'is required, e.g. "0 10 * * 1-5"' });
      else {
        try {
          CronExpressionParser.parse(trigger['cron']);
        } catch (err) {
          problems.push({ field: 'trigger.cron', message: `is not a cron expression: ${(err as Error).message}` });
        }
      }
      if (trigger['stage'] !== undefined && !(await ctx.stageExists((trigger['pipeline'] as string) ?? null, String(trigger['stage'])))) {
        problems.push({ field: 'trigger.stage', message: `unknown stage "${trigger['stage']}"` });
      }
      if (trigger['pipeline'] !== undefined && !(await ctx.pipelineExists(String(trigger['pipeline'])))) problems.push({ field: 'trigger.pipeline', message: `unknown pipeline "${trigger['pipeline']}"` });
    }
  }

  problems.push(...validateDelay(delay, 'delay'));
  problems.push(...(await validateConditions(conditions, 'conditions', ctx)));

  if (!Array.isArray(actions) || !actions.length) problems.push({ field: 'actions', message: 'must list at least one action' });
  else if (actions.length > 50) problems.push({ field: 'actions', message: 'at most 50 actions per rule' });
  else {
    for (const [i, a] of actions.entries()) {
      if (!isObject(a) || typeof a['type'] !== 'string') {
        problems.push({ field: `actions[${i}].type`, message: `is required; one of ${registry.actionTypes().join(', ')}` });
        continue;
      }
      const type = registry.action(a['type']);
      if (!type) problems.push({ field: `actions[${i}].type`, message: `unknown action type "${a['type']}"; known: ${registry.actionTypes().join(', ')}` });
      else {
        const owner = registry.ownerOf('action', a['type']);
        if (owner && !(await ctx.pluginInstalled(owner))) problems.push({ field: `actions[${i}].type`, message: `"${a['type']}" comes with the plugin ${owner}, which this portal has not installed` });
        else if (type.validate) problems.push(...(await type.validate(a as never, ctx)).map((p) => ({ ...p, field: `actions[${i}].${p.field}` })));
      }
    }
  }

  if (repeat !== undefined && repeat !== null) {
    if (!isObject(repeat)) problems.push({ field: 'repeat', message: 'must be an object {everyMinutes, until?, resumeAfterBusinessDays?}' });
    else {
      if (!Number.isInteger(repeat['everyMinutes']) || (repeat['everyMinutes'] as number) < 5 || (repeat['everyMinutes'] as number) > 10_080) {
        problems.push({ field: 'repeat.everyMinutes', message: 'must be a whole number of minutes between 5 and 10080' });
      }
      problems.push(...(await validateConditions(repeat['until'], 'repeat.until', ctx)));
      const resume = repeat['resumeAfterBusinessDays'];
      if (resume !== undefined && (!Number.isInteger(resume) || (resume as number) < 1 || (resume as number) > 30)) problems.push({ field: 'repeat.resumeAfterBusinessDays', message: 'must be a whole number of working days, 1–30' });
      for (const key of Object.keys(repeat)) if (!['everyMinutes', 'until', 'resumeAfterBusinessDays'].includes(key)) problems.push({ field: `repeat.${key}`, message: 'is not a repeat option' });
    }
  }

  if (problems.length) return { rule: null, problems };
  return {
    rule: {
      code: code as string,
      name: (name as string).trim(),
      enabled: enabled === undefined ? true : (enabled as boolean),
      trigger: trigger as RuleDefinition['trigger'],
      delay: (delay as Delay) ?? null,
      conditions: (conditions as RuleDefinition['conditions']) ?? [],
      actions: actions as RuleDefinition['actions'],
      repeat: (repeat as RuleDefinition['repeat']) ?? null,
    },
    problems: [],
  };
}
