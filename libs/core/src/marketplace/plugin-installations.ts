import { Inject, Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { PLUGIN_CATALOG } from './plugin-descriptor';
import type { PluginDescriptor } from './plugin-descriptor';
import { effectiveSettings } from './plugin-settings';

/** Which plugins a portal has installed, and their settings: the one reader of `portal_plugins` outside the host. */
@Injectable()
export class PluginInstallations {
  private readonly catalog: Map<string, PluginDescriptor>;

  constructor(
    private readonly db: Db,
    @Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[],
  ) {
    this.catalog = new Map(plugins.map((p) => [p.id, p]));
  }

  async isInstalled(portalId: string, pluginId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM portal_plugins WHERE portal_id = $1 AND plugin_id = $2 AND status = 'installed'`, [portalId, pluginId]);
    return rows.length > 0;
  }

  /** For a batch of portals at once: a set of `portalId:pluginId`. */
  async installedIn(portalIds: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ k: string }>(`SELECT portal_id || ':' || plugin_id AS k FROM portal_plugins WHERE status = 'installed' AND portal_id = ANY($1::uuid[])`, [portalIds]);
    return new Set(rows.map((r) => r.k));
  }

  /** The plugin's settings on the portal: the schema's defaults overlaid with what the admin set. */
  async settingsOf(portalId: string, pluginId: string): Promise<Record<string, unknown>> {
    const [row] = await this.db.query<{ settings: Record<string, unknown> }>(`SELECT settings FROM portal_plugins WHERE portal_id = $1 AND plugin_id = $2`, [portalId, pluginId]);
    return effectiveSettings(this.catalog.get(pluginId)?.settings, row?.settings);
  }

  /** In one query: the plugin's settings on the portal when it is installed there, else null. */
  async installedSettings(portalId: string, pluginId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query<{ settings: Record<string, unknown> }>(
      `SELECT settings FROM portal_plugins WHERE portal_id = $1 AND plugin_id = $2 AND status = 'installed'`,
      [portalId, pluginId],
    );
    return row ? effectiveSettings(this.catalog.get(pluginId)?.settings, row.settings) : null;
  }
}
