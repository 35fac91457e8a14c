import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable, from, switchMap } from 'rxjs';
import { DomainError, ValidationFailedError } from '../../common/errors';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** 413 naming the field, like every other input error. */
export class FileTooLargeError extends DomainError {
  constructor() {
    super(413, 'payload_too_large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, [{ field: 'file', message: `at most ${MAX_FILE_BYTES} bytes` }]);
  }
}

function uploadError(err: unknown): Error {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new FileTooLargeError();
    if (err.code === 'LIMIT_UNEXPECTED_FILE') return ValidationFailedError.field('file', `send exactly one file, in the multipart field "file" (got "${err.field ?? ''}")`);
    if (err.code === 'LIMIT_FILE_COUNT') return ValidationFailedError.field('file', 'send exactly one file');
    return ValidationFailedError.field('body', `the multipart body was refused: ${err.message}`);
  }
  // busboy's own complaints (a truncated or malformed body) are the client's, not ours.
  return ValidationFailedError.field('body', `the multipart body could not be read: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * Reads one multipart file, field `file`, into memory (≤ 25 MB) and puts it on `req.file`. Errors are
 * domain errors: 413 for a file too large, 400 naming `file` for a missing or misnamed part.
 */
@Injectable()
export class SingleFileUploadInterceptor implements NestInterceptor {
  private readonly parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20, parts: 30, fieldSize: 64 * 1024 },
  }).single('file');

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const parsed = new Promise<void>((resolve, reject) => this.parse(req, res, (err?: unknown) => (err ? reject(uploadError(err)) : resolve())));
    return from(parsed).pipe(switchMap(() => next.handle()));
  }
}
