import { UnprocessableError } from '../../common/errors';
import type { StageRuleViolation } from './stage-rules';

/** 422: the target stage's rules are not met; `details` names every unmet rule (with `index` on imports). */
export class StageRulesUnmetError extends UnprocessableError {
  constructor(stageCode: string, violations: (StageRuleViolation & { index?: number })[], prefix = '') {
    const what = violations.map((v) =>
      v.rule === 'requiredField' ? `field "${v.field}" is required` : v.rule === 'guard' ? v.message : `${v.taskIds.length} open task(s) must be completed first`,
    );
    super('stage_rules_unmet', `${prefix}The deal cannot enter stage "${stageCode}": ${what.join('; ')}`, violations);
  }
}
