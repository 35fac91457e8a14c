import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, PluginDatabase } from '@portal/plugin-sdk';
import { ActiveAlert, AlertsService, badgeOf } from './alerts.service';
import { figuresSql, figuresView, projectSnapshot, thresholdParams } from './figures';
import { Problems, decodeCursor, encodeCursor, isRealDate, isUuid, parseLimit, queryParam } from './input';
import { DIRECTIONS } from './install/pipelines';
import { NO_INVOICES, invoiceTotals } from './invoice-totals';
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
    const invoices = (await this.ctx.hasInvoices(facts.portalId)) ? ((await invoiceTotals(query, facts.portalId, [dealId])).get(dealId) ?? NO_INVOICES) : null;
    return {
      dealId,
      ...figuresView(f),
      invoices,
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
    const page = rows.slice(0, limit);
    const billed = (await this.ctx.hasInvoices(facts.portalId)) ? await invoiceTotals((sql, ps) => this.db.query(sql, ps), facts.portalId, page.map((r: any) => r.id)) : null;
    const items = page.map((r: any) => ({
      dealId: r.id,
      title: r.title,
      pipeline: { id: r.pipeline_id, code: r.pipeline_code, name: r.pipeline_name },
      stage: { id: r.stage_id, code: r.stage_code, name: r.stage_name, kind: r.stage_kind },
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_name,
      ...figuresView(r),
      alert: r.alert_level ? { level: r.alert_level, kind: r.alert_kind } : null,
      invoices: billed ? (billed.get(r.id) ?? NO_INVOICES) : null,
      ...(period ? { period: { from: from ?? null, to: to ?? null, minutes: Number(r.period_minutes), laborCost: r.period_cost, expenses: r.period_expenses } } : {}),
    }));
    if (csv) return { csv: this.toCsv(items) };
    return { items, nextCursor: more ? encodeCursor([offset + limit]) : null, total: rows.length ? Number(rows[0].total_rows) : 0 };
  }

  /**
   * GET /reports/profitability/series: gross profit over time, month by month (the portal's calendar months), per
   * currency, for the same projects as the report (with its pipeline / responsible / department filters).
   * For every month: the revenue booked that month (budgets of the projects that started in it: created, or first
   * worked on when that came earlier — a project entered after the fact), the labour cost (entries
   * by work date) and expenses (by their date) of that month, and the portfolio at the month's end — cumulative
   * revenue, cost and `grossProfit = revenue − laborCost − expenses` of everything up to then. Exact decimal
   * strings; `from`/`to` are months (YYYY-MM), by default the last twelve; at most 36.
   */
  async series(q: Record<string, unknown>) {
    this.ctx.requireLead('see the profitability report');
    const p = new Problems();
    const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
    const fromRaw = queryParam(q['from']);
    const toRaw = queryParam(q['to']);
    if (fromRaw !== undefined && !MONTH_RE.test(fromRaw)) p.add('from', 'must be a month YYYY-MM');
    if (toRaw !== undefined && !MONTH_RE.test(toRaw)) p.add('to', 'must be a month YYYY-MM');
    for (const key of ['responsibleId', 'departmentId']) {
      const v = queryParam(q[key]);
      if (v !== undefined && !isUuid(v)) p.add(key, `must be a ${key === 'responsibleId' ? 'user' : 'department'} id (a UUID)`);
    }
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
    const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const to = toRaw ?? facts.today.slice(0, 7);
    const from = fromRaw ?? monthOf(monthIndex(to) - 11);
    if (monthIndex(to) < monthIndex(from)) p.add('to', 'must not be before from');
    else if (monthIndex(to) - monthIndex(from) >= 36) p.add('from', 'the series covers at most 36 months');
    const pipelineRef = queryParam(q['pipeline']);
    let pipelineId: string | null = null;
    if (pipelineRef !== undefined) {
      const [pl] = await this.db.query(`SELECT id FROM pipelines WHERE portal_id = $1 AND (code = $2 OR id::text = $2)`, [facts.portalId, pipelineRef]);
      if (!pl) p.add('pipeline', `unknown pipeline "${pipelineRef}"`);
      pipelineId = pl?.id ?? null;
    }
    p.throwIfAny();
    const rows = await this.db.query(
      `WITH p AS (
         SELECT d.id, d.currency, coalesce(d.budget, 0) AS budget, date_trunc('month', d.created_at AT TIME ZONE $6)::date AS m
           FROM deals d
          WHERE d.portal_id = $1
            AND (d.pipeline_id IN (SELECT id FROM pipelines WHERE portal_id = $1 AND plugin_id = 'digital-studio' AND code = ANY($2::text[]))
                 OR EXISTS (SELECT 1 FROM ds_deal_stats s0 WHERE s0.deal_id = d.id AND (s0.entries <> 0 OR s0.expenses <> 0)))
            AND ($3::uuid IS NULL OR d.pipeline_id = $3) AND ($4::uuid IS NULL OR d.responsible_id = $4)
            AND ($5::uuid IS NULL OR d.responsible_id IN (SELECT id FROM users WHERE portal_id = $1 AND department_id = $5))
       ), work AS (
         SELECT e.deal_id, date_trunc('month', e.work_date)::date AS m, sum(e.cost) AS cost
           FROM ds_time_entries e JOIN p ON p.id = e.deal_id WHERE e.portal_id = $1 GROUP BY 1, 2
       ), spend AS (
         SELECT x.deal_id, date_trunc('month', x.spent_at)::date AS m, sum(x.amount) AS amount
           FROM ds_expenses x JOIN p ON p.id = x.deal_id WHERE x.portal_id = $1 GROUP BY 1, 2
       ), first_work AS (
         SELECT deal_id, min(m) AS m FROM (SELECT deal_id, m FROM work UNION ALL SELECT deal_id, m FROM spend) w GROUP BY deal_id
       ), ev AS (
         SELECT p.currency, least(p.m, f.m) AS m, p.budget AS rev, 0::numeric AS labor, 0::numeric AS exp FROM p LEFT JOIN first_work f ON f.deal_id = p.id
         UNION ALL
         SELECT p.currency, w.m, 0, w.cost, 0 FROM work w JOIN p ON p.id = w.deal_id
         UNION ALL
         SELECT p.currency, s.m, 0, 0, s.amount FROM spend s JOIN p ON p.id = s.deal_id
       ), monthly AS (
         SELECT currency, m, sum(rev) AS rev, sum(labor) AS labor, sum(exp) AS exp FROM ev GROUP BY currency, m
       ), before AS (
         SELECT currency, sum(rev) AS rev, sum(labor) AS labor, sum(exp) AS exp FROM monthly WHERE m < $7::date GROUP BY currency
       ), grid AS (
         SELECT c.currency, g.m::date AS m
           FROM (SELECT DISTINCT currency FROM p) c CROSS JOIN generate_series($7::date, $8::date, interval '1 month') AS g(m)
       )
       SELECT g.currency, to_char(g.m, 'YYYY-MM') AS month,
              coalesce(mo.rev, 0)::numeric(16,2)::text AS revenue,
              coalesce(mo.labor, 0)::numeric(16,2)::text AS labor_cost,
              coalesce(mo.exp, 0)::numeric(16,2)::text AS expenses,
              (coalesce(mo.rev, 0) - coalesce(mo.labor, 0) - coalesce(mo.exp, 0))::numeric(16,2)::text AS month_gp,
              (coalesce(b.rev, 0) + sum(coalesce(mo.rev, 0)) OVER w)::numeric(16,2)::text AS cum_rev,
              (coalesce(b.labor, 0) + sum(coalesce(mo.labor, 0)) OVER w)::numeric(16,2)::text AS cum_labor,
              (coalesce(b.exp, 0) + sum(coalesce(mo.exp, 0)) OVER w)::numeric(16,2)::text AS cum_exp,
              (coalesce(b.rev, 0) - coalesce(b.labor, 0) - coalesce(b.exp, 0)
                 + sum(coalesce(mo.rev, 0) - coalesce(mo.labor, 0) - coalesce(mo.exp, 0)) OVER w)::numeric(16,2)::text AS cum_gp
         FROM grid g
         LEFT JOIN monthly mo ON mo.currency = g.currency AND mo.m = g.m
         LEFT JOIN before b ON b.currency = g.currency
       WINDOW w AS (PARTITION BY g.currency ORDER BY g.m ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        ORDER BY g.currency, g.m`,
      [facts.portalId, DIRECTIONS, pipelineId, queryParam(q['responsibleId']) ?? null, queryParam(q['departmentId']) ?? null, facts.timezone, `${from}-01`, `${to}-01`],
    );
    const byCurrency = new Map<string, any[]>();
    for (const r of rows) {
      const list = byCurrency.get(r.currency) ?? [];
      list.push({
        month: r.month,
        revenue: r.revenue,
        laborCost: r.labor_cost,
        expenses: r.expenses,
        monthGrossProfit: r.month_gp,
        cumulative: { revenue: r.cum_rev, laborCost: r.cum_labor, expenses: r.cum_exp },
        grossProfit: r.cum_gp,
      });
      byCurrency.set(r.currency, list);
    }
    return { from, to, series: [...byCurrency.entries()].map(([currency, months]) => ({ currency, months })) };
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
