import { ConflictError } from '../../common/errors';

export class PipelineCodeTakenError extends ConflictError {
  constructor(code: string) {
    super('code_taken', `A pipeline with code "${code}" already exists`, [{ field: 'code' }]);
  }
}

export class StageHasDealsError extends ConflictError {
  constructor(stage: string, deals: number) {
    super('stage_has_deals', `Stage "${stage}" still holds ${deals} deal(s); move them first`, [{ stage, deals }]);
  }
}
