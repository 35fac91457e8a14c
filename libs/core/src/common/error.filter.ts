import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './errors';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Turns every error into API.md's `{statusCode, error, message, details}`; a 500 is always a bug. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.render(exception);
    // A domain error with a 5xx (an upstream service down: 502, 503) is expected and explained; anything else is a bug.
    if (body.statusCode >= 500 && exception instanceof DomainError) this.logger.warn(`${body.statusCode} ${body.error}: ${body.message}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  render(exception: unknown): { statusCode: number; error: string; message: string; details: unknown[] } & Record<string, unknown> {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, error: exception.code, message: exception.message, details: exception.details, ...exception.extra };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const resp = exception.getResponse() as string | Record<string, unknown>;
      const message = typeof resp === 'string' ? resp : Array.isArray(resp['message']) ? (resp['message'] as string[]).join('; ') : String(resp['message'] ?? exception.message);
      // Nest turns body-parser's SyntaxError into a bare BadRequestException carrying the parser's message.
      if (status === 400 && /JSON/i.test(message) && exception.constructor.name === 'BadRequestException') {
        return { statusCode: 400, error: 'invalid_json', message: 'The request body is not valid JSON', details: [{ field: 'body', message }] };
      }
      return { statusCode: status, error: STATUS_CODES[status] ?? 'error', message, details: [] };
    }
    const err = exception as { type?: string; status?: number; statusCode?: number; message?: string };
    // body-parser errors (malformed JSON, too large) arrive before any pipe runs.
    if (err && err.type === 'entity.parse.failed') {
      return { statusCode: 400, error: 'invalid_json', message: 'The request body is not valid JSON', details: [{ field: 'body', message: err.message }] };
    }
    if (err && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return { statusCode: err.status, error: STATUS_CODES[err.status] ?? 'bad_request', message: err.message ?? 'Bad request', details: [] };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { code?: string }).code;
      // invalid text representation, numeric overflow, bad datetime, NUL or untranslatable characters
      if (['22P02', '22003', '22007', '22008', '22021', '22P05'].includes(code ?? '')) {
        return { statusCode: 400, error: 'validation_failed', message: 'A value has the wrong format', details: [{ field: 'body', message: exception.message }] };
      }
    }
    return { statusCode: 500, error: 'internal_error', message: 'Internal error', details: [] };
  }
}
