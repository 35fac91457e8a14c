import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { RulesService } from '../automation/rules.service';
import { FieldsService } from '../crm/fields/fields.service';
import { PipelinesService } from '../crm/pipelines/pipelines.service';
import { PLUGIN_CATALOG } from './plugin-descriptor';
import type { PluginDescriptor } from './plugin-descriptor';
import { PluginInstallations } from './plugin-installations';
import { dependentsOf, installOrder } from './plugin-order';
import { defaultSettings, settingsProblems } from './plugin-settings';

/** One line of an install plan or report: what is (or would be) created, widened, re-enabled, or left alone. */
export interface PlanStep {
  plugin: string;
  kind: 'pipeline' | 'stage' | 'field' | 'automation' | 'plugin';
  action: 'create' | 'update' | 'enable' | 'conflict' | 'install' | 'upgrade';
  code: string;
  [key: string]: unknown;
}

interface InstalledRow {
  plugin_id: string;
  version: string;
  status: string;
  settings: Record<string, unknown>;
}

class DryRunRollback extends Error {}

/**
 * The plugin host: lists the catalog with each plugin's state on this portal, installs a plugin with its
 * dependencies in one transaction (never touching what the portal owns: a colliding code is reported as a
 * conflict), uninstalls by archiving and disabling (or purging), and keeps each plugin's settings.
 */
@Injectable()
export class MarketplaceService {
  private readonly catalog: Map<string, PluginDescriptor>;

  constructor(
    @Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[],
    private readonly db: Db,
    private readonly pipelines: PipelinesService,
    private readonly fields: FieldsService,
    private readonly rules: RulesService,
    private readonly installations: PluginInstallations,
  ) {
    this.catalog = new Map(plugins.map((p) => [p.id, p]));
  }

  async list() {
    const installed = await this.installed();
    return [...this.catalog.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => {
        const row = installed.get(p.id);
        const on = row?.status === 'installed';
        return { id: p.id, name: p.name, version: p.version, summary: p.summary ?? '', category: p.category ?? 'other', dependsOn: p.dependsOn ?? [], installed: on, installedVersion: on ? row.version : null };
      });
  }

  isInstalled(pluginId: string, portalId = RequestContext.portalId()): Promise<boolean> {
    return this.installations.isInstalled(portalId, pluginId);
  }

  async install(id: string, opts: { dryRun?: boolean } = {}): Promise<{ installed: string[]; steps: PlanStep[] } | { plan: PlanStep[] }> {
    const order = installOrder(this.catalog, id);
    const steps: PlanStep[] = [];
    try {
      await this.db.transaction(async () => {
        await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`plugins:${RequestContext.portalId()}`]);
        const installed = await this.installed();
        for (const plugin of order) steps.push(...(await this.apply(plugin, installed.get(plugin.id), !!opts.dryRun)));
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
      return { plan: steps };
    }
    return { installed: order.map((p) => p.id), steps };
  }

  async uninstall(id: string, opts: { purge?: boolean } = {}): Promise<{ uninstalled: string[]; kept: PlanStep[] }> {
    if (!this.catalog.has(id)) throw new NotFoundError('Plugin', id, 'plugin_not_found');
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`plugins:${RequestContext.portalId()}`]);
      const installed = await this.installed();
      if (installed.get(id)?.status !== 'installed') throw new NotFoundError('Plugin', id, 'plugin_not_installed');
      const on = new Set([...installed.values()].filter((r) => r.status === 'installed').map((r) => r.plugin_id));
      const dependents = dependentsOf(this.catalog, on, id);
      if (dependents.length) throw new ConflictError('plugin_required_by', `Installed plugins depend on ${id}: ${dependents.join(', ')}`, dependents as never);
      const portalId = RequestContext.portalId();
      await this.db.query(
        `UPDATE automation_runs SET status = 'cancelled', reason = 'the plugin was uninstalled', finished_at = clock_timestamp()
          WHERE status = 'scheduled' AND rule_id IN (SELECT id FROM automation_rules WHERE portal_id = $1 AND plugin_id = $2)`,
        [portalId, id],
      );
      const kept: PlanStep[] = [];
      if (opts.purge) {
        await this.db.query(`DELETE FROM automation_rules WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
        const busy = await this.db.query<{ code: string }>(
          `UPDATE pipelines p SET archived = true WHERE portal_id = $1 AND plugin_id = $2 AND EXISTS (SELECT 1 FROM deals d WHERE d.pipeline_id = p.id) RETURNING code`,
          [portalId, id],
        );
        for (const row of busy) kept.push({ plugin: id, kind: 'pipeline', action: 'update', code: row.code, reason: 'archived, not deleted: it still has deals' });
        await this.db.query(`DELETE FROM pipelines p WHERE portal_id = $1 AND plugin_id = $2 AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.pipeline_id = p.id)`, [portalId, id]);
        await this.db.query(`DELETE FROM field_defs WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
        await this.db.query(`DELETE FROM portal_plugins WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
      } else {
        await this.db.query(`UPDATE automation_rules SET enabled = false, updated_at = clock_timestamp() WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
        await this.db.query(`UPDATE pipelines SET archived = true WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
        await this.db.query(`UPDATE portal_plugins SET status = 'uninstalled', updated_at = clock_timestamp() WHERE portal_id = $1 AND plugin_id = $2`, [portalId, id]);
      }
      return { uninstalled: [id], kept };
    });
  }

  async settings(id: string) {
    const plugin = this.catalog.get(id);
    if (!plugin) throw new NotFoundError('Plugin', id, 'plugin_not_found');
    const row = (await this.installed()).get(id);
    if (row?.status !== 'installed') throw new NotFoundError('Plugin', id, 'plugin_not_installed');
    return { settings: { ...defaultSettings(plugin.settings), ...row.settings }, schema: plugin.settings ?? {} };
  }

  async updateSettings(id: string, patch: unknown) {
    const plugin = this.catalog.get(id);
    if (!plugin) throw new NotFoundError('Plugin', id, 'plugin_not_found');
    await this.settings(id);
    const problems = settingsProblems(patch, plugin.settings);
    if (problems.length) throw new ValidationFailedError(problems);
    const values = Object.entries(patch as Record<string, unknown>);
    await this.db.query(
      `UPDATE portal_plugins SET settings = (settings || $3::jsonb) - $4::text[], updated_at = clock_timestamp() WHERE portal_id = $1 AND plugin_id = $2`,
      [RequestContext.portalId(), id, JSON.stringify(Object.fromEntries(values.filter(([, v]) => v !== null))), values.filter(([, v]) => v === null).map(([k]) => k)],
    );
    return this.settings(id);
  }

  private async installed(): Promise<Map<string, InstalledRow>> {
    const rows = await this.db.query<InstalledRow>(`SELECT plugin_id, version, status, settings FROM portal_plugins WHERE portal_id = $1`, [RequestContext.portalId()]);
    return new Map(rows.map((r) => [r.plugin_id, r]));
  }

  /** One plugin's install data: fields, then pipelines (their rules may need the fields), then automation rules. */
  private async apply(plugin: PluginDescriptor, row: InstalledRow | undefined, dryRun: boolean): Promise<PlanStep[]> {
    const steps: PlanStep[] = [];
    const portalId = RequestContext.portalId();
    const mark = (s: { kind: string; action: string; code: string; [k: string]: unknown }) => steps.push({ ...s, plugin: plugin.id } as PlanStep);
    const conflict = (kind: PlanStep['kind'], code: string, owner: string | null) =>
      mark({ kind, action: 'conflict', code, reason: owner ? `the plugin ${owner} already has a ${kind} with this code` : `the portal has its own ${kind} with this code; it is left as it is` });

    const data = plugin.install ?? {};
    for (const field of data.fields ?? []) {
      const [existing] = await this.db.query(`SELECT plugin_id FROM field_defs WHERE portal_id = $1 AND entity = $2 AND code = $3`, [portalId, field.entity, field.code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('field', field.code, existing.plugin_id);
        continue;
      }
      for (const s of await this.fields.install(field, { dryRun, path: `${plugin.id}.fields.${field.code}` })) mark(s as never);
      if (!existing && !dryRun) await this.db.query(`UPDATE field_defs SET plugin_id = $4 WHERE portal_id = $1 AND entity = $2 AND code = $3`, [portalId, field.entity, field.code, plugin.id]);
    }
    const plannedDealFields = (data.fields ?? []).filter((f) => f.entity === 'deal').map((f) => f.code);
    for (const pipeline of data.pipelines ?? []) {
      const [existing] = await this.db.query(`SELECT plugin_id, archived FROM pipelines WHERE portal_id = $1 AND code = $2`, [portalId, pipeline.code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('pipeline', pipeline.code, existing.plugin_id);
        continue;
      }
      for (const s of await this.pipelines.install(pipeline, { dryRun, plannedDealFields, path: `${plugin.id}.pipelines.${pipeline.code}` })) mark(s as never);
      if (existing?.archived) mark({ kind: 'pipeline', action: 'enable', code: pipeline.code });
      if (!dryRun) await this.db.query(`UPDATE pipelines SET plugin_id = $3, archived = false WHERE portal_id = $1 AND code = $2`, [portalId, pipeline.code, plugin.id]);
    }
    for (const rule of data.automations ?? []) {
      const code = String(rule['code']);
      const [existing] = await this.db.query(`SELECT id, plugin_id, enabled FROM automation_rules WHERE portal_id = $1 AND code = $2`, [portalId, code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('automation', code, existing.plugin_id);
        continue;
      }
      if (!existing) {
        mark({ kind: 'automation', action: 'create', code });
        if (!dryRun) await this.rules.create(rule, plugin.id);
      } else if (!existing.enabled) {
        mark({ kind: 'automation', action: 'enable', code });
        if (!dryRun) await this.rules.update(existing.id, { enabled: true });
      }
    }
    const upgrade = row?.status === 'installed' && row.version !== plugin.version;
    if (!row || row.status !== 'installed' || upgrade) mark({ kind: 'plugin', action: upgrade ? 'upgrade' : 'install', code: plugin.id, version: plugin.version, from: row?.version ?? null });
    if (!dryRun) {
      await this.db.query(
        `INSERT INTO portal_plugins (portal_id, plugin_id, version, status, settings) VALUES ($1, $2, $3, 'installed', '{}')
         ON CONFLICT (portal_id, plugin_id) DO UPDATE SET version = EXCLUDED.version, status = 'installed', updated_at = clock_timestamp()`,
        [portalId, plugin.id, plugin.version],
      );
    }
    return steps;
  }
}
