import type { StudioSettings } from './settings';

/** The zero uuid: the breakdown's key for "no task" (time on the deal itself) and "no department". */
export const NONE = '00000000-0000-0000-0000-000000000000';

type Query = (sql: string, params: unknown[]) => Promise<any[]>;

/**
 * A project's figures, all computed in SQL numeric and formatted there (two places): revenue is the deal's budget,
 * labour cost and expenses come from the rollup, planned minutes are the sum of its tasks' estimates.
 *   grossProfit = revenue − laborCost − expenses;  marginPct = round(grossProfit × 100 / revenue, 2) (null when
 *   revenue is 0);  spentPct = round(minutes × 100 / plannedMinutes, 2) (null without a plan).
 * The four threshold flags are compared without division: gp × 100 < revenue × warningPct, and so on.
 *
 * `where` filters `deals d`; params from `$first` on: warning margin %, hours warning %, hours critical %.
 */
export function figuresSql(where: string, first: number): string {
  const [warn, hw, hc] = [`$${first}::numeric`, `$${first + 1}::numeric`, `$${first + 2}::numeric`];
  return `
    WITH base AS (
      SELECT d.id, d.portal_id, d.title, d.currency, d.responsible_id, d.pipeline_id, d.stage_id, d.created_at,
             coalesce(d.budget, 0) AS revenue, coalesce(s.labor_cost, 0) AS labor, coalesce(s.expenses, 0) AS expenses,
             coalesce(s.minutes, 0) AS minutes, coalesce(s.unrated_minutes, 0) AS unrated, coalesce(t.planned, 0) AS planned
        FROM deals d
        LEFT JOIN ds_deal_stats s ON s.deal_id = d.id
        LEFT JOIN (SELECT deal_id, sum(estimate_minutes) AS planned FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL GROUP BY deal_id) t ON t.deal_id = d.id
       WHERE ${where}
    ), f AS (SELECT b.*, b.revenue - b.labor - b.expenses AS gp FROM base b)
    SELECT f.id, f.title, f.currency, f.responsible_id, f.pipeline_id, f.stage_id, f.created_at,
           round(f.revenue, 2)::text AS revenue, round(f.labor, 2)::text AS labor_cost, round(f.expenses, 2)::text AS expenses,
           round(f.gp, 2)::text AS gross_profit,
           CASE WHEN f.revenue > 0 THEN round(f.gp * 100 / f.revenue, 2)::text END AS margin_pct,
           CASE WHEN f.revenue > 0 THEN round(f.gp * 100 / f.revenue, 2) END AS margin_sort,
           f.gp AS gp_sort, f.labor AS labor_sort, f.revenue AS revenue_sort,
           f.minutes::int8 AS minutes, f.unrated::int8 AS unrated_minutes, f.planned::int8 AS planned_minutes,
           CASE WHEN f.planned > 0 THEN round(f.minutes * 100.0 / f.planned, 2)::text END AS spent_pct,
           (f.gp < 0) AS margin_critical,
           (f.revenue > 0 AND f.gp * 100 < f.revenue * ${warn}) AS margin_warning,
           (f.planned > 0 AND f.minutes * 100 >= f.planned * ${hc}) AS hours_critical,
           (f.planned > 0 AND f.minutes * 100 >= f.planned * ${hw}) AS hours_warning
      FROM f`;
}

export const thresholdParams = (s: StudioSettings) => [s.warningMarginPct, s.hoursWarningPct, s.hoursCriticalPct];

export interface FigureRow {
  id: string;
  title: string;
  currency: string;
  responsible_id: string | null;
  pipeline_id: string;
  stage_id: string;
  revenue: string;
  labor_cost: string;
  expenses: string;
  gross_profit: string;
  margin_pct: string | null;
  minutes: string;
  unrated_minutes: string;
  planned_minutes: string;
  spent_pct: string | null;
  margin_critical: boolean;
  margin_warning: boolean;
  hours_critical: boolean;
  hours_warning: boolean;
}

/** One project's figures ($1 portal, $2 deal, $3–$5 thresholds), run by the database function `ds_project_figures`. */
export const FIGURES_SQL = figuresSql('d.portal_id = $1 AND d.id = $2', 3);

export async function figuresOf(query: Query, portalId: string, dealId: string, s: StudioSettings): Promise<FigureRow | null> {
  const [row] = await query(`SELECT ds_project_figures($1, $2, $3, $4, $5) AS f`, [portalId, dealId, ...thresholdParams(s)]);
  return row?.f ?? null;
}

/** The figures as the API shows them (money and percentages as decimal strings, minutes as integers). */
export function figuresView(r: FigureRow) {
  return {
    currency: r.currency,
    revenue: r.revenue,
    laborCost: r.labor_cost,
    expenses: r.expenses,
    grossProfit: r.gross_profit,
    marginPct: r.margin_pct,
    minutes: Number(r.minutes),
    plannedMinutes: Number(r.planned_minutes),
    spentPct: r.spent_pct,
    unratedMinutes: Number(r.unrated_minutes),
  };
}

/**
 * Everything the deal card shows, in one round trip, from the rollups (never the raw entries): the figures, whether the deal awaits re-evaluation, where the
 * hours go (per person, per task with its plan — including tasks nobody logged on yet, time on tasks since moved
 * away and time on the deal itself — and per department, costs to the kopeck as text) and the active alerts.
 */
/** The snapshot's SQL ($1 portal, $2 deal, $3–$5 thresholds), run by the database function `ds_project_snapshot`
 * (schema.ts), whose plan PostgreSQL keeps: planning this statement costs more than running it. */
export const SNAPSHOT_SQL = `WITH f AS (${figuresSql('d.portal_id = $1 AND d.id = $2', 3)}),
          e AS (SELECT user_id, nullif(task_key, '${NONE}') AS task_id, nullif(department_key, '${NONE}') AS department_id, minutes, cost
                  FROM ds_deal_breakdown WHERE deal_id = (SELECT id FROM f) AND (minutes <> 0 OR cost <> 0)),
          spent AS (SELECT task_id, sum(minutes)::int8 AS minutes, sum(cost) AS cost FROM e GROUP BY task_id),
          mine AS (SELECT id FROM tasks WHERE portal_id = $1 AND deal_id = $2)
     SELECT f.*,
            EXISTS (SELECT 1 FROM ds_dirty WHERE deal_id = $2) AS dirty,
            (SELECT coalesce(json_agg(json_build_object('userId', x.user_id, 'name', x.name, 'minutes', x.minutes, 'cost', x.cost::text) ORDER BY x.cost DESC, x.minutes DESC, x.name), '[]')
               FROM (SELECT e.user_id, u.name, sum(e.minutes)::int8 AS minutes, sum(e.cost)::numeric(16,2) AS cost FROM e JOIN users u ON u.id = e.user_id GROUP BY e.user_id, u.name) x) AS by_user,
            (SELECT coalesce(json_agg(json_build_object('taskId', x.task_id, 'title', x.title, 'status', x.status, 'assigneeId', x.assignee_id, 'minutes', x.minutes,
                                                        'plannedMinutes', x.planned, 'cost', x.cost::text) ORDER BY x.minutes DESC, x.planned DESC, x.title), '[]')
               FROM (SELECT coalesce(m.id, sp.task_id) AS task_id, t.title, t.status, t.assignee_id,
                            CASE WHEN m.id IS NULL THEN 0 ELSE coalesce(t.estimate_minutes, 0) END AS planned,
                            coalesce(sp.minutes, 0) AS minutes, coalesce(sp.cost, 0)::numeric(16,2) AS cost
                       FROM mine m FULL JOIN spent sp ON sp.task_id = m.id
                       LEFT JOIN tasks t ON t.id = coalesce(m.id, sp.task_id)) x) AS by_task,
            (SELECT coalesce(json_agg(json_build_object('departmentId', x.department_id, 'name', x.name, 'minutes', x.minutes, 'cost', x.cost::text) ORDER BY x.cost DESC, x.minutes DESC), '[]')
               FROM (SELECT e.department_id, dp.name, sum(e.minutes)::int8 AS minutes, sum(e.cost)::numeric(16,2) AS cost
                       FROM e LEFT JOIN departments dp ON dp.id = e.department_id GROUP BY e.department_id, dp.name) x) AS by_department,
            (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'level', a.level, 'reason', a.reason, 'since', a.crossed_at) ORDER BY a.crossed_at, a.kind, a.level), '[]')
               FROM ds_alert_state a WHERE a.portal_id = $1 AND a.deal_id = $2) AS alerts
       FROM f`;

export async function projectSnapshot(query: Query, portalId: string, dealId: string, s: StudioSettings) {
  const [row] = await query(`SELECT ds_project_snapshot($1, $2, $3, $4, $5) AS s`, [portalId, dealId, ...thresholdParams(s)]);
  return (row?.s ?? undefined) as (FigureRow & { dirty: boolean; by_user: any[]; by_task: any[]; by_department: any[]; alerts: any[] }) | undefined;
}
