import type { Problem, RuleCheckContext } from '../automation.types';
import { validateDelay } from '../rule-validator';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `responsible`, `user:<id>`, `role:<role>`, `field:<code>`, `department-head`, `strategy:<name>`. */
export async function assigneeProblems(spec: unknown, field: string, ctx: RuleCheckContext, allowStrategy = true): Promise<Problem[]> {
  if (typeof spec !== 'string' || !spec) return [{ field, message: 'is required: responsible, user:<id>, role:<role>, field:<code>, department-head or strategy:<name>' }];
  if (spec === 'responsible' || spec === 'department-head') return [];
  const [kind, ...rest] = spec.split(':');
  const arg = rest.join(':');
  switch (kind) {
    case 'user':
      return UUID_RE.test(arg) && (await ctx.userExists(arg)) ? [] : [{ field, message: `user ${arg} does not exist in this portal` }];
    case 'role':
      return ctx.roleExists(arg) ? [] : [{ field, message: `unknown role "${arg}"` }];
    case 'field': {
      const type = await ctx.dealFieldType(arg);
      if (!type) return [{ field, message: `unknown field "${arg}"` }];
      return type === 'user' ? [] : [{ field, message: `field "${arg}" is a ${type}, not a user field` }];
    }
    case 'strategy':
      if (!allowStrategy) break;
      return (await ctx.assignmentStrategyExists(arg)) ? [] : [{ field, message: `unknown assignment strategy "${arg}" (or its plugin is not installed on this portal)` }];
  }
  return [{ field, message: `"${spec}" is not an assignee: use responsible, user:<id>, role:<role>, field:<code>, department-head or strategy:<name>` }];
}

/** A moment relative to the run: a delay ({days: 1, at: "10:00"}) or a date field ({field: "deadline", at?}). */
export async function dueProblems(spec: unknown, field: string, ctx: RuleCheckContext): Promise<Problem[]> {
  if (spec === undefined) return [];
  if (spec && typeof spec === 'object' && 'field' in spec) {
    const { field: code, ...rest } = spec as { field: unknown };
    const type = typeof code === 'string' ? await ctx.dealFieldType(code) : null;
    if (!type) return [{ field: `${field}.field`, message: `unknown field "${String(code)}"` }];
    if (type !== 'date' && type !== 'datetime') return [{ field: `${field}.field`, message: `field "${code}" is a ${type}, not a date` }];
    return validateDelay(rest, field);
  }
  return validateDelay(spec, field);
}

export function textProblem(v: unknown, field: string, max = 500, required = true): Problem[] {
  if (v === undefined && !required) return [];
  if (typeof v !== 'string' || !v.trim()) return [{ field, message: 'is required' }];
  if (v.length > max) return [{ field, message: `must be at most ${max} characters` }];
  return [];
}

export function stringList(v: unknown, field: string): Problem[] {
  if (!Array.isArray(v) || !v.length || v.some((t) => typeof t !== 'string' || !t.trim())) return [{ field, message: 'must be a non-empty list of texts' }];
  return [];
}
