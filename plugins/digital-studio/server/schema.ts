import type { PluginSchemaMigration } from '@portal/plugin-sdk';
import { FIGURES_SQL, NONE, SNAPSHOT_SQL } from './figures';

/**
 * The studio's own tables. Money is numeric(14,2) (sums numeric(16,2)); every cost is computed in SQL numeric,
 * never in floats: an entry costs round(minutes × hourly rate / 60, 2) (half away from zero, i.e. half-up for
 * positive amounts), stored on the entry, so project totals are exact sums of kopecks.
 *
 * - `ds_time_entries`: whole minutes per person per deal (and task); `work_date` is the day in the portal's time
 *   zone, which picks the rate; `hourly_cost`/`cost` are the rate and cost applied (null rate: no rate known).
 * - `ds_cost_rates`: a person's (or a department's default) hourly cost from a date on; `ds_rate_changes` audits
 *   who set which rate and how many entries it recalculated.
 * - `ds_deal_stats`: the per-deal rollup (minutes, labour cost, expenses) and `ds_deal_breakdown` (per person × task ×
 *   department) kept by statement triggers on entries and expenses, so reports over thousands of projects read one row each instead of millions of entries.
 * - `ds_alert_state`: one row per crossed threshold (deal × kind × level); inserting it ON CONFLICT DO NOTHING is
 *   what makes a crossing alert once, deleting it re-arms the threshold.
 * - `ds_dirty`: deals whose figures changed outside the plugin (budget, task estimates), marked by triggers on the
 *   core's deals and tasks for portals that installed the plugin (`ds_config`); re-evaluated by the plugin.
 */

/** The two rollup upserts of a batch of signed entry rows `x(deal_id, portal_id, user_id, task_id, department_id, minutes, hourly_cost, cost, n)`. */
function rollup(rows: string): string {
  return `
           INSERT INTO ds_deal_stats AS s (deal_id, portal_id, minutes, unrated_minutes, labor_cost, entries)
           SELECT deal_id, portal_id, sum(minutes), sum(CASE WHEN hourly_cost IS NULL THEN minutes ELSE 0 END), sum(cost), sum(n)
             FROM (${rows}) x(deal_id, portal_id, user_id, task_id, department_id, minutes, hourly_cost, cost, n)
            GROUP BY deal_id, portal_id ORDER BY deal_id
           ON CONFLICT (deal_id) DO UPDATE SET minutes = s.minutes + EXCLUDED.minutes, unrated_minutes = s.unrated_minutes + EXCLUDED.unrated_minutes,
             labor_cost = s.labor_cost + EXCLUDED.labor_cost, entries = s.entries + EXCLUDED.entries;
           INSERT INTO ds_deal_breakdown AS b (deal_id, user_id, task_key, department_key, minutes, cost)
           SELECT deal_id, user_id, coalesce(task_id, '${NONE}'), coalesce(department_id, '${NONE}'), sum(minutes), sum(cost)
             FROM (${rows}) x(deal_id, portal_id, user_id, task_id, department_id, minutes, hourly_cost, cost, n)
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
           ON CONFLICT (deal_id, user_id, task_key, department_key) DO UPDATE SET minutes = b.minutes + EXCLUDED.minutes, cost = b.cost + EXCLUDED.cost;`;
}

export const SCHEMA: PluginSchemaMigration[] = [
  {
    timestamp: 1764700000000,
    name: 'time-and-profitability',
    up: [
      `CREATE TABLE ds_config (portal_id uuid PRIMARY KEY REFERENCES portals(id) ON DELETE CASCADE)`,
      `CREATE TABLE ds_cost_rates (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         user_id uuid REFERENCES users(id) ON DELETE CASCADE,
         department_id uuid REFERENCES departments(id) ON DELETE CASCADE,
         hourly_cost numeric(14,2) NOT NULL CHECK (hourly_cost >= 0),
         currency varchar(3) NOT NULL,
         valid_from date NOT NULL,
         set_by uuid,
         set_at timestamptz NOT NULL DEFAULT now(),
         CHECK ((user_id IS NULL) <> (department_id IS NULL))
       )`,
      `CREATE UNIQUE INDEX ds_cost_rates_user_uq ON ds_cost_rates (portal_id, user_id, valid_from) WHERE user_id IS NOT NULL`,
      `CREATE UNIQUE INDEX ds_cost_rates_dept_uq ON ds_cost_rates (portal_id, department_id, valid_from) WHERE department_id IS NOT NULL`,
      `CREATE TABLE ds_rate_changes (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         user_id uuid,
         department_id uuid,
         hourly_cost numeric(14,2) NOT NULL,
         currency varchar(3) NOT NULL,
         valid_from date NOT NULL,
         previous_cost numeric(14,2),
         changed_by uuid,
         changed_at timestamptz NOT NULL DEFAULT now(),
         entries_recalculated int NOT NULL DEFAULT 0,
         cost_delta numeric(16,2) NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX ds_rate_changes_idx ON ds_rate_changes (portal_id, changed_at DESC)`,
      `CREATE TABLE ds_time_entries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id),
         deal_id uuid NOT NULL REFERENCES deals(id),
         task_id uuid REFERENCES tasks(id) ON DELETE SET NULL,
         department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
         minutes int NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
         started_at timestamptz NOT NULL,
         work_date date NOT NULL,
         note varchar(1000),
         source varchar(8) NOT NULL DEFAULT 'manual',
         hourly_cost numeric(14,2),
         cost numeric(14,2) NOT NULL DEFAULT 0,
         created_by uuid,
         created_at timestamptz(3) NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      // Per project (byUser, byTask, byDepartment) and per person (rates, the list); covering, so a project's
      // breakdown reads the index only.
      `CREATE INDEX ds_te_deal_idx ON ds_time_entries (deal_id) INCLUDE (user_id, task_id, department_id, minutes, cost)`,
      `CREATE INDEX ds_te_user_idx ON ds_time_entries (portal_id, user_id, work_date)`,
      `CREATE INDEX ds_te_dept_idx ON ds_time_entries (portal_id, department_id, work_date)`,
      `CREATE INDEX ds_te_list_idx ON ds_time_entries (portal_id, started_at DESC, id DESC)`,
      `CREATE INDEX ds_te_task_idx ON ds_time_entries (task_id) WHERE task_id IS NOT NULL`,
      `CREATE TABLE ds_expenses (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         deal_id uuid NOT NULL REFERENCES deals(id),
         amount numeric(14,2) NOT NULL CHECK (amount > 0),
         note varchar(1000) NOT NULL,
         spent_at date NOT NULL,
         created_by uuid,
         created_at timestamptz(3) NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX ds_expenses_deal_idx ON ds_expenses (deal_id, spent_at)`,
      `CREATE TABLE ds_timers (
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
         task_id uuid REFERENCES tasks(id) ON DELETE SET NULL,
         note varchar(1000),
         started_at timestamptz NOT NULL,
         PRIMARY KEY (portal_id, user_id)
       )`,
      `CREATE TABLE ds_deal_stats (
         deal_id uuid PRIMARY KEY REFERENCES deals(id) ON DELETE CASCADE,
         portal_id uuid NOT NULL,
         minutes bigint NOT NULL DEFAULT 0,
         unrated_minutes bigint NOT NULL DEFAULT 0,
         labor_cost numeric(16,2) NOT NULL DEFAULT 0,
         expenses numeric(16,2) NOT NULL DEFAULT 0,
         entries bigint NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX ds_deal_stats_portal_idx ON ds_deal_stats (portal_id)`,
      `CREATE TABLE ds_alert_state (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL,
         deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
         kind varchar(16) NOT NULL,
         level varchar(8) NOT NULL,
         reason text NOT NULL,
         crossed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (deal_id, kind, level)
       )`,
      `CREATE INDEX ds_alert_state_portal_idx ON ds_alert_state (portal_id)`,
      `CREATE TABLE ds_dirty (deal_id uuid PRIMARY KEY, portal_id uuid NOT NULL, marked_at timestamptz NOT NULL DEFAULT now())`,

      // The rate of a person on a day: their own, else their department's default (null when neither is set).
      `CREATE FUNCTION ds_rate_for(p_portal uuid, p_user uuid, p_dept uuid, p_day date) RETURNS numeric LANGUAGE sql STABLE AS $$
         SELECT coalesce(
           (SELECT hourly_cost FROM ds_cost_rates WHERE portal_id = p_portal AND user_id = p_user AND valid_from <= p_day ORDER BY valid_from DESC LIMIT 1),
           (SELECT hourly_cost FROM ds_cost_rates WHERE p_dept IS NOT NULL AND portal_id = p_portal AND department_id = p_dept AND valid_from <= p_day ORDER BY valid_from DESC LIMIT 1))
       $$`,
      // Where a project's hours go, kept per person × task × department (a handful of rows per project), so the deal
      // card's breakdown never aggregates the raw entries.
      `CREATE TABLE ds_deal_breakdown (
         deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
         user_id uuid NOT NULL,
         task_key uuid NOT NULL,
         department_key uuid NOT NULL,
         minutes bigint NOT NULL DEFAULT 0,
         cost numeric(16,2) NOT NULL DEFAULT 0,
         PRIMARY KEY (deal_id, user_id, task_key, department_key)
       )`,
      // The rollups, by statement: one upsert per touched deal (and breakdown row), in key order, so concurrent
      // writers never deadlock.
      `CREATE FUNCTION ds_te_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           ${rollup('SELECT deal_id, portal_id, user_id, task_id, department_id, minutes, hourly_cost, cost, 1 AS n FROM ds_new')}
         ELSIF TG_OP = 'DELETE' THEN
           ${rollup('SELECT deal_id, portal_id, user_id, task_id, department_id, -minutes, hourly_cost, -cost, -1 FROM ds_old')}
         ELSE
           ${rollup('SELECT deal_id, portal_id, user_id, task_id, department_id, minutes, hourly_cost, cost, 1 AS n FROM ds_new UNION ALL SELECT deal_id, portal_id, user_id, task_id, department_id, -minutes, hourly_cost, -cost, -1 FROM ds_old')}
         END IF;
         RETURN NULL;
       END $$`,
      // A project's figures, and the deal card, each in one call with a kept plan (see figures.ts).
      `CREATE FUNCTION ds_project_figures(uuid, uuid, numeric, numeric, numeric) RETURNS json
       LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
       BEGIN
         RETURN (SELECT to_json(x) FROM (${FIGURES_SQL}) x);
       END $fn$`,
      `CREATE FUNCTION ds_project_snapshot(uuid, uuid, numeric, numeric, numeric) RETURNS json
       LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
       BEGIN
         RETURN (SELECT to_json(x) FROM (${SNAPSHOT_SQL}) x);
       END $fn$`,
      `CREATE TRIGGER ds_te_ins AFTER INSERT ON ds_time_entries REFERENCING NEW TABLE AS ds_new FOR EACH STATEMENT EXECUTE FUNCTION ds_te_rollup()`,
      `CREATE TRIGGER ds_te_upd AFTER UPDATE ON ds_time_entries REFERENCING OLD TABLE AS ds_old NEW TABLE AS ds_new FOR EACH STATEMENT EXECUTE FUNCTION ds_te_rollup()`,
      `CREATE TRIGGER ds_te_del AFTER DELETE ON ds_time_entries REFERENCING OLD TABLE AS ds_old FOR EACH STATEMENT EXECUTE FUNCTION ds_te_rollup()`,
      `CREATE FUNCTION ds_expenses_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO ds_deal_stats AS s (deal_id, portal_id, expenses)
           SELECT deal_id, portal_id, sum(amount) FROM ds_new GROUP BY deal_id, portal_id ORDER BY deal_id
           ON CONFLICT (deal_id) DO UPDATE SET expenses = s.expenses + EXCLUDED.expenses;
         ELSE
           INSERT INTO ds_deal_stats AS s (deal_id, portal_id, expenses)
           SELECT deal_id, portal_id, -sum(amount) FROM ds_old GROUP BY deal_id, portal_id ORDER BY deal_id
           ON CONFLICT (deal_id) DO UPDATE SET expenses = s.expenses + EXCLUDED.expenses;
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER ds_expenses_ins AFTER INSERT ON ds_expenses REFERENCING NEW TABLE AS ds_new FOR EACH STATEMENT EXECUTE FUNCTION ds_expenses_rollup()`,
      `CREATE TRIGGER ds_expenses_del AFTER DELETE ON ds_expenses REFERENCING OLD TABLE AS ds_old FOR EACH STATEMENT EXECUTE FUNCTION ds_expenses_rollup()`,

      // Changes the core makes that move a project's figures: its budget, and its tasks' estimates.
      `CREATE FUNCTION ds_mark_deal(p_portal uuid, p_deal uuid) RETURNS void LANGUAGE sql AS $$
         INSERT INTO ds_dirty (deal_id, portal_id) SELECT p_deal, p_portal WHERE p_deal IS NOT NULL AND EXISTS (SELECT 1 FROM ds_config WHERE portal_id = p_portal)
         ON CONFLICT (deal_id) DO NOTHING
       $$`,
      `CREATE FUNCTION ds_deal_budget_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM ds_mark_deal(NEW.portal_id, NEW.id); RETURN NULL; END $$`,
      `CREATE TRIGGER ds_deals_budget AFTER UPDATE ON deals FOR EACH ROW WHEN (OLD.budget IS DISTINCT FROM NEW.budget) EXECUTE FUNCTION ds_deal_budget_changed()`,
      `CREATE FUNCTION ds_tasks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO ds_dirty (deal_id, portal_id)
         SELECT DISTINCT n.deal_id, n.portal_id FROM ds_new n JOIN ds_config c ON c.portal_id = n.portal_id
          WHERE n.deal_id IS NOT NULL AND n.estimate_minutes IS NOT NULL
         ON CONFLICT (deal_id) DO NOTHING;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER ds_tasks_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS ds_new FOR EACH STATEMENT EXECUTE FUNCTION ds_tasks_inserted()`,
      `CREATE FUNCTION ds_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM ds_mark_deal(OLD.portal_id, OLD.deal_id);
         IF TG_OP = 'UPDATE' THEN PERFORM ds_mark_deal(NEW.portal_id, NEW.deal_id); END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER ds_tasks_upd AFTER UPDATE ON tasks FOR EACH ROW
         WHEN (OLD.estimate_minutes IS DISTINCT FROM NEW.estimate_minutes OR OLD.deal_id IS DISTINCT FROM NEW.deal_id)
         EXECUTE FUNCTION ds_task_changed()`,
      `CREATE TRIGGER ds_tasks_del AFTER DELETE ON tasks FOR EACH ROW WHEN (OLD.deal_id IS NOT NULL AND OLD.estimate_minutes IS NOT NULL) EXECUTE FUNCTION ds_task_changed()`,
    ],
    down: [
      `DROP TRIGGER IF EXISTS ds_tasks_del ON tasks`,
      `DROP TRIGGER IF EXISTS ds_tasks_upd ON tasks`,
      `DROP TRIGGER IF EXISTS ds_tasks_ins ON tasks`,
      `DROP TRIGGER IF EXISTS ds_deals_budget ON deals`,
      `DROP FUNCTION IF EXISTS ds_task_changed, ds_tasks_inserted, ds_deal_budget_changed, ds_mark_deal`,
      `DROP TABLE IF EXISTS ds_dirty, ds_alert_state, ds_deal_breakdown, ds_deal_stats, ds_timers, ds_expenses, ds_time_entries, ds_rate_changes, ds_cost_rates, ds_config`,
      `DROP FUNCTION IF EXISTS ds_project_figures, ds_project_snapshot, ds_expenses_rollup, ds_te_rollup, ds_rate_for`,
    ],
  },
];
