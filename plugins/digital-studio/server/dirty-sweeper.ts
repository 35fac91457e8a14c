import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PluginDatabase, PluginServices } from '@portal/plugin-sdk';
import { AlertsService } from './alerts.service';

/**
 * Budget and task-estimate changes happen in the core, which knows nothing of profitability: triggers mark those
 * deals in `ds_dirty`, and this sweep (every second, in every process but ROLE=api, one deal per transaction
 * with FOR UPDATE SKIP LOCKED so several workers share the work) re-evaluates them — notifications, timeline and
 * `project.thresholdCrossed` included. Reads of a project's profitability evaluate a dirty deal first, so the
 * figures and the badge are always current; the sweep makes sure nobody has to look for the alert to fire.
 */
@Injectable()
export class DirtySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DigitalStudioSweeper');
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly db: PluginDatabase,
    private readonly services: PluginServices,
    private readonly alerts: AlertsService,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env['ROLE'] === 'api' || process.env['AUTOMATION_WORKER'] === 'off') return;
    this.timer = setInterval(() => void this.sweep(), 1000);
    this.timer.unref?.();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Evaluates dirty deals until none is left (or `max`); returns how many. */
  async sweep(max = 500): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let n = 0;
    try {
      while (n < max && (await this.one())) n++;
    } catch (err) {
      this.logger.error(`re-evaluating a project failed: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
    return n;
  }

  private one(): Promise<boolean> {
    return this.db.transaction(async () => {
      const [d] = await this.db.returning(
        `DELETE FROM ds_dirty WHERE deal_id = (SELECT deal_id FROM ds_dirty ORDER BY marked_at, deal_id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING deal_id, portal_id`,
      );
      if (!d) return false;
      await this.services.asPortal(d.portal_id, () => this.alerts.evaluate(d.deal_id));
      return true;
    });
  }
}
