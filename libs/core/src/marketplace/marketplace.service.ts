import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { RulesService } from '../automation/rules.service';
import { FieldsService } from '../crm/fields/fields.service';
import { PipelinesService } from '../crm/pipelines/pipelines.service';
import { localizePipeline } from '../crm/pipelines/pipeline-definition';
import { PLUGIN_CATALOG } from './plugin-descriptor';
import type { PluginDataContext, PluginDescriptor } from './plugin-descriptor';
import { InstallProgress } from './install-progress';
import { PluginDemoContextFactory } from './plugin-demo';
import { compareVersions } from './semver';
import { PluginInstallations } from './plugin-installations';
import { dependentsOf, installOrder } from './plugin-order';
import { effectiveSettings, settingsProblems } from './plugin-settings';

/** One line of an install plan or report: what is (or would be) created, widened, re-enabled, or left alone. */
export interface PlanStep {
  plugin: string;
  kind: 'pipeline' | 'stage' | 'field' | 'automation' | 'plugin' | 'migration' | 'demo' | 'data';
  action: 'create' | 'update' | 'enable' | 'conflict' | 'install' | 'upgrade' | 'apply';
  code: string;
  [key: string]: unknown;
}

interface InstalledRow {
  plugin_id: string;
  version: string;
  status: string;
  settings: Record<string, unknown>;
  demo_added_at: Date | null;
}

class DryRunRollback extends Error {}

/** The pipeline codes a rule names in its trigger and actions. */
function pipelinesOfRule(rule: Record<string, unknown>): string[] {
  const trigger = rule['trigger'] as Record<string, unknown> | undefined;
  const actions = Array.isArray(rule['actions']) ? (rule['actions'] as Record<string, unknown>[]) : [];
  return [trigger?.['pipeline'], ...actions.map((a) => a?.['pipeline'])].filter((p): p is string => typeof p === 'string');
}

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
    private readonly progress: InstallProgress,
    private readonly demoContext: PluginDemoContextFactory,
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
        return {
          id: p.id,
          name: p.name,
          version: p.version,
          summary: p.summary ?? '',
          category: p.category ?? 'other',
          dependsOn: p.dependsOn ?? [],
          installed: on,
          installedVersion: on ? row.version : null,
          translations: p.translations ?? {},
        };
      });
  }

  /** The portal UI contributions of the plugins this portal has installed, for the portal shell. */
  async ui() {
    const installed = await this.installed();
    return [...this.catalog.values()].filter((p) => p.ui && installed.get(p.id)?.status === 'installed').map((p) => ({ plugin: p.id, ...p.ui }));
  }

  isInstalled(pluginId: string, portalId = RequestContext.portalId()): Promise<boolean> {
    return this.installations.isInstalled(portalId, pluginId);
  }

  /**
   * Installs (or upgrades) a plugin and its dependencies, dependencies first, in one transaction. `demo` adds
   * the plugins' demo records (only on sandbox portals unless `demoOnLive`); `installId` names the progress
   * stream a portal may already be listening to.
   */
  async install(
    id: string,
    opts: { dryRun?: boolean; demo?: boolean; demoOnLive?: boolean; installId?: string } = {},
  ): Promise<{ installed: string[]; steps: PlanStep[]; installId: string } | { plan: PlanStep[] }> {
    const order = installOrder(this.catalog, id);
    const portalId = RequestContext.portalId();
    if (opts.demo && !opts.demoOnLive) {
      const [portal] = await this.db.query<{ sandbox: boolean }>(`SELECT sandbox FROM portals WHERE id = $1`, [portalId]);
      if (!portal?.sandbox) {
        throw new UnprocessableError('demo_needs_sandbox', 'Demo data goes only to sandbox portals; pass demoOnLive=true to add it to this live portal anyway', [
          { field: 'demo', message: 'this portal is not a sandbox' },
        ]);
      }
    }
    const steps: PlanStep[] = [];
    const progress = opts.dryRun ? null : this.progress.begin(portalId, opts.installId);
    try {
      await this.db.transaction(async () => {
        await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`plugins:${portalId}`]);
        const installed = await this.installed();
        const total = order.reduce((n, p) => n + this.workOf(p, !!opts.demo), 0);
        let done = 0;
        const tick = (plugin: string, step: string) => progress?.report(plugin, step, ++done, total);
        for (const plugin of order) steps.push(...(await this.apply(plugin, installed.get(plugin.id), !!opts.dryRun, !!opts.demo, tick)));
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      progress?.end(false);
      if (!(err instanceof DryRunRollback)) throw err;
      return { plan: steps };
    }
    progress!.end(true);
    return { installed: order.map((p) => p.id), steps, installId: progress!.id };
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
      const plugin = this.catalog.get(id)!;
      if (plugin.onUninstall) {
        await plugin.onUninstall(this.dataContext(portalId, plugin, installed.get(id)?.settings));
      }
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
    return { settings: effectiveSettings(plugin.settings, row.settings), schema: plugin.settings ?? {} };
  }

  async updateSettings(id: string, patch: unknown) {
    const plugin = this.catalog.get(id);
    if (!plugin) throw new NotFoundError('Plugin', id, 'plugin_not_found');
    await this.settings(id);
    const problems = settingsProblems(patch, plugin.settings);
    if (problems.length) throw new ValidationFailedError(problems);
    const values = Object.entries(patch as Record<string, unknown>);
    const portalId = RequestContext.portalId();
    await this.db.transaction(async () => {
      await this.db.query(
        `UPDATE portal_plugins SET settings = (settings || $3::jsonb) - $4::text[], updated_at = clock_timestamp() WHERE portal_id = $1 AND plugin_id = $2`,
        [portalId, id, JSON.stringify(Object.fromEntries(values.filter(([, v]) => v !== null))), values.filter(([, v]) => v === null).map(([k]) => k)],
      );
      if (plugin.onSettingsChanged) {
        await plugin.onSettingsChanged(this.dataContext(portalId, plugin, await this.installations.settingsOf(portalId, id)));
      }
    });
    return this.settings(id);
  }

  /** What hooks, migrations and demo data get: the portal, the plugin's settings there, SQL in the open transaction. */
  private dataContext(portalId: string, plugin: PluginDescriptor, stored: Record<string, unknown> | undefined): PluginDataContext {
    return { portalId, pluginId: plugin.id, settings: effectiveSettings(plugin.settings, stored), query: (sql, params = []) => this.db.query(sql, params) };
  }

  private async installed(): Promise<Map<string, InstalledRow>> {
    const rows = await this.db.query<InstalledRow>(`SELECT plugin_id, version, status, settings, demo_added_at FROM portal_plugins WHERE portal_id = $1`, [RequestContext.portalId()]);
    return new Map(rows.map((r) => [r.plugin_id, r]));
  }

  /** One plugin's install data: fields, then pipelines (their rules may need the fields), then automation rules. */
  /** Units of work of one plugin's install, for the progress bar. */
  private workOf(plugin: PluginDescriptor, demo: boolean): number {
    const data = plugin.install ?? {};
    return (data.fields?.length ?? 0) + (data.pipelines?.length ?? 0) + (data.automations?.length ?? 0) + (plugin.migrations?.length ?? 0) + 1 + (demo && plugin.demo ? 1 : 0);
  }

  /**
   * Other plugins' data for a consumer (e.g. courses for `training`): the installed consumers play what `plugin`
   * ships, and when `plugin` is a consumer, it plays what every installed plugin (itself included) ships.
   */
  private async playData(plugin: PluginDescriptor): Promise<{ kind: 'data'; action: 'apply'; code: string; consumer: string }[]> {
    const portalId = RequestContext.portalId();
    const rows = await this.installed();
    const installed = [...this.catalog.values()].filter((p) => rows.get(p.id)?.status === 'installed');
    const pairs = new Map<string, { consumer: PluginDescriptor; play: NonNullable<PluginDescriptor['dataConsumers']>[string]; source: PluginDescriptor; key: string }>();
    for (const consumer of installed) {
      for (const [key, play] of Object.entries(consumer.dataConsumers ?? {})) {
        const sources = consumer.id === plugin.id ? installed : [plugin];
        for (const source of sources) if (dataOf(source, key).length) pairs.set(`${consumer.id}>${source.id}>${key}`, { consumer, play, source, key });
      }
    }
    const steps = [];
    for (const { consumer, play, source, key } of pairs.values()) {
      await play(this.dataContext(portalId, consumer, rows.get(consumer.id)?.settings), { pluginId: source.id, items: dataOf(source, key) });
      steps.push({ kind: 'data' as const, action: 'apply' as const, code: `${key}:${source.id}`, consumer: consumer.id });
    }
    return steps;
  }

  private async apply(plugin: PluginDescriptor, row: InstalledRow | undefined, dryRun: boolean, demo: boolean, tick: (plugin: string, step: string) => void): Promise<PlanStep[]> {
    const steps: PlanStep[] = [];
    const portalId = RequestContext.portalId();
    const mark = (s: { kind: string; action: string; code: string; [k: string]: unknown }) => steps.push({ ...s, plugin: plugin.id } as PlanStep);
    const conflict = (kind: PlanStep['kind'], code: string, owner: string | null) =>
      mark({ kind, action: 'conflict', code, reason: owner ? `the plugin ${owner} already has a ${kind} with this code` : `the portal has its own ${kind} with this code; it is left as it is` });

    const data = plugin.install ?? {};
    const [{ locale }] = await this.db.query<{ locale: string }>(`SELECT locale FROM portals WHERE id = $1`, [portalId]);
    const conflictedPipelines = new Set<string>();
    for (const raw of data.fields ?? []) {
      const field = { ...raw, name: raw.names?.[locale as 'uk'] ?? raw.name };
      delete field.names;
      tick(plugin.id, `field ${field.entity}.${field.code}`);
      const [existing] = await this.db.query(`SELECT plugin_id FROM field_defs WHERE portal_id = $1 AND entity = $2 AND code = $3`, [portalId, field.entity, field.code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('field', field.code, existing.plugin_id);
        continue;
      }
      for (const s of await this.fields.install(field, { dryRun, path: `${plugin.id}.fields.${field.code}` })) mark(s as never);
      if (!existing && !dryRun) await this.db.query(`UPDATE field_defs SET plugin_id = $4 WHERE portal_id = $1 AND entity = $2 AND code = $3`, [portalId, field.entity, field.code, plugin.id]);
    }
    const plannedDealFields = (data.fields ?? []).filter((f) => f.entity === 'deal').map((f) => f.code);
    for (const raw of data.pipelines ?? []) {
      const pipeline = localizePipeline(raw, locale);
      tick(plugin.id, `pipeline ${pipeline.code}`);
      const [existing] = await this.db.query(`SELECT plugin_id, archived FROM pipelines WHERE portal_id = $1 AND code = $2`, [portalId, pipeline.code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('pipeline', pipeline.code, existing.plugin_id);
        conflictedPipelines.add(pipeline.code);
        continue;
      }
      for (const s of await this.pipelines.install(pipeline, { dryRun, plannedDealFields, path: `${plugin.id}.pipelines.${pipeline.code}` })) mark(s as never);
      if (existing?.archived) mark({ kind: 'pipeline', action: 'enable', code: pipeline.code });
      if (!dryRun) await this.db.query(`UPDATE pipelines SET plugin_id = $3, archived = false WHERE portal_id = $1 AND code = $2`, [portalId, pipeline.code, plugin.id]);
    }
    for (const rule of data.automations ?? []) {
      const code = String(rule['code']);
      tick(plugin.id, `automation ${code}`);
      const [existing] = await this.db.query(`SELECT id, plugin_id, enabled FROM automation_rules WHERE portal_id = $1 AND code = $2`, [portalId, code]);
      if (existing && existing.plugin_id !== plugin.id) {
        conflict('automation', code, existing.plugin_id);
        continue;
      }
      // A rule about a pipeline the portal kept as its own would act on the portal's pipeline: left out, and said so.
      const about = pipelinesOfRule(rule).find((p) => conflictedPipelines.has(p));
      if (about !== undefined) {
        mark({ kind: 'automation', action: 'conflict', code, reason: `it is about the pipeline "${about}", which the portal has as its own; the rule is not added` });
        continue;
      }
      if (!existing) {
        mark({ kind: 'automation', action: 'create', code });
        if (!dryRun) await this.rules.create(rule, plugin.id);
      } else if (!existing.enabled) {
        mark({ kind: 'automation', action: 'enable', code });
        if (!dryRun) await this.rules.update(existing.id, { enabled: true }, plugin.id);
      }
    }
    const from = row?.version ?? null;
    const newer = from !== null && compareVersions(plugin.version, from) > 0;
    const upgrade = row?.status === 'installed' && from !== plugin.version;
    if (!row || row.status !== 'installed' || upgrade) mark({ kind: 'plugin', action: upgrade ? 'upgrade' : 'install', code: plugin.id, version: plugin.version, from });
    if (!dryRun) {
      await this.db.query(
        `INSERT INTO portal_plugins (portal_id, plugin_id, version, status, settings) VALUES ($1, $2, $3, 'installed', '{}')
         ON CONFLICT (portal_id, plugin_id) DO UPDATE SET version = EXCLUDED.version, status = 'installed', updated_at = clock_timestamp()`,
        [portalId, plugin.id, plugin.version],
      );
    }
    const ctx = this.dataContext(portalId, plugin, row?.settings);
    // Data migrations run after the install data (so they may fill what it just added): those newer than
    // the version this portal had, up to this one, in order, each once.
    const pending = newer ? [...(plugin.migrations ?? [])].filter((m) => compareVersions(m.version, from!) > 0 && compareVersions(m.version, plugin.version) <= 0) : [];
    for (const m of pending.sort((a, b) => compareVersions(a.version, b.version))) {
      tick(plugin.id, `migration ${m.version}`);
      const fresh = await this.db.query(
        `INSERT INTO plugin_data_migrations (portal_id, plugin_id, version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING version`,
        [portalId, plugin.id, m.version],
      );
      if (!fresh.length) continue;
      mark({ kind: 'migration', action: 'apply', code: m.version, description: m.description });
      if (!dryRun) await m.up(ctx);
    }
    tick(plugin.id, 'finishing');
    if (!dryRun && plugin.onInstall) await plugin.onInstall(ctx);
    if (!dryRun) for (const s of await this.playData(plugin)) mark(s);
    if (demo && plugin.demo && !row?.demo_added_at) {
      tick(plugin.id, 'demo data');
      mark({ kind: 'demo', action: 'create', code: plugin.id });
      if (!dryRun) {
        await plugin.demo(this.demoContext.create(ctx));
        await this.db.query(`UPDATE portal_plugins SET demo_added_at = clock_timestamp() WHERE portal_id = $1 AND plugin_id = $2`, [portalId, plugin.id]);
      }
    }
    return steps;
  }
}

function dataOf(plugin: PluginDescriptor, key: string): unknown[] {
  const value = (plugin.install as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value : [];
}
