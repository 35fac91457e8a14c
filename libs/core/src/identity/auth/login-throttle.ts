import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors';
import { Db } from '../../database/db';

const WINDOW_MINUTES = 15;
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 30;

/**
 * Failed logins are counted in the database (shared by every API instance): 5 per account or 30 per
 * client address in 15 minutes, then 429 until the window passes.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(accountKey: string, addressKey: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - WINDOW_MINUTES * 60_000);
    const [row] = await this.db.query<{ account: string; address: string }>(
      `SELECT count(*) FILTER (WHERE key = $1) AS account, count(*) FILTER (WHERE key = $2) AS address
         FROM login_failures WHERE key IN ($1, $2) AND failed_at > $3`,
      [accountKey, addressKey, since],
    );
    if (Number(row?.account) >= MAX_PER_ACCOUNT || Number(row?.address) >= MAX_PER_ADDRESS) {
      throw new DomainError(429, 'too_many_attempts', `Too many failed sign-ins; try again in ${WINDOW_MINUTES} minutes`);
    }
  }

  async recordFailure(accountKey: string, addressKey: string): Promise<void> {
    const now = this.clock.now();
    await this.db.query(`INSERT INTO login_failures (key, failed_at) VALUES ($1, $3), ($2, $3)`, [accountKey, addressKey, now]);
  }

  async reset(accountKey: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE key = $1`, [accountKey]);
  }
}
