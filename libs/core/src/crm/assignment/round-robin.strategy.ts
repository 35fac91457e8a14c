import type { AssignmentStrategy } from './assignment.types';

/** Core's strategy: the active member of the pool (default: managers) who was given a deal longest ago. */
export const roundRobin: AssignmentStrategy = async ({ portalId, pool, query }) => {
  const [row] = await query(
    `SELECT u.id, u.name FROM users u
      WHERE u.portal_id = $1 AND u.active AND u.deleted_at IS NULL
        AND ($2::uuid IS NULL OR u.department_id = $2) AND ($3::text IS NULL OR $3 = ANY(u.roles)) AND ($4::uuid[] IS NULL OR u.id = ANY($4))
      ORDER BY (SELECT max(d.created_at) FROM deals d WHERE d.responsible_id = u.id) ASC NULLS FIRST, u.id LIMIT 1`,
    [portalId, pool.departmentId ?? null, pool.departmentId || pool.role ? (pool.role ?? null) : 'manager', pool.userIds ?? null],
  );
  return row ? { userId: row.id, reason: `round robin: ${row.name} had the oldest last deal` } : null;
};
