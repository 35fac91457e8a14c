import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { DomainEvents } from '../events/domain-events';
import { AutomationRegistry } from './automation-registry';
import type { StoredRule, TriggerEvent } from './automation.types';
import { PortalCalendarService } from './portal-calendar.service';
import { ruleFromRow } from './rules.service';
import { PluginInstallations } from '../marketplace/plugin-installations';
import { RunPlanner } from './run-planner';
import type { NewRun } from './run-planner';
import { isZeroDelay } from './rule-validator';

const BATCH = 500;

interface OutboxRow {
  id: string;
  portal_id: string;
  type: string;
  aggregate: string;
  aggregate_id: string;
  payload: Record<string, any>;
  occurred_at: Date;
}

/**
 * Turns committed domain events into runs. A batch of outbox rows is claimed with FOR UPDATE SKIP LOCKED
 * (so any number of dispatchers share the outbox) and marked dispatched in the same transaction that
 * inserts the runs it triggers: an event is planned once, and a crash plans it again from scratch.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(
    private readonly db: Db,
    private readonly registry: AutomationRegistry,
    private readonly planner: RunPlanner,
    private readonly calendar: PortalCalendarService,
    private readonly installations: PluginInstallations,
  ) {}

  /** Dispatches one batch; returns the runs that are due now (already `running`, to be enqueued). */
  async dispatchBatch(portalId?: string): Promise<{ events: number; runIds: string[] }> {
    return this.db.transaction(async () => {
      const events = await this.db.returning<OutboxRow>(
        `WITH batch AS (
           SELECT id FROM outbox WHERE dispatched_at IS NULL AND ($2::uuid IS NULL OR portal_id = $2) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET dispatched_at = clock_timestamp() FROM batch WHERE o.id = batch.id
         RETURNING o.id, o.portal_id, o.type, o.aggregate, o.aggregate_id, o.payload, COALESCE(o.occurred_at, o.created_at) AS occurred_at`,
        [BATCH, portalId ?? null],
      );
      if (!events.length) return { events: 0, runIds: [] };
      events.sort((a, b) => Number(a.id) - Number(b.id));
      const portals = [...new Set(events.map((e) => e.portal_id))];
      const rules = (await this.db.query(`SELECT * FROM automation_rules WHERE enabled AND portal_id = ANY($1::uuid[])`, [portals])).map(ruleFromRow);
      const sandbox = new Map(
        (await this.db.query<{ id: string; sandbox: boolean }>(`SELECT id, sandbox FROM portals WHERE id = ANY($1::uuid[])`, [portals])).map((p) => [p.id, p.sandbox]),
      );
      const installed = await this.installations.installedIn(portals);
      const runs: NewRun[] = [];
      const batch = events.map((row) => this.toEvent(row));
      await this.housekeeping(batch);
      for (const event of batch) {
        const portalRules = rules.filter((r) => r.portalId === event.portalId);
        for (const rule of portalRules) {
          const trigger = this.registry.trigger(rule.trigger.type);
          const owner = this.registry.ownerOf('trigger', rule.trigger.type);
          if (owner && !installed.has(`${event.portalId}:${owner}`)) continue;
          if (trigger?.events.includes(event.type) && trigger.matches(rule.trigger, event)) {
            runs.push(await this.runFor(rule, event, sandbox.get(event.portalId) ?? false));
          }
          if (rule.trigger.type === 'date.reached' && event.dealId) await this.replanDate(rule, event, sandbox.get(event.portalId) ?? false);
        }
      }
      const runIds = await this.planner.insert(runs);
      return { events: events.length, runIds };
    });
  }

  private toEvent(row: OutboxRow): TriggerEvent {
    const dealId = row.aggregate === 'deal' ? row.aggregate_id : ((row.payload['dealId'] as string | undefined) ?? null);
    return { id: row.id, type: row.type, portalId: row.portal_id, dealId, payload: row.payload, occurredAt: new Date(row.occurred_at) };
  }

  private async runFor(rule: StoredRule, event: TriggerEvent, sandbox: boolean): Promise<NewRun> {
    const cal = await this.calendar.forPortal(rule.portalId);
    const immediate = isZeroDelay(rule.delay);
    const dueAt = this.planner.dueAfter(rule, event.occurredAt, cal);
    return {
      portalId: rule.portalId,
      ruleId: rule.id,
      dealId: event.dealId,
      occurrence: `event:${event.id}`,
      dueAt,
      sandbox,
      status: immediate ? 'running' : 'scheduled',
      event: { type: event.type, eventId: event.id, occurredAt: event.occurredAt.toISOString(), delayed: !immediate, ...event.payload },
    } as NewRun;
  }

  /**
   * Timers the batch's events make pointless, in two statements for the whole batch: a deal that left a stage
   * skips the stage's pending timers (with the reason in the run log and on the timeline), a deleted deal
   * cancels all of its own. Runs before this batch's new runs are inserted.
   */
  private async housekeeping(events: TriggerEvent[]): Promise<void> {
    const left = events.filter((e) => e.dealId && e.type === DomainEvents.StageLeft);
    if (left.length) {
      await this.db.query(
        `WITH l AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS l(portal_id, deal_id, stage_id, stage_code)),
         skipped AS (
           UPDATE automation_runs r SET status = 'skipped', reason = 'the deal left the stage "' || l.stage_code || '" before the delay ended',
                  finished_at = clock_timestamp(), updated_at = clock_timestamp()
             FROM l
            WHERE r.deal_id = l.deal_id AND r.portal_id = l.portal_id AND r.status = 'scheduled' AND r.event->>'type' = 'stage.entered' AND r.event->>'stageId' = l.stage_id
           RETURNING r.id, r.portal_id, r.rule_id, r.deal_id, r.reason
         )
         INSERT INTO timeline (portal_id, entity, entity_id, kind, data)
         SELECT s.portal_id, 'deal', s.deal_id, 'automation_run', jsonb_build_object('runId', s.id, 'ruleId', s.rule_id, 'ruleCode', ru.code, 'ruleName', ru.name, 'status', 'skipped', 'reason', s.reason)
           FROM skipped s JOIN automation_rules ru ON ru.id = s.rule_id`,
        [left.map((e) => e.portalId), left.map((e) => e.dealId), left.map((e) => String(e.payload['stageId'])), left.map((e) => String(e.payload['stageCode']))],
      );
    }
    const deleted = events.filter((e) => e.dealId && e.type === DomainEvents.DealDeleted);
    if (deleted.length) {
      await this.db.query(
        `UPDATE automation_runs r SET status = 'cancelled', reason = 'the deal was deleted', finished_at = clock_timestamp()
           FROM unnest($1::uuid[], $2::uuid[]) AS d(portal_id, deal_id)
          WHERE r.deal_id = d.deal_id AND r.portal_id = d.portal_id AND r.status = 'scheduled'`,
        [deleted.map((e) => e.portalId), deleted.map((e) => e.dealId)],
      );
    }
  }

  /** `date.reached` follows its field: planned when a deal gets a value, re-planned when it changes. */
  private async replanDate(rule: StoredRule, event: TriggerEvent, sandbox: boolean): Promise<void> {
    const field = String(rule.trigger['field']);
    let value: unknown;
    if (event.type === DomainEvents.DealCreated) {
      const [row] = await this.db.query(`SELECT fields->>$2 AS v FROM deals WHERE id = $1`, [event.dealId, field]);
      value = row?.v;
      if (value === undefined || value === null) return;
    } else if (event.type === DomainEvents.FieldChanged && (event.payload['field'] === field || event.payload['field'] === `fields.${field}`)) {
      value = event.payload['to'];
    } else return;
    const cal = await this.calendar.forPortal(rule.portalId);
    await this.planner.planDate(rule, event.dealId as string, value, event.occurredAt, cal, sandbox);
  }
}
