import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

/** Which plugins a portal has installed: the one reader of `portal_plugins` for everything outside the host. */
@Injectable()
export class PluginInstallations {
  constructor(private readonly db: Db) {}

  async isInstalled(portalId: string, pluginId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM portal_plugins WHERE portal_id = $1 AND plugin_id = $2 AND status = 'installed'`, [portalId, pluginId]);
    return rows.length > 0;
  }

  /** For a batch of portals at once: a set of `portalId:pluginId`. */
  async installedIn(portalIds: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ k: string }>(`SELECT portal_id || ':' || plugin_id AS k FROM portal_plugins WHERE status = 'installed' AND portal_id = ANY($1::uuid[])`, [portalIds]);
    return new Set(rows.map((r) => r.k));
  }
}
