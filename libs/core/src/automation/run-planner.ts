import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Db } from '../database/db';
import type { StoredRule } from './automation.types';
import { applyDelay } from './calendar';
import type { BusinessCalendar } from './calendar';
import { isZeroDelay, nextCronTime } from './rule-validator';

export interface NewRun {
  portalId: string;
  ruleId: string;
  dealId: string | null;
  /** With rule and record, the idempotency key: planning the same occurrence twice creates one run. */
  occurrence: string;
  dueAt: Date;
  sandbox: boolean;
  event: Record<string, unknown>;
  repetition?: number;
  /** `running`: handed to a worker by the caller; `pending`: the sweeper hands it over; `scheduled`: a durable timer fired at dueAt. */
  status: 'running' | 'pending' | 'scheduled';
}

const DAY_MS = 86_400_000;

/** Turns "when" into run rows: the one writer of automation_runs inserts, so every path shares the key. */
@Injectable()
export class RunPlanner {
  constructor(private readonly db: Db) {}

  /** When a rule triggered at `at` should run: its delay on the portal's business calendar. */
  dueAfter(rule: Pick<StoredRule, 'delay'>, at: Date, cal: BusinessCalendar): Date {
    return isZeroDelay(rule.delay) ? at : applyDelay(cal, at, rule.delay ?? {});
  }

  /** Inserts runs, skipping occurrences that exist; returns the ids of the new `running` ones, for the caller to enqueue. */
  async insert(runs: NewRun[]): Promise<string[]> {
    if (!runs.length) return [];
    const rows = await this.db.query<{ id: string; status: string }>(
      `INSERT INTO automation_runs (portal_id, rule_id, deal_id, occurrence, status, sandbox, due_at, event, repetition, started_at)
       SELECT r.portal_id, r.rule_id, r.deal_id, r.occurrence, r.status, r.sandbox, r.due_at, r.event, r.repetition, CASE WHEN r.status = 'running' THEN clock_timestamp() END
         FROM jsonb_to_recordset($1::jsonb) AS r(portal_id uuid, rule_id uuid, deal_id uuid, occurrence text, status text, sandbox boolean, due_at timestamptz, event jsonb, repetition int)
       ON CONFLICT DO NOTHING
       RETURNING id, status`,
      [
        JSON.stringify(
          runs.map((r) => ({
            portal_id: r.portalId,
            rule_id: r.ruleId,
            deal_id: r.dealId,
            occurrence: r.occurrence,
            status: r.status,
            sandbox: r.sandbox,
            due_at: r.dueAt.toISOString(),
            event: r.event,
            repetition: r.repetition ?? 0,
          })),
        ),
      ],
    );
    return rows.filter((r) => r.status === 'running').map((r) => r.id);
  }

  /** The moment a `date.reached` rule fires for a field value; null when that moment has long passed. */
  dateDue(rule: StoredRule, value: unknown, now: Date, cal: BusinessCalendar): Date | null {
    if (typeof value !== 'string' || !value) return null;
    const offsetDays = Number((rule.trigger['offset'] as { days?: number } | undefined)?.days ?? 0);
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: cal.timezone }).startOf('day') : DateTime.fromISO(value, { zone: cal.timezone });
    if (!parsed.isValid) return null;
    const base = parsed.plus({ days: offsetDays }).toJSDate();
    const due = this.dueAfter(rule, base, cal);
    if (due.getTime() < now.getTime() - DAY_MS) return null;
    return due.getTime() < now.getTime() ? now : due;
  }

  /**
   * (Re)plans a `date.reached` rule for one deal: the run for the current value stays or is created, runs
   * planned for an earlier value are cancelled.
   */
  async planDate(rule: StoredRule, dealId: string, value: unknown, now: Date, cal: BusinessCalendar, sandbox: boolean): Promise<string[]> {
    const occurrence = `date:${String(value ?? '')}`;
    await this.db.query(
      `UPDATE automation_runs SET status = 'cancelled', reason = $4, finished_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE rule_id = $1 AND deal_id = $2 AND status = 'scheduled' AND occurrence <> $3`,
      [rule.id, dealId, occurrence, `the field "${rule.trigger['field']}" changed: re-planned`],
    );
    const due = this.dateDue(rule, value, now, cal);
    if (!due) return [];
    const pending = due.getTime() <= now.getTime();
    return this.insert([{ portalId: rule.portalId, ruleId: rule.id, dealId, occurrence, dueAt: due, sandbox, status: pending ? 'pending' : 'scheduled', event: { type: 'date.reached', field: rule.trigger['field'], value } }]);
  }

  /** The next occurrence of a `schedule` rule after `after`. */
  async planCron(rule: StoredRule, after: Date, cal: BusinessCalendar, sandbox: boolean): Promise<void> {
    const due = nextCronTime(String(rule.trigger['cron']), after, cal.timezone);
    await this.insert([{ portalId: rule.portalId, ruleId: rule.id, dealId: null, occurrence: `cron:${due.toISOString()}`, dueAt: due, sandbox, status: 'scheduled', event: { type: 'schedule', at: due.toISOString() } }]);
  }

  async cancelScheduled(ruleId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE automation_runs SET status = 'cancelled', reason = $2, finished_at = clock_timestamp(), updated_at = clock_timestamp() WHERE rule_id = $1 AND status = 'scheduled'`,
      [ruleId, reason],
    );
  }
}
