import { ConflictError, DomainError, UnprocessableError } from '../common/errors';

/** 409: a done task is closed for edits and a second completion. */
export class TaskAlreadyDoneError extends ConflictError {
  constructor(id: string) {
    super('task_already_done', `Task ${id} is already done`, [{ taskId: id }]);
  }
}

/** 422: a deadline moves only with a comment saying why (the portal's rule, seed 004 №9). */
export class CommentRequiredError extends UnprocessableError {
  constructor(field = 'comment') {
    super('comment_required', 'Moving a task deadline needs a comment saying why', [{ field, message: 'a non-empty comment is required to move the deadline' }]);
  }
}

/** 400 naming `result`, with the options the task accepts. */
export class ResultNotAcceptedError extends DomainError {
  constructor(message: string, options: string[], field = 'result') {
    super(400, 'validation_failed', `${field}: ${message}`, [{ field, message, options }]);
  }
}
