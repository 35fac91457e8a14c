import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, PluginDatabase } from '@portal/plugin-sdk';
import { ActiveAlert, AlertsService, badgeOf } from './alerts.service';
import { figuresSql, figuresView, projectSnapshot, thresholdParams } from './figures';
import { Problems, decodeCursor, encodeCursor, isRealDate, isUuid, parseLimit, queryParam } from './input';
import { DIRECTIONS } from './install/pipelines';
import { StudioContext } from './studio-context';

/** `sort` of the report: a column, `-` for descending. */
const SORTS: Record<string, string> = {
  margin: 'margin_sort',
  grossProfit: 'gp_sort',
  laborCost: 'labor_sort',
  revenue: 'revenue_sort',
  minutes: 'minutes',
  spent: 'spent_sort',
  title: 'title',
  createdAt: 'created_at',
};

const CSV_COLUMNS = [
  'Deal ID',
  'Title',
  'Pipeline',
  'Stage',
  'Responsible',
  'Currency',
  'Revenue',
  'Labor cost',
  'Expenses',
  'Gross profit',
  'Margin %',
  'Minutes',
  'Planned minutes',
  'Spent % of plan',
  'Alert',
];

/** One CSV cell: quoted when it holds a quote, a separator or a line break; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: unknown, text = false): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Profitability of a project (the deal card) and of all of them (the report). */
@Injectable()
export class ProfitabilityService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: StudioContext,
    private readonly alerts: AlertsService,
  ) {}

  /**
   * GET /deals/:id/profitability. Heads and admins see everything; the deal's responsible sees the project's
   * figures and minutes, but not what each person (or task, or department) costs — that would show rates.
   */
  async ofDeal(dealId: string) {
    const facts = await this.ctx.settings();
    const query = (sql: string, params: unknown[]) => this.db.query(sql, params);
    let f = isUuid(dealId) ? await projectSnapshot(query, facts.portalId, dealId, facts.settings) : undefined;
    if (!f) throw new NotFoundError('Deal', dealId);
    this.assertMaySee(f.responsible_id);
    if (f.dirty) {
      await this.alerts.refreshIfDirty([dealId]);
      f = await projectSnapshot(query, facts.portalId, dealId, facts.settings);
      if (!f) throw new NotFoundError('Deal', dealId);
    }
    const lead = this.ctx.isLead();
    const cost = (c: string) => (lead ? c : null);
    const alerts: ActiveAlert[] = f.alerts.map((a: any) => ({ kind: a.kind, level: a.level, reason: a.reason, since: new Date(a.since).toISOString() }));
    return {
      dealId,
      ...figuresView(f),
      byUser: f.by_user.map((u: any) => ({ ...u, cost: cost(u.cost) })),
      byTask: f.by_task.map((t: any) => ({ ...t, overPlan: t.plannedMinutes > 0 && t.minutes > t.plannedMinutes, cost: cost(t.cost) })),
      byDepartment: f.by_department.map((d: any) => ({ ...d, cost: cost(d.cost) })),
      costsVisible: lead,
      alert: badgeOf(alerts),
      alerts,
      thresholds: { warningMarginPct: facts.settings.warningMarginPct, hoursWarningPct: facts.settings.hoursWarningPct, hoursCriticalPct: facts.settings.hoursCriticalPct },
    };
  }

  /** Heads and admins see every project's money; the deal's responsible sees their own. */
  private assertMaySee(responsibleId: string | null): void {
    if (!this.ctx.isLead() && responsibleId !== this.ctx.userId()) throw new ForbiddenError("Only heads, admins and the deal's responsible see its money");
  }

  /** GET /deals/:id/alerts: the deal-card badge and every active alert. */
  async alertsOf(dealId: string) {
    const facts = await this.ctx.portal();
    const [deal] = isUuid(dealId) ? await this.db.query(`SELECT responsible_id FROM deals WHERE portal_id = $1 AND id = $2`, [facts.portalId, dealId]) : [];
    if (!deal) throw new NotFoundError('Deal', dealId);
    this.assertMaySee(deal.responsible_id);
    await this.alerts.refreshIfDirty([dealId], facts);
    const alerts = await this.alerts.active(facts.portalId, dealId);
    return { dealId, alert: badgeOf(alerts), alerts };
  }

  /**
   * GET /reports/profitability: one row per project — every deal of the studio's directions (Projects, Support,
   * Claims) and any other deal with time or expenses — with the same figures as the deal card, read from the
   * rollup. `from`/`to` keep projects with work (time or expenses) in those days and add that period's figures.
   */
  async report(q: Record<string, unknown>) {
    this.ctx.requireLead('see the profitability report');
    const p = new Problems();
    const csv = queryParam(q['format']) === 'csv';
    const format = queryParam(q['format']);
    if (format !== undefined && !['csv', 'json'].includes(format)) p.add('format', 'must be json or csv');
    const limit = csv ? 100_000 : parseLimit(q['limit'], p, 50, 200);
    const sortRaw = queryParam(q['sort']) ?? 'margin';
    const desc = sortRaw.startsWith('-');
    const sortKey = SORTS[desc ? sortRaw.slice(1) : sortRaw];
    if (!sortKey) p.add('sort', `must be one of ${Object.keys(SORTS).join(', ')}, each optionally with "-" for descending`);
    for (const key of ['responsibleId', 'departmentId']) {
      const v = queryParam(q[key]);
      if (v !== undefined && !isUuid(v)) p.add(key, `must be a ${key === 'responsibleId' ? 'user' : 'department'} id (a UUID)`);
    }
    const from = queryParam(q['from']);
    const to = queryParam(q['to']);
    if (from !== undefined && !isRealDate(from)) p.add('from', 'must be a date YYYY-MM-DD');
    if (to !== undefined && !isRealDate(to)) p.add('to', 'must be a date YYYY-MM-DD');
    if (from && to && isRealDate(from) && isRealDate(to) && to < from) p.add('to', 'must not be before from');
    const alertFilter = queryParam(q['alert']);
    if (alertFilter !== undefined && !['any', 'warning', 'critical', 'none'].includes(alertFilter)) p.add('alert', 'must be any, warning, critical or none');
    const cursor = csv ? null : decodeCursor(q['cursor'], p, (v) => v.length === 1 && Number.isInteger(v[0]) && (v[0] as number) >= 0);
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const pipelineRef = queryParam(q['pipeline']);
    let pipelineId: string | null = null;
    if (pipelineRef !== undefined) {
      const [pl] = await this.db.query(`SELECT id FROM pipelines WHERE portal_id = $1 AND (code = $2 OR id::text = $2)`, [facts.portalId, pipelineRef]);
      if (!pl) p.add('pipeline', `unknown pipeline "${pipelineRef}"`);
      pipelineId = pl?.id ?? null;
    }
    p.throwIfAny();
    await this.alerts.refreshPortal(facts);
    const offset = (cursor?.[0] as number | undefined) ?? 0;
    const where = `d.portal_id = $1
        AND (d.pipeline_id IN (SELECT id FROM pipelines WHERE portal_id = $1 AND plugin_id = 'digital-studio' AND code = ANY($5::text[]))
             OR EXISTS (SELECT 1 FROM ds_deal_stats s0 WHERE s0.deal_id = d.id AND (s0.entries <> 0 OR s0.expenses <> 0)))
        AND ($6::uuid IS NULL OR d.pipeline_id = $6) AND ($7::uuid IS NULL OR d.responsible_id = $7)
        AND ($8::uuid IS NULL OR d.responsible_id IN (SELECT id FROM users WHERE portal_id = $1 AND department_id = $8))
        AND (($9::date IS NULL AND $10::date IS NULL)
             OR EXISTS (SELECT 1 FROM ds_time_entries e0 WHERE e0.deal_id = d.id AND e0.work_date >= coalesce($9::date, '-infinity') AND e0.work_date <= coalesce($10::date, 'infinity'))
             OR EXISTS (SELECT 1 FROM ds_expenses x0 WHERE x0.deal_id = d.id AND x0.spent_at >= coalesce($9::date, '-infinity') AND x0.spent_at <= coalesce($10::date, 'infinity')))`;
    const params = [
      facts.portalId,
      ...thresholdParams(facts.settings),
      DIRECTIONS,
      pipelineId,
      queryParam(q['responsibleId']) ?? null,
      queryParam(q['departmentId']) ?? null,
      from ?? null,
      to ?? null,
    ];
    const alertWhere =
      alertFilter === undefined
        ? ''
        : alertFilter === 'none'
          ? 'WHERE a.level IS NULL'
          : alertFilter === 'any'
            ? 'WHERE a.level IS NOT NULL'
            : `WHERE a.level = '${alertFilter}'`;
    const period = from || to;
    const rows = await this.db.query(
      `WITH r AS (${figuresSql(where, 2)})
       SELECT r.*, p.code AS pipeline_code, p.name AS pipeline_name, st.code AS stage_code, st.name AS stage_name, st.kind AS stage_kind, u.name AS responsible_name,
              a.level AS alert_level, a.kind AS alert_kind,
              CASE WHEN r.planned_minutes > 0 THEN r.minutes * 100.0 / r.planned_minutes END AS spent_sort
              ${period ? `, pe.minutes AS period_minutes, pe.cost AS period_cost, px.amount AS period_expenses` : ''},
              count(*) OVER () AS total_rows
         FROM r
         JOIN pipelines p ON p.id = r.pipeline_id
         JOIN stages st ON st.id = r.stage_id
         LEFT JOIN users u ON u.id = r.responsible_id
         LEFT JOIN (SELECT DISTINCT ON (deal_id) deal_id, level, kind FROM ds_alert_state WHERE portal_id = $1
                     ORDER BY deal_id, (level = 'critical') DESC, (kind = 'margin') DESC) a ON a.deal_id = r.id
         ${
           period
             ? `LEFT JOIN LATERAL (SELECT coalesce(sum(minutes), 0)::int8 AS minutes, coalesce(sum(cost), 0)::numeric(16,2)::text AS cost FROM ds_time_entries e
                                   WHERE e.deal_id = r.id AND e.work_date >= coalesce($9::date, '-infinity') AND e.work_date <= coalesce($10::date, 'infinity')) pe ON true
                LEFT JOIN LATERAL (SELECT coalesce(sum(amount), 0)::numeric(16,2)::text AS amount FROM ds_expenses x
                                   WHERE x.deal_id = r.id AND x.spent_at >= coalesce($9::date, '-infinity') AND x.spent_at <= coalesce($10::date, 'infinity')) px ON true`
             : ''
         }
         ${alertWhere}
        ORDER BY ${sortKey === 'title' || sortKey === 'created_at' ? `r.${sortKey}` : sortKey} ${desc ? 'DESC' : 'ASC'} NULLS LAST, r.id
        LIMIT $11 OFFSET $12`,
      [...params, limit + 1, offset],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map((r: any) => ({
      dealId: r.id,
      title: r.title,
      pipeline: { id: r.pipeline_id, code: r.pipeline_code, name: r.pipeline_name },
      stage: { id: r.stage_id, code: r.stage_code, name: r.stage_name, kind: r.stage_kind },
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_name,
      ...figuresView(r),
      alert: r.alert_level ? { level: r.alert_level, kind: r.alert_kind } : null,
      ...(period ? { period: { from: from ?? null, to: to ?? null, minutes: Number(r.period_minutes), laborCost: r.period_cost, expenses: r.period_expenses } } : {}),
    }));
    if (csv) return { csv: this.toCsv(items) };
    return { items, nextCursor: more ? encodeCursor([offset + limit]) : null, total: rows.length ? Number(rows[0].total_rows) : 0 };
  }

  private toCsv(items: any[]): string {
    const lines = [CSV_COLUMNS.map((c) => csvCell(c)).join(',')];
    for (const r of items) {
      lines.push(
        [
          csvCell(r.dealId),
          csvCell(r.title, true),
          csvCell(r.pipeline.name, true),
          csvCell(r.stage.name, true),
          csvCell(r.responsibleName, true),
          csvCell(r.currency),
          csvCell(r.revenue),
          csvCell(r.laborCost),
          csvCell(r.expenses),
          csvCell(r.grossProfit),
          csvCell(r.marginPct),
          csvCell(r.minutes),
          csvCell(r.plannedMinutes),
          csvCell(r.spentPct),
          csvCell(r.alert ? `${r.alert.level}:${r.alert.kind}` : ''),
        ].join(','),
      );
    }
    // A BOM, so Excel opens the UTF-8 (Cyrillic) text correctly; CRLF as RFC 4180 has it.
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }
}
