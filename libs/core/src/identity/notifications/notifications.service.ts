import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { NotFoundError, ValidationFailedError } from '../../common/errors';
import { decodeCursor, pageOf, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { NotificationEntity, NotificationLevel } from './notification.entity';

@Injectable()
export class NotificationsRepository extends PortalScopedRepository<NotificationEntity> {
  protected readonly entity = NotificationEntity;
  protected readonly label = 'Notification';
}

export interface NewNotification {
  userId: string;
  kind: string;
  text: string;
  level?: NotificationLevel;
  dealId?: string | null;
  /** Same key for the same user → one notification, however often it is raised (retries, alerts). */
  dedupeKey?: string;
}

const view = (n: NotificationEntity) => ({
  id: n.id,
  kind: n.kind,
  level: n.level,
  text: n.text,
  dealId: n.dealId ?? undefined,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** In-portal notifications: other contexts raise them, each user reads their own. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async notify(n: NewNotification): Promise<void> {
    await this.db.query(
      `INSERT INTO notifications (portal_id, user_id, kind, level, text, deal_id, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (portal_id, user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [RequestContext.portalId(), n.userId, n.kind, n.level ?? 'info', n.text, n.dealId ?? null, n.dedupeKey ?? null],
    );
  }

  async listMine(query: { unread?: string; limit?: unknown; cursor?: unknown }) {
    const limit = parseLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const qb = this.notifications
      .qb('n')
      .andWhere('n.user_id = :u', { u: RequestContext.userId() })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1);
    if (query.unread !== undefined) {
      if (query.unread !== 'true' && query.unread !== 'false') throw ValidationFailedError.field('unread', 'must be true or false');
      qb.andWhere(query.unread === 'true' ? 'n.read_at IS NULL' : 'n.read_at IS NOT NULL');
    }
    if (cursor) qb.andWhere('(n.created_at, n.id) < (:at, :id)', cursor);
    return pageOf(await qb.getMany(), limit, view);
  }

  async markRead(id: string) {
    const n = await this.notifications.findById(id);
    if (!n || n.userId !== RequestContext.userId()) throw new NotFoundError('Notification', id);
    if (!n.readAt) {
      n.readAt = this.clock.now();
      await this.notifications.save(n);
    }
    return view(n);
  }
}
