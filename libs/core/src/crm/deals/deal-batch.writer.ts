import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';

export interface BatchEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

export interface BatchTimelineEntry {
  entityId: string;
  kind: string;
  data: Record<string, unknown>;
}

/**
 * The import path's outbox and timeline writes: one statement per batch instead of one per deal.
 * Rows have exactly the shape OutboxService.record and TimelineService.add write (payload.actorId,
 * actor_id), so consumers cannot tell the two paths apart. Must run inside the import's transaction.
 */
@Injectable()
export class DealBatchWriter {
  constructor(private readonly db: Db) {}

  async recordEvents(events: BatchEvent[]): Promise<void> {
    if (!events.length) return;
    if (!this.db.inTransaction) throw new Error('Outbox events written outside a transaction');
    const actorId = RequestContext.userId() ?? null;
    await this.db.query(
      `INSERT INTO outbox (portal_id, type, aggregate, aggregate_id, payload, occurred_at)
       SELECT $1, r.type, 'deal', r.aggregate_id, r.payload, COALESCE($3::timestamptz, clock_timestamp())
         FROM jsonb_to_recordset($2::jsonb) AS r(type text, aggregate_id uuid, payload jsonb)`,
      [
        RequestContext.portalId(),
        JSON.stringify(events.map((e) => ({ type: e.type, aggregate_id: e.aggregateId, payload: { ...e.payload, actorId } }))),
        RequestContext.current()?.clockNow ?? null,
      ],
    );
  }

  async addTimeline(entries: BatchTimelineEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.db.query(
      `INSERT INTO timeline (portal_id, entity, entity_id, kind, data, actor_id)
       SELECT $1, 'deal', r.entity_id, r.kind, r.data, $3
         FROM jsonb_to_recordset($2::jsonb) AS r(entity_id uuid, kind text, data jsonb)`,
      [RequestContext.portalId(), JSON.stringify(entries.map((e) => ({ entity_id: e.entityId, kind: e.kind, data: e.data }))), RequestContext.userId() ?? null],
    );
  }
}
