import { Controller, Get, Query } from '@nestjs/common';
import { Clock, PluginDatabase, PluginInstallations, PluginRoute, PortalContext, Roles, ValidationFailedError } from '@portal/plugin-sdk';
import { foldDeltas, formatHours, lockPortal, poolMembers } from './loads';
import { loadSettings } from './settings';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller('load-balancer')
@PluginRoute('load-balancer')
export class LoadsController {
  constructor(
    private readonly db: PluginDatabase,
    private readonly installations: PluginInstallations,
    private readonly clock: Clock,
  ) {}

  /** Each member's current load (of a department, or everyone), least loaded first; admins and heads only. */
  @Get('loads')
  @Roles('admin', 'head')
  async loads(@Query('departmentId') departmentId?: string) {
    const portalId = PortalContext.portalId();
    if (departmentId !== undefined && departmentId !== '') {
      if (!UUID_RE.test(departmentId)) throw ValidationFailedError.field('departmentId', 'must be a department id');
      const [dep] = await this.db.query(`SELECT 1 FROM departments WHERE portal_id = $1 AND id = $2`, [portalId, departmentId]);
      if (!dep) throw ValidationFailedError.field('departmentId', `Department ${departmentId} does not exist in this portal`);
    }
    const s = loadSettings(await this.installations.settingsOf(portalId, 'load-balancer'));
    const [{ today }] = await this.db.query(`SELECT to_char(($2::timestamptz AT TIME ZONE p.timezone)::date, 'YYYY-MM-DD') AS today FROM portals p WHERE p.id = $1`, [portalId, this.clock.now()]);
    const query = (sql: string, params: unknown[]) => this.db.query(sql, params);
    const members = await this.db.transaction(async () => {
      await lockPortal(query, portalId);
      await foldDeltas(query, portalId);
      return poolMembers(query, portalId, { departmentId: departmentId || null }, today, s, { everyone: true });
    });
    return members.map((m) => ({
        userId: m.userId,
        name: m.name,
        load: formatHours(m.loadMinutes),
        loadMinutes: m.loadMinutes,
        openTasks: m.openTasks,
        openDeals: m.openDeals,
        absent: m.absent,
        atCapacity: m.atCapacity,
        capacity: m.capacityMinutes === null ? null : formatHours(m.capacityMinutes),
        active: m.active,
        eligible: m.skip === null,
      }));
  }
}
