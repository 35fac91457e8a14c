import type { StageRules } from '../pipelines/stage.entity';

export type StageRuleViolation = { rule: 'requiredField'; field: string } | { rule: 'noOpenTasks'; taskIds: string[] } | { rule: 'guard'; guard: string; message: string };

/** The deal as it will be after the change under review (what the rules are checked against). */
export interface StageRuleSubject {
  title: string;
  budget: string | null;
  responsibleId: string | null;
  contactIds: readonly string[];
  companyId: string | null;
  lostReason: string | null;
  fields: Record<string, unknown>;
}

export function requiresNoOpenTasks(rules: StageRules | null | undefined): boolean {
  return rules?.noOpenTasks === true;
}

/** The built-in properties a stage may require (pipelines' BUILT_IN_DEAL_FIELDS); undefined for a custom field code. */
function builtInFilled(deal: StageRuleSubject, field: string): boolean | undefined {
  switch (field) {
    case 'title':
      return deal.title.trim().length > 0;
    case 'budget':
      return deal.budget !== null;
    case 'responsibleId':
      return !!deal.responsibleId;
    case 'contactIds':
      return deal.contactIds.length > 0;
    case 'companyId':
      return !!deal.companyId;
    case 'lostReason':
      return !!deal.lostReason?.trim();
    default:
      return undefined;
  }
}

/**
 * Every rule of the target stage the deal does not meet, in the order the stage lists them, so the client
 * can show them all at once. `openTaskIds` is only consulted when the stage has the `noOpenTasks` rule.
 */
export function unmetStageRules(
  rules: StageRules | null | undefined,
  deal: StageRuleSubject,
  openTaskIds: readonly string[],
  isFilled: (value: unknown) => boolean,
): StageRuleViolation[] {
  const unmet: StageRuleViolation[] = [];
  for (const field of new Set(rules?.requiredFields ?? [])) {
    const filled = builtInFilled(deal, field) ?? isFilled(deal.fields[field]);
    if (!filled) unmet.push({ rule: 'requiredField', field });
  }
  if (requiresNoOpenTasks(rules) && openTaskIds.length) unmet.push({ rule: 'noOpenTasks', taskIds: [...openTaskIds] });
  return unmet;
}

/**
 * The async step beside unmetStageRules: each guard a plugin contributes that the stage lists, in its order.
 * `check` gives a guard's verdict (null lets the deal in; it also answers null for a guard to skip).
 */
export async function unmetStageGuards(rules: StageRules | null | undefined, check: (guard: string) => Promise<string | null>): Promise<StageRuleViolation[]> {
  const unmet: StageRuleViolation[] = [];
  for (const guard of new Set(rules?.guards ?? [])) {
    const message = await check(guard);
    if (message) unmet.push({ rule: 'guard', guard, message });
  }
  return unmet;
}
