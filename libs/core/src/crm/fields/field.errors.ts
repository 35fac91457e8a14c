import { ConflictError } from '../../common/errors';

export class FieldCodeTakenError extends ConflictError {
  constructor(entity: string, code: string) {
    super('code_taken', `A ${entity} field with code "${code}" already exists`, [{ field: 'code' }]);
  }
}

/** Install data wants a field the portal already has, in a shape its stored values would not fit. */
export class FieldDefinitionConflictError extends ConflictError {
  constructor(entity: string, code: string, reason: string) {
    super('field_definition_conflict', `The ${entity} field "${code}" cannot be installed: ${reason}`, [{ entity, code, reason }]);
  }
}
