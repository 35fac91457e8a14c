import type { ActionType, StageGuard, TriggerType } from '@portal/plugin-sdk';
import { FIELD } from './install/fields';
import { fromKopecks, toKopecks } from './money';

/** The outbox event the studio writes when a project crosses a threshold; the trigger of the same name listens to it. */
export const THRESHOLD_CROSSED = 'project.thresholdCrossed';
export const ALERT_KINDS = ['margin', 'hours'] as const;
export const ALERT_LEVELS = ['warning', 'critical'] as const;

/**
 * `project.thresholdCrossed {kind?, level?}`: fires once per crossing (margin below the warning threshold or
 * negative gross profit; hours over 80 % / 100 % of the plan), so an admin can attach any rule to it.
 */
export const thresholdCrossed: TriggerType = {
  type: THRESHOLD_CROSSED,
  events: [THRESHOLD_CROSSED],
  async validate(t) {
    const problems = [];
    if (t['kind'] !== undefined && !(ALERT_KINDS as readonly unknown[]).includes(t['kind'])) problems.push({ field: 'trigger.kind', message: `must be one of ${ALERT_KINDS.join(', ')}` });
    if (t['level'] !== undefined && !(ALERT_LEVELS as readonly unknown[]).includes(t['level'])) problems.push({ field: 'trigger.level', message: `must be one of ${ALERT_LEVELS.join(', ')}` });
    return problems;
  },
  matches: (t, e) => (!t['kind'] || t['kind'] === e.payload['kind']) && (!t['level'] || t['level'] === e.payload['level']),
};

/**
 * `studio.computeRemainingPayment`: remaining payment = budget − advance, exact (kopecks), stored in the deal's
 * `remaining_payment` field (a change on the timeline like any other). Without a budget or an advance it does nothing.
 */
export const computeRemainingPayment: ActionType = {
  type: 'studio.computeRemainingPayment',
  async execute(_a, ctx) {
    const deal = ctx.deal;
    if (!deal) throw new Error('this action needs a deal');
    const budget = toKopecks(deal.budget);
    const advance = toKopecks(deal.fields[FIELD.advance]);
    if (budget === null || advance === null) return { skipped: 'no budget or no advance' };
    if (advance > budget) throw new Error(`the advance (${fromKopecks(advance)}) exceeds the budget (${fromKopecks(budget)})`);
    const remaining = fromKopecks(budget - advance);
    if (deal.fields[FIELD.remaining] !== remaining) await ctx.services.changeDeal(deal.id, { fields: { [FIELD.remaining]: remaining } });
    return { remainingPayment: remaining };
  },
  describe: () => 'compute the remaining payment (budget − advance)',
};

/** A deal enters "advance received" only with an advance that fits in its budget. */
export const advanceWithinBudget: StageGuard = {
  code: 'studio.advanceWithinBudget',
  description: 'The advance is not more than the budget',
  async check(ctx) {
    const budget = toKopecks(ctx.deal.budget);
    const advance = toKopecks(ctx.deal.fields[FIELD.advance]);
    if (budget === null || advance === null) return null; // the required-field rules say what is missing
    return advance > budget ? `the advance (${fromKopecks(advance)}) is more than the budget (${fromKopecks(budget)})` : null;
  },
};
