import { Injectable } from '@nestjs/common';
import { RequestContext } from '../common/request-context';
import { TimelineService } from '../crm/timeline/timeline.service';
import { Db } from '../database/db';
import { OutboxService } from '../events/outbox.service';
import type { NotificationLevel } from '../identity/notifications/notification.entity';
import { NotificationsService } from '../identity/notifications/notifications.service';

export interface PluginNotification {
  userId: string;
  /** What raised it, e.g. `digital-studio.alert`. */
  kind: string;
  text: string;
  level?: NotificationLevel;
  dealId?: string | null;
  /** Same key for the same user → one notification, however often it is raised (retries, alerts). */
  dedupeKey?: string;
}

/**
 * What a plugin's own server code may ask of the portal besides SQL: an in-portal notification, an entry on a
 * deal's timeline, a domain event in the outbox (which the plugin's trigger types, and so any automation rule,
 * react to), and acting as a portal from a background job. Everything joins the caller's transaction.
 */
@Injectable()
export class PluginServices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly timeline: TimelineService,
    private readonly outbox: OutboxService,
    private readonly db: Db,
  ) {}

  notify(n: PluginNotification): Promise<void> {
    return this.notifications.notify(n);
  }

  /** An entry on a deal's timeline (`GET /deals/:id/timeline`), attributed to the acting user. */
  addDealTimeline(dealId: string, kind: string, data: Record<string, unknown> = {}): Promise<void> {
    return this.timeline.add('deal', dealId, kind, data);
  }

  /**
   * A domain event about a deal, committed with the caller's transaction: a trigger type listening to `type`
   * (declared by the plugin) fires the portal's rules once it commits. Must run inside a transaction.
   */
  async recordDealEvent(type: string, dealId: string, payload: Record<string, unknown> = {}): Promise<void> {
    if (!this.db.inTransaction) return this.db.transaction(() => this.outbox.record(type, 'deal', dealId, { dealId, ...payload }));
    return this.outbox.record(type, 'deal', dealId, { dealId, ...payload });
  }

  /** Runs `fn` as the portal (no user), e.g. for a plugin's background sweep; inside it the portal's services work as in a request. */
  asPortal<T>(portalId: string, fn: () => Promise<T>): Promise<T> {
    return RequestContext.asPortal(portalId, fn);
  }
}
