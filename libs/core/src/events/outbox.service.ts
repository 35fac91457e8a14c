import { Injectable } from '@nestjs/common';
import { RequestContext } from '../common/request-context';
import { Clock } from '../common/clock';
import { Db } from '../database/db';

/**
 * Writes domain events into the outbox with the caller's transaction, so a change and its event commit
 * together or not at all. The automation engine consumes the outbox.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(type: string, aggregate: string, aggregateId: string, payload: Record<string, unknown> = {}): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`Outbox event ${type} written outside a transaction`);
    // Plain SQL: written several times per change, and the ORM's insert building costs more than the insert.
    await this.db.query(`INSERT INTO outbox (portal_id, type, aggregate, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      RequestContext.portalId(),
      type,
      aggregate,
      aggregateId,
      JSON.stringify({ ...payload, actorId: RequestContext.userId() ?? null }),
      this.clock.now(),
    ]);
  }
}
