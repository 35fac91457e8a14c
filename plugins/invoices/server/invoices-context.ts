import { Injectable } from '@nestjs/common';
import { Clock, ForbiddenError, PluginDatabase, PluginInstallations, PortalContext } from '@portal/plugin-sdk';
import { InvoiceSettings, invoiceSettings } from './settings';

export interface PortalFacts {
  portalId: string;
  /** The portal's "now" (a sandbox portal's test clock). */
  now: Date;
  /** The portal's today (YYYY-MM-DD) in its time zone: the issue date of an invoice issued now. */
  today: string;
  locale: string;
  settings: InvoiceSettings;
}

/** Who asks, on which portal, the portal's today, and the plugin's settings there. */
@Injectable()
export class InvoicesContext {
  constructor(
    private readonly db: PluginDatabase,
    private readonly installations: PluginInstallations,
    private readonly clock: Clock,
  ) {}

  portalId(): string {
    return PortalContext.portalId();
  }

  async portal(): Promise<PortalFacts> {
    const portalId = PortalContext.portalId();
    const now = this.clock.now();
    const [row] = await this.db.query(`SELECT locale, to_char(($2::timestamptz AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today FROM portals WHERE id = $1`, [portalId, now]);
    const settings = invoiceSettings(await this.installations.settingsOf(portalId, 'invoices'));
    return { portalId, now, today: row.today, locale: row.locale, settings };
  }

  now(): Date {
    return this.clock.now();
  }

  userIdOrNull(): string | null {
    return PortalContext.userId() ?? null;
  }

  isAdmin(): boolean {
    return PortalContext.hasRole('admin');
  }

  /** Money decisions on an invoice (paid, cancelled): admins, heads, accountants. */
  mayFinalize(): boolean {
    return PortalContext.hasRole('admin', 'head', 'accountant');
  }

  requireAdmin(what: string): void {
    if (!this.isAdmin()) throw new ForbiddenError(`Only admins can ${what}`);
  }
}
