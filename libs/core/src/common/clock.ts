import { Injectable } from '@nestjs/common';
import { RequestContext } from './request-context';

/**
 * The only source of "now" in domain code. A sandbox portal runs on its own test clock, which the auth
 * guard (requests) and the automation worker (jobs) put into the request context.
 */
@Injectable()
export class Clock {
  now(): Date {
    const frozen = RequestContext.current()?.clockNow;
    return frozen ? new Date(frozen.getTime()) : new Date();
  }
}
