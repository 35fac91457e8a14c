import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { Db } from '../database/db';
import { BUILT_IN_ROLES } from '../identity/roles';
import { AutomationRegistry } from './automation-registry';
import { AssignmentStrategies } from '../crm/assignment/assignment-strategies';
import { ChannelProvidersRegistry } from '../extensions/channel-providers.registry';
import type { RuleCheckContext, RuleDefinition, StoredRule } from './automation.types';
import { PortalCalendarService } from './portal-calendar.service';
import { PluginInstallations } from '../marketplace/plugin-installations';
import { RunPlanner } from './run-planner';
import { validateRule } from './rule-validator';

export interface RuleView extends RuleDefinition {
  id: string;
  pluginId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface RuleRow {
  id: string;
  portal_id: string;
  code: string;
  name: string;
  enabled: boolean;
  trigger: StoredRule['trigger'];
  delay: StoredRule['delay'];
  conditions: StoredRule['conditions'];
  actions: StoredRule['actions'];
  repeat: StoredRule['repeat'];
  plugin_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function ruleFromRow(r: RuleRow): StoredRule {
  return {
    id: r.id,
    portalId: r.portal_id,
    code: r.code,
    name: r.name,
    enabled: r.enabled,
    trigger: r.trigger,
    delay: r.delay,
    conditions: r.conditions ?? [],
    actions: r.actions,
    repeat: r.repeat,
    pluginId: r.plugin_id,
  };
}

const view = (r: RuleRow): RuleView => {
  const { portalId: _p, ...rule } = ruleFromRow(r);
  return { ...rule, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
};

/** Rules are data: validated against the registries and the portal on every save, then (re)planned. */
@Injectable()
export class RulesService {
  constructor(
    private readonly db: Db,
    private readonly registry: AutomationRegistry,
    private readonly strategies: AssignmentStrategies,
    private readonly channels: ChannelProvidersRegistry,
    private readonly planner: RunPlanner,
    private readonly calendar: PortalCalendarService,
    private readonly clock: Clock,
    private readonly installations: PluginInstallations,
  ) {}

  async list(query: { enabled?: string; trigger?: string } = {}): Promise<{ items: RuleView[]; nextCursor: null }> {
    const rows = await this.db.query<RuleRow>(
      `SELECT * FROM automation_rules WHERE portal_id = $1 AND ($2::boolean IS NULL OR enabled = $2) AND ($3::text IS NULL OR trigger_type = $3) ORDER BY created_at, code`,
      [RequestContext.portalId(), query.enabled === undefined ? null : query.enabled === 'true', query.trigger ?? null],
    );
    return { items: rows.map(view), nextCursor: null };
  }

  async get(ref: string): Promise<RuleView> {
    return view(await this.row(ref));
  }

  async stored(ref: string): Promise<StoredRule> {
    return ruleFromRow(await this.row(ref));
  }

  async create(body: unknown, pluginId: string | null = null): Promise<RuleView> {
    // A plugin's own install data may use its own trigger and action types: the host records the plugin as
    // installed only after its install data.
    const rule = await this.validated(body, pluginId);
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`rule:${RequestContext.portalId()}:${rule.code}`]);
      const [taken] = await this.db.query(`SELECT 1 FROM automation_rules WHERE portal_id = $1 AND code = $2`, [RequestContext.portalId(), rule.code]);
      if (taken) throw new ConflictError('code_taken', `A rule with the code "${rule.code}" exists`, [{ field: 'code' }]);
      const [row] = await this.db.query<RuleRow>(
        `INSERT INTO automation_rules (portal_id, code, name, enabled, trigger_type, trigger, delay, conditions, actions, repeat, plugin_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [RequestContext.portalId(), rule.code, rule.name, rule.enabled, rule.trigger.type, rule.trigger, rule.delay, JSON.stringify(rule.conditions), JSON.stringify(rule.actions), rule.repeat, pluginId],
      );
      await this.replan(ruleFromRow(row), null);
      return view(row);
    });
  }

  /** A PATCH merges over the stored rule; the whole result is validated again. */
  async update(ref: string, patch: unknown, pluginId: string | null = null): Promise<RuleView> {
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw ValidationFailedError.field('body', 'the body must be a JSON object');
    return this.db.transaction(async () => {
      const current = await this.row(ref, true);
      const before = ruleFromRow(current);
      const { id: _i, portalId: _p, pluginId: _pl, ...definition } = before;
      const rule = await this.validated({ ...definition, ...(patch as object) }, pluginId);
      if (rule.code !== before.code) {
        const [taken] = await this.db.query(`SELECT 1 FROM automation_rules WHERE portal_id = $1 AND code = $2 AND id <> $3`, [RequestContext.portalId(), rule.code, before.id]);
        if (taken) throw new ConflictError('code_taken', `A rule with the code "${rule.code}" exists`, [{ field: 'code' }]);
      }
      const [row] = await this.db.returning<RuleRow>(
        `UPDATE automation_rules SET code = $2, name = $3, enabled = $4, trigger_type = $5, trigger = $6, delay = $7, conditions = $8, actions = $9, repeat = $10, updated_at = clock_timestamp()
          WHERE id = $1 RETURNING *`,
        [before.id, rule.code, rule.name, rule.enabled, rule.trigger.type, rule.trigger, rule.delay, JSON.stringify(rule.conditions), JSON.stringify(rule.actions), rule.repeat],
      );
      await this.replan(ruleFromRow(row), before);
      return view(row);
    });
  }

  async remove(ref: string): Promise<void> {
    await this.db.transaction(async () => {
      const row = await this.row(ref, true);
      await this.db.query(`DELETE FROM automation_rules WHERE id = $1`, [row.id]);
    });
  }

  /** Everything rule validation asks the portal, answered from its pipelines, fields and users. */
  checkContext(installing: string | null = null): RuleCheckContext {
    const portalId = RequestContext.portalId();
    return {
      pipelineExists: async (ref) => (await this.db.query(`SELECT 1 FROM pipelines WHERE portal_id = $1 AND (code = $2 OR id::text = $2)`, [portalId, ref])).length > 0,
      stageExists: async (pipeline, stage) =>
        (
          await this.db.query(
            `SELECT 1 FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
              WHERE p.portal_id = $1 AND (s.code = $3 OR s.id::text = $3) AND ($2::text IS NULL OR p.code = $2 OR p.id::text = $2)`,
            [portalId, pipeline, stage],
          )
        ).length > 0,
      dealFieldType: async (code) => (await this.db.query(`SELECT type FROM field_defs WHERE portal_id = $1 AND entity = 'deal' AND code = $2`, [portalId, code]))[0]?.type ?? null,
      userExists: async (id) => isUuid(id) && (await this.db.query(`SELECT 1 FROM users WHERE portal_id = $1 AND id = $2 AND deleted_at IS NULL`, [portalId, id])).length > 0,
      roleExists: (role) => (BUILT_IN_ROLES as readonly string[]).includes(role),
      assignmentStrategyExists: (name) => this.strategies.isAvailable(portalId, name),
      channelProblem: (channel) => this.channels.unavailability(portalId, channel),
      pluginInstalled: async (id) => id === installing || this.installations.isInstalled(portalId, id),
    };
  }

  private async validated(body: unknown, installing: string | null = null): Promise<RuleDefinition> {
    const { rule, problems } = await validateRule(body, this.registry, this.checkContext(installing));
    if (!rule) throw new ValidationFailedError(problems);
    return rule;
  }

  /** Time-based rules plan their runs on save; a disabled rule's planned runs are cancelled. */
  private async replan(rule: StoredRule, before: StoredRule | null): Promise<void> {
    const timing = JSON.stringify([rule.trigger, rule.delay, rule.enabled]);
    const changed = !before || JSON.stringify([before.trigger, before.delay, before.enabled]) !== timing;
    if (!changed) return;
    if (before) await this.planner.cancelScheduled(rule.id, rule.enabled ? 'the rule changed: re-planned' : 'the rule was disabled');
    if (!rule.enabled) return;
    const cal = await this.calendar.forPortal(rule.portalId);
    const now = this.clock.now();
    const [portal] = await this.db.query<{ sandbox: boolean }>(`SELECT sandbox FROM portals WHERE id = $1`, [rule.portalId]);
    if (rule.trigger.type === 'schedule') await this.planner.planCron(rule, now, cal, portal.sandbox);
    if (rule.trigger.type === 'date.reached') {
      const field = String(rule.trigger['field']);
      const deals = await this.db.query<{ id: string; value: string }>(`SELECT id, fields->>$2 AS value FROM deals WHERE portal_id = $1 AND fields ? $2 AND fields->>$2 IS NOT NULL`, [rule.portalId, field]);
      for (const d of deals) await this.planner.planDate(rule, d.id, d.value, now, cal, portal.sandbox);
    }
  }

  private async row(ref: string, forUpdate = false): Promise<RuleRow> {
    const [row] = await this.db.query<RuleRow>(
      `SELECT * FROM automation_rules WHERE portal_id = $1 AND (${isUuid(ref) ? 'id = $2::uuid' : 'code = $2'})${forUpdate ? ' FOR UPDATE' : ''}`,
      [RequestContext.portalId(), ref],
    );
    if (!row) throw new NotFoundError('Automation rule', ref);
    return row;
  }
}
