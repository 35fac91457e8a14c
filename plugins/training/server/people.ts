import type { Sql } from './sql';

/**
 * Who leads whom, and the portal's clock, in SQL shared by the services, the hooks and the sweeper.
 *
 * A head's people are the members of the departments they head and of those departments' sub-departments, at any
 * depth. A person's head (who hears about their overdue training) is the head of their department, or — when that
 * is nobody or the person themselves — of the nearest department above it that has one.
 */

/** The portal's "now" as SQL over `p` (portals): a sandbox portal's test clock, else the database's time. */
export const PORTAL_NOW = `CASE WHEN p.sandbox AND p.clock_now IS NOT NULL THEN p.clock_now ELSE now() END`;

export async function portalNow(sql: Sql, portalId: string): Promise<Date> {
  const [row] = await sql.query<{ now: Date }>(`SELECT ${PORTAL_NOW} AS now FROM portals p WHERE p.id = $1`, [portalId]);
  return new Date(row.now);
}

/** The departments a person heads, with all their sub-departments, as a CTE `headed(id)` over $1 portal, $2 head. */
export const HEADED_CTE = `WITH RECURSIVE headed AS (
    SELECT id FROM departments WHERE portal_id = $1 AND head_id = $2
    UNION
    SELECT d.id FROM departments d JOIN headed h ON d.parent_id = h.id WHERE d.portal_id = $1
  )`;

export async function headedDepartments(sql: Sql, portalId: string, headId: string): Promise<string[]> {
  return (await sql.query<{ id: string }>(`${HEADED_CTE} SELECT id FROM headed`, [portalId, headId])).map((r) => r.id);
}

/** Whether `userId` is one of `headId`'s people. */
export async function isHeadOf(sql: Sql, portalId: string, headId: string, userId: string): Promise<boolean> {
  const rows = await sql.query(`${HEADED_CTE} SELECT 1 FROM users u WHERE u.portal_id = $1 AND u.id = $3 AND u.department_id IN (SELECT id FROM headed)`, [portalId, headId, userId]);
  return rows.length > 0;
}

/** The nearest active head above a person (never the person), or null. */
export async function headOf(sql: Sql, portalId: string, userId: string): Promise<{ id: string; name: string; locale: string | null } | null> {
  const [row] = await sql.query(
    `WITH RECURSIVE up AS (
       SELECT d.id, d.head_id, d.parent_id, 0 AS depth FROM departments d JOIN users u ON u.department_id = d.id WHERE u.portal_id = $1 AND u.id = $2
       UNION ALL
       SELECT d.id, d.head_id, d.parent_id, up.depth + 1 FROM departments d JOIN up ON d.id = up.parent_id WHERE d.portal_id = $1 AND up.depth < 50
     )
     SELECT h.id, h.name, h.locale FROM up JOIN users h ON h.id = up.head_id AND h.portal_id = $1 AND h.active AND h.deleted_at IS NULL
      WHERE up.head_id <> $2 ORDER BY up.depth LIMIT 1`,
    [portalId, userId],
  );
  return row ?? null;
}

export const BUILT_IN_ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'] as const;

/** Roles a course or an assignment may name: the built-in ones and any role a person of the portal holds. */
export async function knownRoles(sql: Sql, portalId: string): Promise<Set<string>> {
  const rows = await sql.query<{ role: string }>(`SELECT DISTINCT unnest(roles) AS role FROM users WHERE portal_id = $1`, [portalId]);
  return new Set<string>([...BUILT_IN_ROLES, ...rows.map((r) => r.role)]);
}
