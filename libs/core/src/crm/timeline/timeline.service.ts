import { Injectable } from '@nestjs/common';
import { Page, decodeCursor, encodeCursor, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { TimelineEntryEntity } from './timeline-entry.entity';

export interface TimelineView {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  actorId: string | null;
  createdAt: string;
}

@Injectable()
export class TimelineRepository extends PortalScopedRepository<TimelineEntryEntity> {
  protected readonly entity = TimelineEntryEntity;
  protected readonly label = 'Timeline entry';
}

/** The history of a record: every change, note, file, task and automation run, newest first. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly entries: TimelineRepository,
    private readonly db: Db,
  ) {}

  async add(entity: string, entityId: string, kind: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.db.query(`INSERT INTO timeline (portal_id, entity, entity_id, kind, data, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      RequestContext.portalId(),
      entity,
      entityId,
      kind,
      JSON.stringify(data),
      RequestContext.userId() ?? null,
    ]);
  }

  async list(entity: string, entityId: string, query: { limit?: unknown; cursor?: unknown; kind?: string } = {}): Promise<Page<TimelineView>> {
    const limit = parseLimit(query.limit, 100);
    const cursor = decodeCursor(query.cursor);
    const qb = this.entries
      .qb('t')
      .andWhere('t.entity = :entity AND t.entity_id = :entityId', { entity, entityId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit + 1);
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    if (cursor) qb.andWhere('(t.created_at, t.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.getMany();
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ id: r.id, kind: r.kind, data: r.data, actorId: r.actorId, createdAt: r.createdAt.toISOString() })),
      nextCursor: more && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }
}
