import { Injectable } from '@nestjs/common';
import { Clock, ForbiddenError, PluginDatabase, PluginInstallations, PortalContext } from '@portal/plugin-sdk';
import { StudioSettings, studioSettings } from './settings';

export interface PortalFacts {
  portalId: string;
  timezone: string;
  locale: 'uk' | 'ru' | 'en';
  /** The portal's today (YYYY-MM-DD) in its time zone, by the portal's clock (a sandbox's test clock). */
  today: string;
  /** Entries whose work date is before this day are locked: only heads and admins change them. */
  lockedBefore: string;
  now: Date;
  settings: StudioSettings;
}

/** Who asks, on which portal, and what they may see: heads and admins see rates and costs; others their own work. */
@Injectable()
export class StudioContext {
  constructor(
    private readonly db: PluginDatabase,
    private readonly installations: PluginInstallations,
    private readonly clock: Clock,
  ) {}

  /** Just the plugin's settings on this portal (one query), for reads that need no dates. */
  async settings(): Promise<{ portalId: string; settings: StudioSettings }> {
    const portalId = PortalContext.portalId();
    return { portalId, settings: studioSettings(await this.installations.settingsOf(portalId, 'digital-studio')) };
  }

  async portal(): Promise<PortalFacts> {
    const portalId = PortalContext.portalId();
    const now = this.clock.now();
    const settings = studioSettings(await this.installations.settingsOf(portalId, 'digital-studio'));
    const [row] = await this.db.query(
      `SELECT timezone, locale, to_char(($2::timestamptz AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today,
              to_char(($2::timestamptz AT TIME ZONE timezone)::date - $3::int, 'YYYY-MM-DD') AS locked_before
         FROM portals WHERE id = $1`,
      [portalId, now, settings.lockDays],
    );
    return { portalId, timezone: row.timezone, locale: ['uk', 'ru'].includes(row.locale) ? row.locale : 'en', today: row.today, lockedBefore: row.locked_before, now, settings };
  }

  /** Whether the portal has the invoices plugin: then projects show what was invoiced and paid. */
  hasInvoices(portalId: string): Promise<boolean> {
    return this.installations.isInstalled(portalId, 'invoices');
  }

  userId(): string {
    const id = PortalContext.userId();
    if (!id) throw new ForbiddenError('A signed-in user is needed');
    return id;
  }

  userIdOrNull(): string | null {
    return PortalContext.userId() ?? null;
  }

  /** Heads and admins: rates, costs of everyone, other people's entries, reports. */
  isLead(): boolean {
    return PortalContext.hasRole('admin', 'head');
  }

  requireLead(what: string): void {
    if (!this.isLead()) throw new ForbiddenError(`Only heads and admins can ${what}`);
  }
}
