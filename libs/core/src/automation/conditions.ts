import Decimal from 'decimal.js';
import { CONDITION_OPS } from './automation.types';
import type { Condition, DealFacts, Problem, RuleCheckContext } from './automation.types';

/** Condition fields that are not custom fields. `task:<code>` is the status of the newest task with that code. */
export const BUILTIN_CONDITION_FIELDS = ['stage', 'pipeline', 'tags', 'budget', 'responsibleId', 'openTasks', 'title', 'companyId'];

/** Facts beyond the deal row, read only when a condition asks for them. */
export interface ExtraFacts {
  openTasks(): Promise<number>;
  /** The newest task with this code on the deal: its status and result. */
  task(code: string): Promise<{ status: string; result: string | null } | null>;
}

export interface ConditionOutcome {
  condition: Condition;
  actual: unknown;
  ok: boolean;
}

async function valueOf(field: string, deal: DealFacts, extra: ExtraFacts): Promise<unknown> {
  switch (field) {
    case 'stage':
      return deal.stageCode;
    case 'pipeline':
      return deal.pipelineCode;
    case 'tags':
      return deal.tags;
    case 'budget':
      return deal.budget;
    case 'responsibleId':
      return deal.responsibleId;
    case 'companyId':
      return deal.companyId;
    case 'title':
      return deal.title;
    case 'openTasks':
      return extra.openTasks();
  }
  if (field.startsWith('task:')) {
    const [code, part] = field.slice(5).split('.');
    const task = await extra.task(code);
    if (!task) return null;
    return part === 'result' ? task.result : task.status;
  }
  return deal.fields[field] ?? null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Numbers and money compare exactly; dates compare as ISO strings; everything else by equality. */
function compare(a: unknown, b: unknown): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const num = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) ? new Decimal(String(v).trim()) : null);
  const x = num(a);
  const y = num(b);
  if (x && y) return x.comparedTo(y);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function equals(a: unknown, b: unknown, stageIds?: { code: string; id: string }): boolean {
  if (stageIds && (b === stageIds.id || b === stageIds.code)) return true;
  const c = compare(a, b);
  if (c !== null) return c === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

export function holds(op: Condition['op'], actual: unknown, expected: unknown, stageIds?: { code: string; id: string }): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  switch (op) {
    case 'eq':
      return Array.isArray(actual) && !Array.isArray(expected) ? actual.includes(expected) : equals(actual, expected, stageIds);
    case 'ne':
      return !holds('eq', actual, expected, stageIds);
    case 'in':
      return Array.isArray(actual) ? actual.some((a) => list.some((e) => equals(a, e))) : list.some((e) => equals(actual, e, stageIds));
    case 'nin':
      return !holds('in', actual, expected, stageIds);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const c = compare(actual, expected);
      if (c === null) return false;
      return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
    }
    case 'empty':
      return isEmpty(actual);
    case 'notEmpty':
      return !isEmpty(actual);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => equals(a, expected) || (typeof a === 'object' && JSON.stringify(a).includes(String(expected))));
      return typeof actual === 'string' && typeof expected === 'string' && actual.toLowerCase().includes(expected.toLowerCase());
  }
  return false;
}

export async function evaluate(conditions: Condition[], deal: DealFacts, extra: ExtraFacts): Promise<ConditionOutcome[]> {
  const out: ConditionOutcome[] = [];
  for (const c of conditions) {
    const actual = await valueOf(c.field, deal, extra);
    const stageIds = c.field === 'stage' ? { code: deal.stageCode, id: deal.stageId } : c.field === 'pipeline' ? { code: deal.pipelineCode, id: deal.pipelineId } : undefined;
    const ok = holds(c.op, actual, c.value, stageIds && (c.op === 'eq' || c.op === 'ne' || c.op === 'in' || c.op === 'nin') ? stageIds : undefined);
    out.push({ condition: c, actual: actual instanceof Promise ? await actual : actual, ok });
  }
  return out;
}

export function describeFailed(outcomes: ConditionOutcome[]): string | null {
  const failed = outcomes.filter((o) => !o.ok);
  if (!failed.length) return null;
  return failed.map((o) => `condition ${o.condition.field} ${o.condition.op}${o.condition.value !== undefined ? ` ${JSON.stringify(o.condition.value)}` : ''} does not hold (is ${JSON.stringify(o.actual)})`).join('; ');
}

export async function validateConditions(input: unknown, at: string, ctx: RuleCheckContext): Promise<Problem[]> {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) return [{ field: at, message: 'must be a list of conditions' }];
  const problems: Problem[] = [];
  for (const [i, c] of input.entries()) {
    const f = `${at}[${i}]`;
    if (!c || typeof c !== 'object') {
      problems.push({ field: f, message: 'must be an object {field, op, value}' });
      continue;
    }
    const { field, op, value } = c as Condition;
    if (typeof field !== 'string' || !field) problems.push({ field: `${f}.field`, message: 'is required' });
    else if (!BUILTIN_CONDITION_FIELDS.includes(field) && !field.startsWith('task:') && !(await ctx.dealFieldType(field))) {
      problems.push({ field: `${f}.field`, message: `unknown field "${field}": not a deal custom field nor one of ${BUILTIN_CONDITION_FIELDS.join(', ')}, task:<code>` });
    }
    if (!CONDITION_OPS.includes(op as never)) problems.push({ field: `${f}.op`, message: `must be one of ${CONDITION_OPS.join(', ')}` });
    else if (op !== 'empty' && op !== 'notEmpty' && value === undefined) problems.push({ field: `${f}.value`, message: `is required for op "${op}"` });
    else if ((op === 'in' || op === 'nin') && !Array.isArray(value)) problems.push({ field: `${f}.value`, message: `must be a list for op "${op}"` });
    if (field === 'stage' && typeof value === 'string' && !(await ctx.stageExists(null, value))) {
      problems.push({ field: `${f}.value`, message: `unknown stage "${value}"` });
    }
  }
  return problems;
}
