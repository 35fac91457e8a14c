import { UnprocessableError } from '../../common/errors';
import type { StageRuleViolation } from './stage-rules';

/** 422: the target stage's rules are not met; `details` names every unmet rule (with `index` on imports). */
export class StageRulesUnmetError extends UnprocessableError {
  constructor(
    readonly stageCode: string,
    readonly violations: (StageRuleViolation & { index?: number })[],
    prefix = '',
    /** The pipeline's code, so help for the refusal can be looked up (see RefusalHelpInterceptor). */
    readonly pipelineCode: string | null = null,
  ) {
    const what = violations.map((v) =>
      v.rule === 'requiredField' ? `field "${v.field}" is required` : v.rule === 'guard' ? v.message : `${v.taskIds.length} open task(s) must be completed first`,
    );
    super('stage_rules_unmet', `${prefix}The deal cannot enter stage "${stageCode}": ${what.join('; ')}`, violations);
  }
}
