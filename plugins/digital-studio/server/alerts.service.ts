import { Injectable } from '@nestjs/common';
import { PluginDatabase, PluginServices } from '@portal/plugin-sdk';
import { THRESHOLD_CROSSED } from './automation';
import { FigureRow, figuresOf, figuresView } from './figures';
import { PortalFacts, StudioContext } from './studio-context';

export type AlertKind = 'margin' | 'hours';
export type AlertLevel = 'warning' | 'critical';

export interface ActiveAlert {
  kind: AlertKind;
  level: AlertLevel;
  reason: string;
  since: string;
}

const RANK: Record<AlertLevel, number> = { warning: 1, critical: 2 };

const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** The reason of a threshold, in the portal's language, with the figures that crossed it. */
function reasonOf(kind: AlertKind, level: AlertLevel, f: FigureRow, p: PortalFacts): string {
  const m = Number(f.minutes);
  const pl = Number(f.planned_minutes);
  const t = {
    en: {
      marginCritical: `gross profit is negative: ${f.gross_profit} ${f.currency} (revenue ${f.revenue}, labour ${f.labor_cost}, expenses ${f.expenses})`,
      marginWarning: `margin ${f.margin_pct} % is below ${p.settings.warningMarginPct} % (gross profit ${f.gross_profit} ${f.currency})`,
      hours: `${f.spent_pct} % of the planned hours spent (${hours(m)} h of ${hours(pl)} h)`,
    },
    uk: {
      marginCritical: `валовий прибуток від'ємний: ${f.gross_profit} ${f.currency} (виручка ${f.revenue}, праця ${f.labor_cost}, витрати ${f.expenses})`,
      marginWarning: `маржа ${f.margin_pct} % нижча за ${p.settings.warningMarginPct} % (валовий прибуток ${f.gross_profit} ${f.currency})`,
      hours: `витрачено ${f.spent_pct} % запланованих годин (${hours(m)} год з ${hours(pl)} год)`,
    },
    ru: {
      marginCritical: `валовая прибыль отрицательная: ${f.gross_profit} ${f.currency} (выручка ${f.revenue}, труд ${f.labor_cost}, расходы ${f.expenses})`,
      marginWarning: `маржа ${f.margin_pct} % ниже ${p.settings.warningMarginPct} % (валовая прибыль ${f.gross_profit} ${f.currency})`,
      hours: `потрачено ${f.spent_pct} % запланированных часов (${hours(m)} ч из ${hours(pl)} ч)`,
    },
  }[p.locale];
  if (kind === 'margin') return level === 'critical' ? t.marginCritical : t.marginWarning;
  return t.hours;
}

/** The thresholds a project's figures are past, each with its reason. */
export function crossedThresholds(f: FigureRow, p: PortalFacts): { kind: AlertKind; level: AlertLevel; reason: string }[] {
  const out: { kind: AlertKind; level: AlertLevel; reason: string }[] = [];
  const add = (kind: AlertKind, level: AlertLevel) => out.push({ kind, level, reason: reasonOf(kind, level, f, p) });
  if (f.margin_warning || f.margin_critical) add('margin', 'warning');
  if (f.margin_critical) add('margin', 'critical');
  if (f.hours_warning || f.hours_critical) add('hours', 'warning');
  if (f.hours_critical) add('hours', 'critical');
  return out;
}

/** The deal-card badge: the worst active alert (critical before warning, margin before hours). */
export function badgeOf(alerts: ActiveAlert[]): { kind: AlertKind; level: AlertLevel; reason: string } | null {
  const [top] = [...alerts].sort((a, b) => RANK[b.level] - RANK[a.level] || (a.kind === 'margin' ? -1 : 1));
  return top ? { level: top.level, kind: top.kind, reason: top.reason } : null;
}

/**
 * Alerts on a project's figures. A threshold alerts once per crossing: its row in `ds_alert_state` is inserted
 * ON CONFLICT DO NOTHING, and only the transaction that inserts it notifies, writes the timeline and fires
 * `project.thresholdCrossed`; a figure back on the good side deletes the row, re-arming the threshold.
 * Evaluations of one deal take its advisory lock first, so each sees the changes committed before it and two
 * concurrent changes cannot both miss a crossing that only their sum makes.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly services: PluginServices,
    private readonly ctx: StudioContext,
  ) {}

  /** Active alerts of a deal (read only). */
  async active(portalId: string, dealId: string): Promise<ActiveAlert[]> {
    const rows = await this.db.query(
      `SELECT kind, level, reason, crossed_at FROM ds_alert_state WHERE portal_id = $1 AND deal_id = $2 ORDER BY crossed_at, kind, level`,
      [portalId, dealId],
    );
    return rows.map((r: any) => ({ kind: r.kind, level: r.level, reason: r.reason, since: new Date(r.crossed_at).toISOString() }));
  }

  /** Re-evaluates the deals first (if their figures changed behind the plugin's back) — for reads that must be current. */
  async refreshIfDirty(dealIds: string[], portal?: PortalFacts): Promise<void> {
    if (!dealIds.length) return;
    const p = portal ?? (await this.ctx.portal());
    const [marked] = await this.db.query(`SELECT count(*)::int AS n FROM ds_dirty WHERE portal_id = $1 AND deal_id = ANY($2::uuid[])`, [p.portalId, dealIds]);
    if (!marked?.n) return;
    await this.db.transaction(async () => {
      const dirty = await this.db.returning(`DELETE FROM ds_dirty WHERE portal_id = $1 AND deal_id = ANY($2::uuid[]) RETURNING deal_id`, [p.portalId, dealIds]);
      for (const d of dirty.sort((a: any, b: any) => (a.deal_id < b.deal_id ? -1 : 1))) await this.evaluate(d.deal_id, p);
    });
  }

  /** Every dirty deal of the portal (bounded), before a report. */
  async refreshPortal(portal: PortalFacts, max = 1000): Promise<void> {
    const rows = await this.db.query(`SELECT deal_id FROM ds_dirty WHERE portal_id = $1 ORDER BY deal_id LIMIT $2`, [portal.portalId, max]);
    await this.refreshIfDirty(rows.map((r: any) => r.deal_id), portal);
  }

  /**
   * Re-evaluates one project in the caller's transaction (which must be open): crossings alert, recoveries re-arm.
   * Deals in several changes are evaluated in id order by the callers, so their locks never deadlock.
   */
  async evaluate(dealId: string, portal?: PortalFacts): Promise<void> {
    const p = portal ?? (await this.ctx.portal());
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ds-deal:${dealId}`]);
    const f = await figuresOf((sql, params) => this.db.query(sql, params), p.portalId, dealId, p.settings);
    if (!f) return;
    const wanted = crossedThresholds(f, p);
    // One statement: thresholds no longer crossed are re-armed (deleted), those still crossed keep a current
    // reason, new crossings are inserted — and only what this statement inserted alerts.
    const [sync] = await this.db.query(
      `WITH w AS (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]) AS x(k, l, r)),
            del AS (DELETE FROM ds_alert_state s WHERE s.portal_id = $1 AND s.deal_id = $2 AND NOT EXISTS (SELECT 1 FROM w WHERE w.k = s.kind AND w.l = s.level)
                    RETURNING s.kind, s.level),
            upd AS (UPDATE ds_alert_state s SET reason = w.r FROM w WHERE s.portal_id = $1 AND s.deal_id = $2 AND s.kind = w.k AND s.level = w.l AND s.reason <> w.r
                    RETURNING s.kind),
            ins AS (INSERT INTO ds_alert_state (portal_id, deal_id, kind, level, reason) SELECT $1, $2, w.k, w.l, w.r FROM w
                    ON CONFLICT (deal_id, kind, level) DO NOTHING RETURNING id, kind, level, reason)
       SELECT (SELECT coalesce(json_agg(del), '[]') FROM del) AS cleared, (SELECT coalesce(json_agg(ins), '[]') FROM ins) AS crossed, (SELECT count(*) FROM upd) AS updated`,
      [p.portalId, dealId, wanted.map((w) => w.kind), wanted.map((w) => w.level), wanted.map((w) => w.reason)],
    );
    const cleared: { kind: AlertKind; level: AlertLevel }[] = sync.cleared;
    const crossed: { id: string; kind: AlertKind; level: AlertLevel; reason: string }[] = sync.crossed;
    for (const c of cleared) await this.services.addDealTimeline(dealId, 'profitability_alert_cleared', { kind: c.kind, level: c.level, ...figuresView(f) });
    if (!crossed.length) return;

    const figures = figuresView(f);
    const recipients = await this.recipients(p.portalId, f.responsible_id);
    for (const kind of ['margin', 'hours'] as AlertKind[]) {
      const mine = crossed.filter((c) => c.kind === kind).sort((a, b) => RANK[b.level] - RANK[a.level]);
      if (!mine.length) continue;
      // One notification and one timeline entry per kind and change, at the highest level newly crossed ...
      const top = mine[0];
      await this.services.addDealTimeline(dealId, 'profitability_alert', { kind, level: top.level, reason: top.reason, ...figures });
      for (const userId of recipients) {
        await this.services.notify({ userId, kind: 'profitability_alert', level: top.level, text: `${f.title}: ${top.reason}`, dealId, dedupeKey: `ds-alert:${top.id}` });
      }
      // ... and the trigger once per crossing, so a rule on {kind, level} hears every level its project passes.
      for (const c of mine) await this.services.recordDealEvent(THRESHOLD_CROSSED, dealId, { kind, level: c.level, reason: c.reason, ...figures });
    }
  }

  /** The heads (else the admins) and the deal's responsible: who hears about a project's alerts. */
  private async recipients(portalId: string, responsibleId: string | null): Promise<string[]> {
    const rows = await this.db.query(
      `WITH heads AS (SELECT id FROM users WHERE portal_id = $1 AND active AND deleted_at IS NULL AND 'head' = ANY(roles)),
            admins AS (SELECT id FROM users WHERE portal_id = $1 AND active AND deleted_at IS NULL AND 'admin' = ANY(roles) AND NOT EXISTS (SELECT 1 FROM heads))
       SELECT id FROM heads UNION SELECT id FROM admins
       UNION SELECT id FROM users WHERE portal_id = $1 AND id = $2 AND active AND deleted_at IS NULL
       ORDER BY id`,
      [portalId, responsibleId],
    );
    return rows.map((r: any) => r.id);
  }
}
