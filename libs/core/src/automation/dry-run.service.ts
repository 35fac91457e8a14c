import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { Db } from '../database/db';
import { ActionServicesFactory } from './action-services';
import type { RunScope } from './action-services';
import { AutomationRegistry } from './automation-registry';
import { evaluate } from './conditions';
import { DealFactsLoader } from './deal-facts.loader';
import { PortalCalendarService } from './portal-calendar.service';
import { RulesService } from './rules.service';
import { RunPlanner } from './run-planner';
import { isZeroDelay } from './rule-validator';

class Rollback extends Error {}

/** Side effects an action performs for real even inside a rolled-back transaction: described, not run. */
const DESCRIBE_ONLY = new Set(['deal.createLinked']);

/**
 * What a rule would do to a deal now, and when its delayed part would fire — computed by running the
 * actions inside a transaction that is always rolled back, with external deliveries captured, not sent.
 */
@Injectable()
export class DryRunService {
  constructor(
    private readonly db: Db,
    private readonly rules: RulesService,
    private readonly registry: AutomationRegistry,
    private readonly facts: DealFactsLoader,
    private readonly calendar: PortalCalendarService,
    private readonly planner: RunPlanner,
    private readonly services: ActionServicesFactory,
    private readonly clock: Clock,
  ) {}

  async dryRun(ref: string, dealId: unknown) {
    const rule = await this.rules.stored(ref);
    if (typeof dealId !== 'string' || !isUuid(dealId)) throw ValidationFailedError.field('dealId', 'must be the id of a deal');
    const deal = await this.facts.load(dealId);
    if (!deal || (await this.db.query(`SELECT 1 FROM deals WHERE id = $1 AND portal_id = $2`, [dealId, RequestContext.portalId()])).length === 0) {
      throw ValidationFailedError.field('dealId', `deal ${dealId} does not exist in this portal`);
    }
    const now = this.clock.now();
    const cal = await this.calendar.forPortal();
    const conditions = (await evaluate(rule.conditions, deal, this.facts.extra(deal.id))).map((o) => ({ ...o.condition, actual: o.actual, ok: o.ok }));
    const trigger = this.registry.trigger(rule.trigger.type);
    const inStage = rule.trigger.type === 'stage.entered' ? trigger?.stillHolds?.(rule.trigger, deal, { stageId: (await this.stageId(rule.trigger['pipeline'], rule.trigger['stage'])) ?? '' }) ?? null : null;
    let firesAt: string | null = null;
    if (!isZeroDelay(rule.delay) || rule.trigger.type === 'date.reached') {
      if (rule.trigger.type === 'stage.entered') firesAt = this.planner.dueAfter(rule, deal.stageEnteredAt, cal).toISOString();
      else if (rule.trigger.type === 'date.reached') firesAt = this.planner.dateDue(rule, deal.fields[String(rule.trigger['field'])], now, cal)?.toISOString() ?? null;
      else firesAt = this.planner.dueAfter(rule, now, cal).toISOString();
    }
    const scheduled = await this.db.query(
      `SELECT id, due_at AS "dueAt", occurrence, repetition FROM automation_runs WHERE rule_id = $1 AND deal_id = $2 AND status = 'scheduled' ORDER BY due_at`,
      [rule.id, deal.id],
    );
    const failed = conditions.filter((c) => !c.ok);
    const reasons = [...(rule.enabled ? [] : ['the rule is disabled']), ...(inStage ? [inStage] : []), ...failed.map((c) => `condition ${c.field} ${c.op} does not hold`)];
    return {
      ruleId: rule.id,
      ruleCode: rule.code,
      dealId: deal.id,
      now: now.toISOString(),
      wouldRun: reasons.length === 0,
      reasons,
      firesAt,
      scheduled: scheduled.map((s) => ({ ...s, dueAt: new Date(s.dueAt).toISOString() })),
      conditions,
      actions: await this.preview(rule, deal, now, cal),
    };
  }

  private async preview(rule: Awaited<ReturnType<RulesService['stored']>>, deal: NonNullable<Awaited<ReturnType<DealFactsLoader['load']>>>, now: Date, cal: Awaited<ReturnType<PortalCalendarService['forPortal']>>) {
    const out: Record<string, unknown>[] = [];
    try {
      await this.db.transaction(async () => {
        for (const [i, action] of rule.actions.entries()) {
          const type = this.registry.action(action.type);
          const description = type?.describe?.(action) ?? action.type;
          if (!type || DESCRIBE_ONLY.has(action.type)) {
            out.push({ type: action.type, description });
            continue;
          }
          const captured: Record<string, unknown>[] = [];
          const scope: RunScope = { portalId: RequestContext.portalId(), runId: `dry-run-${rule.id}`, ruleCode: rule.code, deal, now, cal, actionIndex: i, deliveries: [] };
          const services = this.services.create(scope);
          services.deliver = async (kind, payload) => {
            captured.push({ kind, ...payload });
          };
          try {
            const result = await type.execute(action, { portalId: scope.portalId, rule, runId: scope.runId, idempotencyKey: `dry-run:${i}`, deal, event: {}, now, services });
            out.push({ type: action.type, description, ok: true, result: result ?? {}, ...(captured.length ? { deliveries: captured } : {}) });
          } catch (err) {
            out.push({ type: action.type, description, ok: false, error: err instanceof DomainError ? err.message : (err as Error).message });
          }
        }
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    return out;
  }

  private async stageId(pipeline: unknown, stage: unknown): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.portal_id = $1 AND (p.code = $2 OR p.id::text = $2) AND (s.code = $3 OR s.id::text = $3)`,
      [RequestContext.portalId(), pipeline, stage],
    );
    return row?.id ?? null;
  }
}
