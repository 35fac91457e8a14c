import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { JOB_QUEUE } from '../jobs/job-queue.port';
import type { JobQueue } from '../jobs/job-queue.port';
import { TimelineService } from '../crm/timeline/timeline.service';
import { ActionServicesFactory } from './action-services';
import type { RunScope } from './action-services';
import { AutomationRegistry } from './automation-registry';
import type { DealFacts, StoredRule } from './automation.types';
import { nextWorkingMoment, startOfNextWorkingDay, applyDelay } from './calendar';
import type { BusinessCalendar } from './calendar';
import { describeFailed, evaluate } from './conditions';
import { DealFactsLoader } from './deal-facts.loader';
import { WORKER } from './worker-id';
import { PortalCalendarService } from './portal-calendar.service';
import { ruleFromRow } from './rules.service';
import { PluginInstallations } from '../marketplace/plugin-installations';
import { RunPlanner } from './run-planner';
import { Clock } from '../common/clock';

export const RUN_JOB = 'automation.runs';
export const DELIVERY_JOB = 'automation.deliveries';
const MAX_ATTEMPTS = 3;
const MAX_REPETITIONS = 5000;
const CHUNK = 50;
const DEAL_GONE = 'the deal no longer exists';

interface RunRow {
  id: string;
  portal_id: string;
  rule_id: string;
  deal_id: string | null;
  occurrence: string;
  status: string;
  due_at: Date;
  event: Record<string, any>;
  repetition: number;
  attempts: number;
}

type Outcome = { status: 'done'; result: Record<string, unknown> } | { status: 'skipped'; reason: string };

/** Thrown for a run that should stop now, not be retried (bad data, refused move). */
class PermanentFailure extends Error {}

/**
 * Executes a run exactly once: the run row is claimed with FOR UPDATE SKIP LOCKED and everything the run does
 * in the database — tasks, deal changes, the next repetition, the run's own status — commits in one
 * transaction. A crash rolls it all back and the run is retried whole. External effects (e-mail, SMS,
 * webhooks) are only queued in that transaction and delivered after it, once (see DeliveryService).
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('Automation');

  constructor(
    private readonly db: Db,
    private readonly registry: AutomationRegistry,
    private readonly facts: DealFactsLoader,
    private readonly calendar: PortalCalendarService,
    private readonly planner: RunPlanner,
    private readonly services: ActionServicesFactory,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly installations: PluginInstallations,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Hands runs (already `running`) to the queue in chunks. */
  async enqueue(ids: string[], delayMs = 0): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await this.queue.add(RUN_JOB, { ids: chunk }, { jobId: `run:${chunk[0]}:${Date.now()}`, delayMs, attempts: 1 });
    }
  }

  async enqueueDeliveries(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await this.queue.add(DELIVERY_JOB, { ids: chunk }, { jobId: `delivery:${chunk[0]}:${Date.now()}`, attempts: 1 });
    }
  }

  /**
   * Runs a chunk in one transaction, each run behind its own savepoint: one commit for the chunk instead of
   * one per run, and a run that fails rolls back alone. If the chunk cannot commit, the runs go one by one.
   */
  async executeMany(ids: string[]): Promise<string[]> {
    if (ids.length === 1) return this.execute(ids[0]);
    const heads = (await this.heads(ids)).filter((h) => h.status === 'running');
    if (!heads.length) return [];
    const deliveries: string[] = [];
    const follow: string[] = [];
    const failures: { id: string; err: Error }[] = [];
    const rules = new Map<string, StoredRule>();
    try {
      await this.db.transaction(async (em) => {
        for (const h of heads) {
          await RequestContext.asPortal(h.portal_id, async () => {
            const mine: string[] = [];
            const spawned: string[] = [];
            await em.query('SAVEPOINT automation_run');
            try {
              await this.claimAndRun(h.id, mine, (x) => spawned.push(...x), rules);
              await em.query('RELEASE SAVEPOINT automation_run');
              deliveries.push(...mine);
              follow.push(...spawned);
            } catch (err) {
              await em.query('ROLLBACK TO SAVEPOINT automation_run');
              failures.push({ id: h.id, err: err as Error });
            }
          }, undefined, [], this.clockOf(h));
        }
      });
    } catch (err) {
      this.logger.warn(`a chunk of ${heads.length} runs could not commit (${(err as Error).message}); running them one by one`);
      const one: string[] = [];
      for (const h of heads) one.push(...(await this.execute(h.id)));
      return one;
    }
    for (const f of failures) {
      const h = heads.find((x) => x.id === f.id);
      await RequestContext.asPortal(h?.portal_id ?? '', () => this.failed(f.id, f.err), undefined, [], h ? this.clockOf(h) : undefined);
    }
    if (follow.length) await this.enqueue(follow);
    return deliveries;
  }

  /** Runs one run if it is still due to run here; returns the deliveries it queued. */
  async execute(id: string): Promise<string[]> {
    const [head] = await this.heads([id]);
    if (!head || head.status !== 'running') return [];
    return RequestContext.asPortal(head.portal_id, () => this.executeInPortal(id), undefined, [], this.clockOf(head));
  }

  /** By primary key only: a status filter lets the planner pick a partial status index and scan it. */
  private heads(ids: string[]): Promise<{ id: string; status: string; portal_id: string; sandbox: boolean; clock_now: Date | null }[]> {
    return this.db.dataSource.query(
      `SELECT r.id, r.status, r.portal_id, p.sandbox, p.clock_now FROM automation_runs r JOIN portals p ON p.id = r.portal_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  private clockOf(head: { sandbox: boolean; clock_now: Date | null }): Date | undefined {
    return head.sandbox && head.clock_now ? head.clock_now : undefined;
  }

  private async executeInPortal(id: string): Promise<string[]> {
    const scopeDeliveries: string[] = [];
    let follow: string[] = [];
    try {
      const claimed = await this.db.transaction(() => this.claimAndRun(id, scopeDeliveries, (ids) => (follow = follow.concat(ids))));
      if (!claimed) return [];
    } catch (err) {
      await this.failed(id, err as Error);
      return [];
    }
    if (follow.length) await this.enqueue(follow);
    return scopeDeliveries;
  }

  /** Inside a transaction: locks the run (skipping one another worker holds), runs it, records the outcome. */
  private async claimAndRun(id: string, deliveries: string[], spawn: (ids: string[]) => void, rules = new Map<string, StoredRule>()): Promise<boolean> {
    const [run] = await this.db.query<RunRow>(`SELECT * FROM automation_runs WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id]);
    if (!run || run.status !== 'running') return false;
    let rule = rules.get(run.rule_id);
    if (!rule) {
      const [ruleRow] = await this.db.query(`SELECT * FROM automation_rules WHERE id = $1`, [run.rule_id]);
      rule = ruleFromRow(ruleRow);
      rules.set(rule.id, rule);
    }
    const outcome = await this.run(run, rule, deliveries, spawn);
    await this.finish(run, rule, outcome);
    return true;
  }

  private async run(run: RunRow, rule: StoredRule, deliveries: string[], spawn: (ids: string[]) => void): Promise<Outcome> {
    if (!rule.enabled) return { status: 'skipped', reason: 'the rule is disabled' };
    const now = this.clock.now();
    const cal = await this.calendar.forPortal(run.portal_id);
    const sandbox = !!RequestContext.current()?.clockNow;

    if (rule.trigger.type === 'schedule' && !run.deal_id) {
      await this.planner.planCron(rule, new Date(run.due_at), cal, sandbox);
      if (rule.trigger['pipeline']) return { status: 'done', result: { deals: await this.fanOut(run, rule, sandbox, spawn) } };
    }

    let deal: DealFacts | null = null;
    if (run.deal_id) {
      deal = await this.facts.load(run.deal_id);
      if (!deal) return { status: 'skipped', reason: DEAL_GONE };
      const delayed = run.event['delayed'] || run.repetition > 0 || rule.trigger.type === 'date.reached';
      const trigger = this.registry.trigger(rule.trigger.type);
      const gone = delayed && trigger?.stillHolds ? trigger.stillHolds(rule.trigger, deal, run.event) : null;
      if (gone) return { status: 'skipped', reason: gone };
    }

    const extra = deal ? this.facts.extra(deal.id) : null;
    if (rule.conditions.length) {
      if (!deal || !extra) return { status: 'skipped', reason: 'conditions need a deal' };
      const failed = describeFailed(await evaluate(rule.conditions, deal, extra));
      if (failed) return { status: 'skipped', reason: failed };
    }

    if (rule.repeat && run.repetition > 0 && !run.event['resumed'] && rule.repeat.until?.length && deal && extra) {
      const untilHolds = !describeFailed(await evaluate(rule.repeat.until, deal, extra));
      if (untilHolds) {
        const resume = this.resumeAt(cal, now, rule.repeat.resumeAfterBusinessDays ?? 1);
        await this.repeatAt(run, rule, resume, true);
        return { status: 'skipped', reason: `the repeat condition holds: paused until ${resume.toISOString()}` };
      }
    }

    const results: Record<string, unknown>[] = [];
    for (const [i, action] of rule.actions.entries()) {
      const type = this.registry.action(action.type);
      if (!type) throw new PermanentFailure(`actions[${i}]: the action type "${action.type}" is not available (plugin uninstalled?)`);
      if (type.needsDeal !== false && !deal) throw new PermanentFailure(`actions[${i}]: ${action.type} needs a deal`);
      const owner = this.registry.ownerOf('action', action.type);
      if (owner && !(await this.installations.isInstalled(run.portal_id, owner))) {
        throw new PermanentFailure(`actions[${i}]: ${action.type} comes with the plugin ${owner}, which this portal has not installed`);
      }
      const scope: RunScope = { portalId: run.portal_id, runId: run.id, ruleCode: rule.code, deal, now, cal, actionIndex: i, deliveries };
      try {
        const result = await type.execute(action, {
          portalId: run.portal_id,
          rule,
          runId: run.id,
          idempotencyKey: `${run.id}:${i}`,
          deal,
          event: run.event,
          now,
          services: this.services.create(scope),
        });
        results.push({ type: action.type, ...(result ?? {}) });
      } catch (err) {
        const message = `actions[${i}] ${action.type}: ${(err as Error).message}`;
        if (err instanceof DomainError || err instanceof PermanentFailure) throw new PermanentFailure(message);
        throw new Error(message);
      }
      // A later action sees what an earlier one changed (a field set, a stage move).
      if (deal && i < rule.actions.length - 1) deal = (await this.facts.load(deal.id)) ?? deal;
    }

    if (rule.repeat && deal) {
      const next = nextWorkingMoment(cal, new Date(now.getTime() + rule.repeat.everyMinutes * 60_000));
      await this.repeatAt(run, rule, next, false);
    }
    return { status: 'done', result: { actions: results } };
  }

  private resumeAt(cal: BusinessCalendar, now: Date, days: number): Date {
    let at = startOfNextWorkingDay(cal, now);
    if (days > 1) at = applyDelay(cal, at, { businessDays: days - 1 });
    return at;
  }

  private async repeatAt(run: RunRow, rule: StoredRule, at: Date, resumed: boolean): Promise<void> {
    if (run.repetition + 1 > MAX_REPETITIONS) return;
    const base = run.occurrence.split('#')[0];
    await this.planner.insert([
      {
        portalId: run.portal_id,
        ruleId: rule.id,
        dealId: run.deal_id,
        occurrence: `${base}#${run.repetition + 1}`,
        dueAt: at,
        sandbox: !!RequestContext.current()?.clockNow,
        status: 'scheduled',
        repetition: run.repetition + 1,
        event: { ...run.event, resumed, delayed: true },
      },
    ]);
  }

  /** A schedule rule over a stage: one run per deal there, each with its own idempotency key. */
  private async fanOut(run: RunRow, rule: StoredRule, sandbox: boolean, spawn: (ids: string[]) => void): Promise<number> {
    const deals = await this.db.query<{ id: string }>(
      `SELECT d.id FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
        WHERE d.portal_id = $1 AND (p.code = $2 OR p.id::text = $2) AND ($3::text IS NULL OR s.code = $3 OR s.id::text = $3) LIMIT 10000`,
      [run.portal_id, rule.trigger['pipeline'], rule.trigger['stage'] ?? null],
    );
    const ids = await this.planner.insert(
      deals.map((d) => ({ portalId: run.portal_id, ruleId: rule.id, dealId: d.id, occurrence: run.occurrence, dueAt: new Date(run.due_at), sandbox, status: 'running' as const, event: run.event })),
    );
    spawn(ids);
    return deals.length;
  }

  /** The run's outcome and its timeline entry, in one statement. */
  private async finish(run: RunRow, rule: StoredRule, outcome: Outcome): Promise<void> {
    const dealGone = outcome.status === 'skipped' && outcome.reason === DEAL_GONE;
    const entry = {
      runId: run.id,
      ruleId: rule.id,
      ruleCode: rule.code,
      ruleName: rule.name,
      status: outcome.status,
      ...(outcome.status === 'skipped' ? { reason: outcome.reason } : { actions: (outcome.result['actions'] as unknown[]) ?? [] }),
    };
    await this.db.query(
      `WITH finished AS (
         UPDATE automation_runs SET status = $2, reason = $3, result = $4, attempts = attempts + 1, finished_at = clock_timestamp(), updated_at = clock_timestamp(), error = NULL, worker = $5
          WHERE id = $1 RETURNING portal_id, deal_id
       )
       INSERT INTO timeline (portal_id, entity, entity_id, kind, data)
       SELECT portal_id, 'deal', deal_id, 'automation_run', $6 FROM finished WHERE deal_id IS NOT NULL AND $7::boolean`,
      [run.id, outcome.status, outcome.status === 'skipped' ? outcome.reason : null, outcome.status === 'done' ? outcome.result : null, WORKER, JSON.stringify(entry), !dealGone],
    );
  }

  /** A failed attempt (called in the run's portal context): retried with backoff when it may pass next time, else recorded as failed. */
  private async failed(id: string, err: Error): Promise<void> {
    const permanent = err instanceof PermanentFailure;
    this.logger.warn(`run ${id} failed${permanent ? '' : ' (will retry)'}: ${err.message}`);
    const next = await this.db.transaction(async () => {
      const [run] = await this.db.returning<RunRow & { rule_code: string; rule_name: string }>(
        `UPDATE automation_runs r SET attempts = attempts + 1, error = $2, updated_at = clock_timestamp(),
                status = CASE WHEN $3::boolean OR attempts + 1 >= $4 THEN 'failed' ELSE 'running' END,
                finished_at = CASE WHEN $3::boolean OR attempts + 1 >= $4 THEN clock_timestamp() ELSE NULL END
           FROM automation_rules ru
          -- status || '' keeps the planner on the primary key (not the partial status index)
          WHERE r.id = $1 AND ru.id = r.rule_id AND r.status || '' = 'running'
          RETURNING r.*, ru.code AS rule_code, ru.name AS rule_name`,
        [id, err.message.slice(0, 2000), permanent, MAX_ATTEMPTS],
      );
      if (!run) return null;
      if (run.status === 'failed' && run.deal_id) {
        await this.timeline.add('deal', run.deal_id, 'automation_run', { runId: run.id, ruleId: run.rule_id, ruleCode: run.rule_code, ruleName: run.rule_name, status: 'failed', error: err.message, attempts: run.attempts });
      }
      return run;
    });
    if (next?.status === 'running') await this.enqueue([id], 1000 * 2 ** (next.attempts - 1));
  }
}
