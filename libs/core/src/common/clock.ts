import { Injectable } from '@nestjs/common';

/** The only source of "now" in domain code, so sandbox portals can run on a test clock. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
