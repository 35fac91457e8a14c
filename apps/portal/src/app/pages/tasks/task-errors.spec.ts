import { TestBed } from '@angular/core/testing';
import { toApiError } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { splitError, taskErrorText, taskFieldError } from './task-errors';

describe('task errors in words', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
    i18n.choose('en');
  });

  it('names the options when the result is not one of them', () => {
    const err = toApiError(400, {
      error: 'validation_failed',
      message: 'result: result must be one of: "Approved", "Rejected"',
      details: [{ field: 'result', message: 'result must be one of: "Approved", "Rejected"', options: ['Approved', 'Rejected'] }],
    });
    expect(taskFieldError(i18n, err, 'result')).toBe('Choose one of the results: «Approved» and «Rejected».');
    i18n.choose('uk');
    expect(taskFieldError(i18n, err, 'result')).toBe('Оберіть один із результатів: «Approved» і «Rejected».');
  });

  it('puts 422 comment_required next to the comment', () => {
    const err = toApiError(422, { error: 'comment_required', message: 'Moving a task deadline needs a comment', details: [{ field: 'comment', message: 'required' }] });
    expect(taskFieldError(i18n, err, 'comment')).toBe('Say why the deadline moves: the comment is required.');
    expect(taskFieldError(i18n, err, 'dueAt')).toBeNull();
    expect(splitError(i18n, err, ['dueAt', 'comment'])).toEqual({ fields: { comment: 'Say why the deadline moves: the comment is required.' }, general: null });
  });

  it('keeps errors without a place of their own as a general text', () => {
    const done = toApiError(409, { error: 'task_already_done', message: 'Task t1 is already done' });
    expect(taskErrorText(i18n, done)).toBe('This task is already done. Refresh the list.');
    const options = toApiError(400, { error: 'validation_failed', message: 'x', details: [{ field: 'resultOptions[1]', message: '"A" is listed twice' }] });
    expect(splitError(i18n, options, ['title'])).toEqual({ fields: {}, general: 'Result options: at most 20, each once and up to 200 characters.' });
    expect(splitError(i18n, options, ['title', 'resultOptions']).general).toBeNull();
  });
});
