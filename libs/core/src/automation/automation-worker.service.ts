import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Db } from '../database/db';
import { JOB_QUEUE } from '../jobs/job-queue.port';
import type { JobQueue } from '../jobs/job-queue.port';
import { DeliveryService } from './delivery.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { DELIVERY_JOB, RUN_JOB, RunExecutor } from './run-executor.service';

const FIRE_BATCH = 1000;
/** Runs handed to the queue and not finished yet, across all workers: beyond it, firing waits. */
const MAX_IN_FLIGHT = 5000;

/**
 * The background side of the engine, in every process but ROLE=api: dispatches the outbox, fires due
 * timers (scheduled runs) with FOR UPDATE SKIP LOCKED, executes runs and deliveries from the queue, and
 * recovers work a dead worker left behind. Sandbox portals' timers wait for their test clock.
 */
@Injectable()
export class AutomationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AutomationWorker');
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private busy = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly dispatcher: OutboxDispatcher,
    private readonly executor: RunExecutor,
    private readonly deliveries: DeliveryService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api' || process.env['AUTOMATION_WORKER'] === 'off') return;
    this.queue.process(RUN_JOB, async (data: { ids: string[] }) => {
      const deliveries = await this.executor.executeMany(data.ids);
      if (deliveries.length) await this.executor.enqueueDeliveries(deliveries);
    }, 4);
    this.queue.process(DELIVERY_JOB, (data: { ids: string[] }) => this.deliveries.deliverMany(data.ids), 4);
    this.every(100, 'dispatch', () => this.dispatchAll());
    this.every(500, 'fire', () => this.fireDue());
    this.every(1000, 'deliveries', async () => {
      const ids = await this.deliveries.dueIds();
      if (ids.length) await this.executor.enqueueDeliveries(ids);
    });
    this.every(Math.min(15, this.config.automationLeaseSeconds) * 1000, 'recover', () => this.recover());
    this.every(3_600_000, 'prune', () => this.pruneOutbox());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((t) => clearInterval(t));
  }

  /** Dispatches until the outbox is empty. */
  async dispatchAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { events, runIds } = await this.dispatcher.dispatchBatch();
      total += events;
      if (runIds.length) await this.executor.enqueue(runIds);
      if (!events || this.stopped) return total;
    }
  }

  /**
   * Fires every live portal's due timers: scheduled (and orphaned pending) runs become running and go to the
   * queue — no more than the workers can start on within a lease, so queued runs are not mistaken for stuck.
   */
  async fireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ n: inFlight }] = await this.db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM automation_runs WHERE status = 'running'`);
      const room = Math.min(FIRE_BATCH, MAX_IN_FLIGHT - inFlight);
      if (room <= 0) return total;
      // Two index-ordered picks (an OR of both would sort the whole backlog every batch).
      const rows = await this.db.returning<{ id: string }>(
        `WITH s AS (
           SELECT id FROM automation_runs WHERE status = 'scheduled' AND NOT sandbox AND due_at <= clock_timestamp()
            ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), p AS (
           SELECT id FROM automation_runs WHERE status = 'pending' AND NOT sandbox ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE automation_runs r SET status = 'running', started_at = clock_timestamp(), updated_at = clock_timestamp()
          WHERE r.id IN (SELECT id FROM s UNION ALL SELECT id FROM p)
         RETURNING r.id`,
        [room],
        true,
      );
      if (rows.length) await this.executor.enqueue(rows.map((r) => r.id));
      total += rows.length;
      if (rows.length < room || this.stopped) return total;
    }
  }

  /** Runs whose worker died (still `running` a lease after they were handed out) go to the queue again. */
  async recover(): Promise<void> {
    const rows = await this.db.returning<{ id: string }>(
      `WITH stuck AS (
         SELECT id FROM automation_runs WHERE status = 'running' AND updated_at < clock_timestamp() - make_interval(secs => $1) LIMIT 1000 FOR UPDATE SKIP LOCKED
       )
       UPDATE automation_runs r SET updated_at = clock_timestamp() FROM stuck WHERE r.id = stuck.id RETURNING r.id`,
      [this.config.automationLeaseSeconds],
      true,
    );
    if (rows.length) {
      this.logger.warn(`recovering ${rows.length} runs left running by a stopped worker`);
      await this.executor.enqueue(rows.map((r) => r.id));
    }
    await this.deliveries.expireInterrupted();
  }

  /** Dispatched events are history once a week old (the run log and the timeline keep what happened). */
  async pruneOutbox(): Promise<void> {
    await this.db.dataSource.query(
      `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE dispatched_at < clock_timestamp() - interval '7 days' LIMIT 50000)`,
    );
  }

  private every(ms: number, name: string, fn: () => Promise<unknown>): void {
    const t = setInterval(() => {
      if (this.busy.has(name) || this.stopped) return;
      this.busy.add(name);
      fn()
        .catch((err) => {
          if (!this.stopped) this.logger.error(`${name}: ${(err as Error).message}`);
        })
        .finally(() => this.busy.delete(name));
    }, ms);
    t.unref();
    this.timers.push(t);
  }
}
