import type { AssignmentPool } from '@portal/plugin-sdk';
import type { LoadSettings } from './settings';

type Query = (sql: string, params: unknown[]) => Promise<any[]>;

/** One member of a pool as the balancer sees them. */
export interface MemberLoad {
  userId: string;
  name: string;
  active: boolean;
  absent: boolean;
  openTasks: number;
  openDeals: number;
  /** Open work in whole minutes: task estimates (or the default) plus open deals × their pipeline's weight. */
  loadMinutes: number;
  capacityMinutes: number | null;
  atCapacity: boolean;
  /** Why they would not get work now; null when eligible. */
  skip: SkipReason | null;
}

export type SkipReason = 'deactivated' | 'absent' | 'outside working hours' | 'at cap';

/** Takes the portal's balancer lock (held to the end of the caller's transaction) and moves its cursor. */
export async function lockPortal(query: Query, portalId: string): Promise<number> {
  const [row] = await query(
    `INSERT INTO lb_state (portal_id, pick_seq) VALUES ($1, 1) ON CONFLICT (portal_id) DO UPDATE SET pick_seq = lb_state.pick_seq + 1 RETURNING pick_seq`,
    [portalId],
  );
  return Number(row.pick_seq);
}

/** Folds the changes appended by the triggers (and the picks) into the kept loads, under the portal lock. */
export async function foldDeltas(query: Query, portalId: string): Promise<void> {
  await query(`SELECT lb_fold($1)`, [portalId]);
}

/**
 * Counts every open deal and task again with the current weights (on install and whenever the settings
 * change), under the portal lock; every user gets a row, and the cursor is kept.
 */
export async function recompute(query: Query, portalId: string, s: LoadSettings): Promise<void> {
  await lockPortal(query, portalId);
  await query(
    `INSERT INTO lb_config (portal_id, deal_minutes, task_minutes, weights) VALUES ($1, $2, $3, $4)
     ON CONFLICT (portal_id) DO UPDATE SET deal_minutes = EXCLUDED.deal_minutes, task_minutes = EXCLUDED.task_minutes, weights = EXCLUDED.weights`,
    [portalId, s.dealWeightMinutes, s.defaultTaskMinutes, JSON.stringify(s.pipelineWeightMinutes)],
  );
  await foldDeltas(query, portalId);
  await query(
    `WITH c AS (SELECT * FROM lb_config WHERE portal_id = $1),
          work AS (
            SELECT u.id AS user_id, 0 AS m, 0 AS od, 0 AS ot FROM users u WHERE u.portal_id = $1
            UNION ALL
            SELECT d.responsible_id, lb_deal_weight(c, d.pipeline_id), 1, 0
              FROM deals d, c WHERE d.portal_id = $1 AND d.closed_at IS NULL AND d.responsible_id IS NOT NULL
            UNION ALL
            SELECT t.assignee_id, coalesce(t.estimate_minutes, c.task_minutes), 0, 1
              FROM tasks t, c WHERE t.portal_id = $1 AND t.status = 'open')
     INSERT INTO lb_loads (portal_id, user_id, load_minutes, open_deals, open_tasks)
     SELECT $1, user_id, sum(m), sum(od), sum(ot) FROM work GROUP BY user_id
     ON CONFLICT (portal_id, user_id) DO UPDATE SET load_minutes = EXCLUDED.load_minutes, open_deals = EXCLUDED.open_deals, open_tasks = EXCLUDED.open_tasks`,
    [portalId],
  );
}

/** Stops keeping loads for a portal that uninstalled the plugin (reinstalling recounts them). */
export async function forget(query: Query, portalId: string): Promise<void> {
  await query(`DELETE FROM lb_config WHERE portal_id = $1`, [portalId]);
  await query(`DELETE FROM lb_load_deltas WHERE portal_id = $1`, [portalId]);
}

/*
 * The rules of eligibility of the loads view; lb_decide (schema.ts) applies the same ones. Parameters: $1 portal, $2 department,
 * $3 role, $4 today, $5 caps per user (jsonb, minutes), $6 the default cap (0: none).
 */
const IN_POOL = (u: string) => `${u}.portal_id = $1 AND ${u}.deleted_at IS NULL AND ($2::uuid IS NULL OR ${u}.department_id = $2) AND ($3::text IS NULL OR $3 = ANY(${u}.roles))`;
const ABSENT = (userId: string) => `EXISTS (SELECT 1 FROM absences a WHERE a.portal_id = $1 AND a.user_id = ${userId} AND $4::date BETWEEN a.from_date AND a.to_date)`;
const CAP = (userId: string) => `coalesce(($5::jsonb ->> ${userId}::text)::int, $6::int)`;

function poolParams(portalId: string, pool: AssignmentPool, today: string, s: LoadSettings, everyone: boolean): unknown[] {
  const role = pool.role ?? (pool.departmentId || everyone ? null : 'manager');
  return [portalId, pool.departmentId ?? null, role, today, JSON.stringify(s.userCapacityMinutes), s.capacityMinutes];
}

/** Every member of the pool with their load and why they would be skipped (the loads view). */
export async function poolMembers(query: Query, portalId: string, pool: AssignmentPool, today: string, s: LoadSettings, opts: { everyone?: boolean } = {}): Promise<MemberLoad[]> {
  const rows = await query(
    `SELECT u.id, u.name, u.active, coalesce(l.load_minutes, 0) AS load_minutes, coalesce(l.open_deals, 0) AS open_deals,
            coalesce(l.open_tasks, 0) AS open_tasks, ${ABSENT('u.id')} AS absent, ${CAP('u.id')} AS cap
       FROM users u LEFT JOIN lb_loads l ON l.portal_id = $1 AND l.user_id = u.id
      WHERE ${IN_POOL('u')}
      ORDER BY load_minutes, u.name, u.id`,
    poolParams(portalId, pool, today, s, !!opts.everyone),
  );
  return rows.map((r) => {
    const load = Number(r.load_minutes);
    const atCapacity = r.cap > 0 && load >= r.cap;
    const skip: SkipReason | null = !r.active ? 'deactivated' : r.absent ? 'absent' : atCapacity ? 'at cap' : null;
    return { userId: r.id, name: r.name, active: r.active, absent: r.absent, openTasks: r.open_tasks, openDeals: r.open_deals, loadMinutes: load, capacityMinutes: r.cap > 0 ? r.cap : null, atCapacity, skip };
  });
}

/** The outcome of weighing a pool: the two least loaded eligible, the pool's size, who was skipped and why. */
export interface PoolVerdict {
  best: { id: string; name: string; load_minutes: number }[];
  members: number;
  skipped: [string, SkipReason, number][];
  skippedCount: number;
}

/**
 * Decides in one round trip (the database function lb_decide): takes the portal lock, folds pending load
 * changes, walks lb_loads from the least loaded (ties: whoever was picked longest ago) to the first eligible
 * member and records the pick; the skipped are found from their side (the deactivated, today's absences,
 * loads at or over a cap), so a decision never weighs the whole pool.
 */
export async function decide(query: Query, portalId: string, pool: AssignmentPool, today: string, s: LoadSettings): Promise<PoolVerdict> {
  const caps = [s.capacityMinutes, ...Object.values(s.userCapacityMinutes)].filter((c) => c > 0);
  const [row] = await query(`SELECT lb_decide($1, $2, $3, $4, $5, $6, $7, $8) AS v`, [...poolParams(portalId, pool, today, s, false), caps.length ? Math.min(...caps) : null, pool.userIds ?? null]);
  return row.v;
}

/** "3.5 h", "12 h", "0.25 h": minutes as hours, without float noise. */
export function hours(minutes: number): string {
  return `${formatHours(minutes)} h`;
}

export function formatHours(minutes: number): number {
  return Math.round((Number(minutes) / 60) * 100) / 100;
}
