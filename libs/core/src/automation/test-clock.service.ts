import { Injectable } from '@nestjs/common';
import { TestClockListeners } from '../common/test-clock-listeners';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { DeliveryService } from './delivery.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { RunExecutor } from './run-executor.service';

const MAX_ADVANCE_DAYS = 400;
const MAX_STEPS = 200_000;
const SETTLE_TIMEOUT_MS = 60_000;

/**
 * A sandbox portal's own clock (Stripe-style test clocks): frozen until advanced. Advancing walks through
 * every timer that falls due on the way, in order, with the clock set to each one's moment, and returns
 * once everything that became due — runs, the events they cause, deliveries — has finished.
 */
@Injectable()
export class TestClockService {
  constructor(
    private readonly db: Db,
    private readonly dispatcher: OutboxDispatcher,
    private readonly executor: RunExecutor,
    private readonly deliveries: DeliveryService,
    private readonly listeners: TestClockListeners,
  ) {}

  async now(): Promise<{ now: string }> {
    return { now: (await this.clock()).toISOString() };
  }

  async advance(body: { minutes?: unknown; days?: unknown; to?: unknown }): Promise<{ now: string; fired: number }> {
    const start = await this.clock();
    const target = this.target(start, body ?? {});
    const portalId = RequestContext.portalId();
    let now = start;
    let fired = 0;
    await this.settle(portalId);
    for (let step = 0; step < MAX_STEPS; step++) {
      const [next] = await this.db.dataSource.query<{ due: Date | null }[]>(
        `SELECT min(due_at) AS due FROM automation_runs WHERE portal_id = $1 AND sandbox AND status = 'scheduled' AND due_at <= $2`,
        [portalId, target],
      );
      if (!next?.due) break;
      if (next.due.getTime() > now.getTime()) now = new Date(next.due);
      await this.setClock(portalId, now);
      const ids = await this.db.returning<{ id: string }>(
        `UPDATE automation_runs SET status = 'running', started_at = clock_timestamp(), updated_at = clock_timestamp()
          WHERE portal_id = $1 AND sandbox AND status = 'scheduled' AND due_at <= $2 RETURNING id`,
        [portalId, now],
        true,
      );
      fired += ids.length;
      await this.runInline(ids.map((r) => r.id));
      await this.settle(portalId);
    }
    await this.setClock(portalId, target);
    await this.settle(portalId);
    await this.listeners.notify(portalId, target);
    await this.settle(portalId);
    return { now: target.toISOString(), fired };
  }

  private async clock(): Promise<Date> {
    const [row] = await this.db.dataSource.query<{ sandbox: boolean; clock_now: Date | null }[]>(`SELECT sandbox, clock_now FROM portals WHERE id = $1`, [RequestContext.portalId()]);
    if (!row?.sandbox) throw new NotFoundError('Test clock', undefined, 'not_found');
    return row.clock_now ?? new Date();
  }

  private target(start: Date, body: { minutes?: unknown; days?: unknown; to?: unknown }): Date {
    const given = ['minutes', 'days', 'to'].filter((k) => body[k as keyof typeof body] !== undefined);
    if (given.length !== 1) throw ValidationFailedError.field('body', 'give exactly one of minutes, days or to');
    let target: Date;
    if (body.to !== undefined) {
      target = typeof body.to === 'string' ? new Date(body.to) : new Date(NaN);
      if (Number.isNaN(target.getTime()) || !/[T ]\d{2}:\d{2}/.test(String(body.to))) throw ValidationFailedError.field('to', 'must be an ISO 8601 timestamp with an offset');
      if (target.getTime() < start.getTime()) throw ValidationFailedError.field('to', 'a test clock only moves forward');
    } else {
      const key = given[0] as 'minutes' | 'days';
      const n = body[key];
      if (!Number.isInteger(n) || (n as number) < 0) throw ValidationFailedError.field(key, 'must be a whole non-negative number');
      target = new Date(start.getTime() + (n as number) * (key === 'days' ? 86_400_000 : 60_000));
    }
    if (target.getTime() - start.getTime() > MAX_ADVANCE_DAYS * 86_400_000) throw ValidationFailedError.field(given[0], `a single advance moves at most ${MAX_ADVANCE_DAYS} days`);
    return target;
  }

  private async setClock(portalId: string, now: Date): Promise<void> {
    await this.db.dataSource.query(`UPDATE portals SET clock_now = $2 WHERE id = $1`, [portalId, now]);
  }

  private async runInline(ids: string[]): Promise<void> {
    const deliveries = await this.executor.executeMany(ids);
    await this.deliveries.deliverMany(deliveries);
  }

  /** Until the portal has nothing left to do now: no undispatched events, no runs or deliveries in flight. */
  private async settle(portalId: string): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      let worked = false;
      for (;;) {
        const { events, runIds } = await this.dispatcher.dispatchBatch(portalId);
        if (!events) break;
        worked = true;
        await this.runInline(runIds);
      }
      const ready = await this.db.returning<{ id: string }>(
        `UPDATE automation_runs SET status = 'running', started_at = clock_timestamp(), updated_at = clock_timestamp()
          WHERE portal_id = $1 AND status = 'pending' RETURNING id`,
        [portalId],
        true,
      );
      const running = await this.db.dataSource.query<{ id: string }[]>(`SELECT id FROM automation_runs WHERE portal_id = $1 AND status = 'running'`, [portalId]);
      const ids = [...new Set([...ready, ...running].map((r) => r.id))];
      if (ids.length) {
        worked = true;
        await this.runInline(ids);
      }
      const due = await this.deliveries.dueIds(portalId);
      if (due.length) {
        worked = true;
        await this.deliveries.deliverMany(due);
      }
      const [left] = await this.db.dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM outbox WHERE portal_id = $1 AND dispatched_at IS NULL)
              + (SELECT count(*) FROM automation_runs WHERE portal_id = $1 AND status IN ('pending', 'running'))
              + (SELECT count(*) FROM automation_deliveries WHERE portal_id = $1 AND status IN ('pending', 'sending')) AS n`,
        [portalId],
      );
      if (Number(left.n) === 0) return;
      if (!worked) await new Promise((r) => setTimeout(r, 50));
    }
  }
}
