/** Domain errors carry their HTTP status and the snake_case code of API.md; one filter renders them. */
export interface ErrorDetail {
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: { field: string; message: string }[]) {
    super(400, 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'Validation failed', details);
  }
  static field(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string, code = 'not_found') {
    super(404, code, id ? `${what} ${id} not found` : `${what} not found`, id ? [{ resource: what, id }] : []);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super(403, code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(409, code, message, details);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(422, code, message, details);
  }
}

/** An id in a request body that names nothing in this portal: a 400 naming the field. */
export function unknownReference(field: string, what: string, id: string): ValidationFailedError {
  return ValidationFailedError.field(field, `${what} ${id} does not exist in this portal`);
}
