import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db';
import { AUTOMATION_EXTENSIONS } from '../../automation/automation.types';
import type { AutomationExtensions } from '../../automation/automation.types';
import { PortalCalendarService } from '../../automation/portal-calendar.service';
import { isWithinWorkingHours, localDate } from '../../automation/calendar';
import { PluginInstallations } from '../../marketplace/plugin-installations';
import { PLUGIN_CATALOG } from '../../marketplace/plugin-descriptor';
import type { PluginDescriptor } from '../../marketplace/plugin-descriptor';
import type { AssignmentDecision, AssignmentRequest, AssignmentStrategy } from './assignment.types';
import { roundRobin } from './round-robin.strategy';

export interface StrategyDecision extends AssignmentDecision {
  strategy: string;
}

/**
 * The named assignment strategies: core's `round-robin` and those plugins contribute (e.g. the
 * load-balancer's `least-loaded`). A plugin's strategy is available only on portals that installed it.
 * Used by automation rules (`assignee: "strategy:<name>"`) and by pipelines' `assignment` setting.
 */
@Injectable()
export class AssignmentStrategies {
  private readonly strategies = new Map<string, { pick: AssignmentStrategy; pluginId?: string }>([['round-robin', { pick: roundRobin }]]);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: PortalCalendarService,
    private readonly installations: PluginInstallations,
    @Optional() @Inject(AUTOMATION_EXTENSIONS) extensions: AutomationExtensions[] | null,
    @Optional() @Inject(PLUGIN_CATALOG) private readonly catalog: PluginDescriptor[] | null,
  ) {
    for (const ext of extensions ?? []) {
      for (const [name, pick] of Object.entries(ext.assignmentStrategies ?? {})) {
        if (this.strategies.has(name)) throw new Error(`Assignment strategy ${name} is registered twice`);
        this.strategies.set(name, { pick: pick as AssignmentStrategy, pluginId: ext.pluginId });
      }
    }
  }

  names(): string[] {
    return [...this.strategies.keys()];
  }

  /** Registered, and (for a plugin's) installed on the portal. */
  async isAvailable(portalId: string, name: string): Promise<boolean> {
    const s = this.strategies.get(name);
    if (!s) return false;
    return !s.pluginId || this.installations.isInstalled(portalId, s.pluginId);
  }

  /** Runs the strategy in the caller's transaction; null when it is not available here. */
  async decide(name: string, req: Pick<AssignmentRequest, 'portalId' | 'target' | 'deal' | 'pool'>): Promise<StrategyDecision | null> {
    const entry = this.strategies.get(name);
    if (!entry) return null;
    // One read tells both whether a plugin's strategy is installed here and its settings.
    const settings = entry.pluginId ? await this.installations.installedSettings(req.portalId, entry.pluginId) : {};
    if (!settings) return null;
    let pool = req.pool;
    if (pool.requiresCourseId) {
      const passers = await this.coursePassers(req.portalId, pool.requiresCourseId);
      if (passers === null) return { strategy: name, userId: null, reason: 'the pool requires a passed course, but no installed plugin keeps training results (install Training)' };
      if (!passers.length) return { strategy: name, userId: null, reason: 'nobody in the pool has passed the required course yet' };
      pool = { ...pool, userIds: passers };
    }
    const now = this.clock.now();
    const cal = await this.calendars.forPortal(req.portalId);
    const result = await entry.pick({
      ...req,
      pool,
      settings,
      now,
      today: localDate(cal, now),
      workingNow: isWithinWorkingHours(cal, now),
      query: (sql, params) => this.db.query(sql, params),
    });
    if (result === null || result === undefined) return { strategy: name, userId: null, reason: 'nobody in the pool could take it' };
    if (typeof result === 'string') return { strategy: name, userId: result, reason: name };
    return { strategy: name, ...result };
  }

  /** The portal's active users who passed the course, per the installed plugins that keep training results; null when none does. */
  private async coursePassers(portalId: string, courseId: string): Promise<string[] | null> {
    const keepers = [];
    for (const p of this.catalog ?? []) if (p.coursePassers && (await this.installations.isInstalled(portalId, p.id))) keepers.push(p);
    if (!keepers.length) return null;
    const users = (await this.db.query<{ id: string }>(`SELECT id FROM users WHERE portal_id = $1 AND active AND deleted_at IS NULL`, [portalId])).map((u) => u.id);
    const ctx = { portalId, query: (sql: string, params: unknown[] = []) => this.db.query(sql, params) };
    const passed = new Set<string>();
    for (const p of keepers) for (const id of await p.coursePassers!(ctx, courseId, users)) passed.add(id);
    return users.filter((id) => passed.has(id));
  }
}
