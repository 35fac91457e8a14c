import { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import pino, { Logger } from 'pino';
import { RequestContext } from './request-context';

/** One JSON line per event, with the request, portal and user ids of the context it happened in. */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level = 'info') {
    this.pino = pino({
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const ctx = RequestContext.current();
        return ctx ? { requestId: ctx.requestId, portalId: ctx.portalId, userId: ctx.userId } : {};
      },
    });
  }

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.pino.fatal({ context }, String(message));
  }

  /** Express middleware: one line per request once it is answered. */
  requestLog() {
    return (req: Request, res: Response, next: NextFunction) => {
      const start = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        const line = { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 };
        if (res.statusCode >= 500) this.pino.error(line, 'request');
        else this.pino.debug(line, 'request');
      });
      next();
    };
  }
}
