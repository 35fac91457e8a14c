import { Injectable } from '@nestjs/common';
import { Clock, ForbiddenError, PluginDatabase, PluginInstallations, PortalContext } from '@portal/plugin-sdk';
import { TrainingSettings, trainingSettings } from './settings';
import { sqlOf } from './sql';
import type { Sql } from './sql';
import { isHeadOf } from './people';

export type Locale = 'uk' | 'ru' | 'en';

export interface PortalFacts {
  portalId: string;
  name: string;
  locale: Locale;
  timezone: string;
}

/** Who asks, on which portal, the portal's "now" (a sandbox portal's test clock) and the plugin's settings there. */
@Injectable()
export class TrainingContext {
  readonly sql: Sql;

  constructor(
    readonly db: PluginDatabase,
    private readonly installations: PluginInstallations,
    private readonly clock: Clock,
  ) {
    this.sql = sqlOf((sql, params) => this.db.query(sql, params ?? []));
  }

  portalId(): string {
    return PortalContext.portalId();
  }

  now(): Date {
    return this.clock.now();
  }

  userId(): string {
    const id = PortalContext.userId();
    if (!id) throw new ForbiddenError('A signed-in user is needed');
    return id;
  }

  isAdmin(): boolean {
    return PortalContext.hasRole('admin');
  }

  isHead(): boolean {
    return PortalContext.hasRole('head');
  }

  requireAdmin(what: string): void {
    if (!this.isAdmin()) throw new ForbiddenError(`Only admins can ${what}`);
  }

  async settings(): Promise<TrainingSettings> {
    return trainingSettings(await this.installations.settingsOf(this.portalId(), 'training'));
  }

  async portal(portalId = this.portalId()): Promise<PortalFacts> {
    const [row] = await this.sql.query(`SELECT name, locale, timezone FROM portals WHERE id = $1`, [portalId]);
    return { portalId, name: row.name, locale: asLocale(row.locale), timezone: row.timezone };
  }

  /** Whether the caller may see `userId`'s training: themselves, an admin, or a head above them. */
  async maySee(userId: string): Promise<boolean> {
    const me = this.userId();
    if (userId === me || this.isAdmin()) return true;
    return this.isHead() && isHeadOf(this.sql, this.portalId(), me, userId);
  }
}

export const asLocale = (v: unknown): Locale => (v === 'uk' || v === 'ru' ? v : 'en');
