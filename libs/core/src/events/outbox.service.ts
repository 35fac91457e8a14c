import { Injectable } from '@nestjs/common';
import { RequestContext } from '../common/request-context';
import { Clock } from '../common/clock';
import { Db } from '../database/db';
import { OutboxEventEntity } from './outbox-event.entity';

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
    await this.db.manager.getRepository(OutboxEventEntity).insert({
      portalId: RequestContext.portalId(),
      type,
      aggregate,
      aggregateId,
      occurredAt: this.clock.now(),
      payload: { ...payload, actorId: RequestContext.userId() ?? null } as never,
    });
  }
}
