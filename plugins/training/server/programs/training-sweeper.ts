import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PluginDatabase, PluginInstallations, PluginServices, TestClockListeners } from '@portal/plugin-sdk';
import { PORTAL_NOW } from '../people';
import { trainingSettings } from '../settings';
import { sqlOf } from '../sql';
import { syncEnrolments } from './enrolments';
import { notifyOverdue } from './overdue';

const EVERY_MS = 5000;

/**
 * The background side of programs, every few seconds in every process but ROLE=api: for each portal with the plugin
 * and at least one assignment, by that portal's clock (a sandbox's test clock), enrols the people who came to match
 * an assignment since (so a new trainee's due date starts when they arrive, even if they never open the training
 * section) and sends the overdue notices that fell due. One portal per transaction; `sweep()` can be awaited (tests do, instead of waiting).
 */
@Injectable()
export class TrainingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TrainingSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: PluginDatabase,
    private readonly installations: PluginInstallations,
    private readonly services: PluginServices,
    testClock: TestClockListeners,
  ) {
    // A sandbox's test clock moving past a due date shows the overdue notices at once.
    testClock.add(async (portalId, now) => {
      if (await this.installations.isInstalled(portalId, 'training')) await this.sweepPortal(portalId, now);
    });
  }

  onApplicationBootstrap(): void {
    if (process.env['ROLE'] === 'api' || process.env['AUTOMATION_WORKER'] === 'off') return;
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref?.();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A fresh pass over every portal (after the one running, if any); returns how many overdue notices went out. */
  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private tick(): void {
    if (!this.running) void this.sweep();
  }

  private async pass(): Promise<number> {
    let sent = 0;
    let portals: { id: string; now: Date }[];
    try {
      portals = await this.db.query(
        `SELECT p.id, ${PORTAL_NOW} AS now FROM portal_plugins pp JOIN portals p ON p.id = pp.portal_id
          WHERE pp.plugin_id = 'training' AND pp.status = 'installed' AND EXISTS (SELECT 1 FROM tr_assignments a WHERE a.portal_id = p.id)`,
      );
    } catch (err) {
      this.logger.error(`training sweep failed: ${(err as Error).message}`);
      return 0;
    }
    for (const portal of portals) {
      try {
        sent += await this.sweepPortal(portal.id, new Date(portal.now));
      } catch (err) {
        this.logger.error(`training sweep of portal ${portal.id} failed: ${(err as Error).message}`);
      }
    }
    return sent;
  }

  /**
   * One portal as of `now` (its clock): enrolments brought up to date, then the overdue notices; returns how many
   * went out. What a sandbox's test clock should call after each advance (see the README's note on the test clock).
   */
  sweepPortal(portalId: string, now: Date): Promise<number> {
    return this.services.asPortal(portalId, () =>
      this.db.transaction(async () => {
        const sql = sqlOf((s, params) => this.db.query(s, params ?? []));
        await syncEnrolments(sql, portalId, now);
        const settings = trainingSettings(await this.installations.settingsOf(portalId, 'training'));
        return settings.overdueNotify ? notifyOverdue(sql, this.services, portalId, now) : 0;
      }),
    );
  }
}
