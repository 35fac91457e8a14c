import type { PluginSchemaMigration } from '@portal/plugin-sdk';

/**
 * Loads are kept, not recounted: weighing 1,000 people's open deals and tasks on every decision would cost
 * milliseconds each. Triggers on deals and tasks append signed changes to `lb_load_deltas` for portals that
 * have a `lb_config` (installed the plugin); decisions fold them into `lb_loads` under the portal's
 * `lb_state` row lock. Appending never waits on a lock, so busy deals and tasks never deadlock with
 * decisions. Bulk inserts (imports) are handled per statement; row triggers fire only on relevant changes.
 */
export const SCHEMA: PluginSchemaMigration[] = [
  {
    timestamp: 1764600000000,
    name: 'loads',
    up: [
      `CREATE TABLE lb_state (portal_id uuid PRIMARY KEY REFERENCES portals(id) ON DELETE CASCADE, pick_seq bigint NOT NULL DEFAULT 0)`,
      `CREATE TABLE lb_config (
         portal_id uuid PRIMARY KEY REFERENCES portals(id) ON DELETE CASCADE,
         deal_minutes int NOT NULL,
         task_minutes int NOT NULL,
         weights jsonb NOT NULL DEFAULT '{}'
       )`,
      `CREATE TABLE lb_loads (
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         user_id uuid NOT NULL,
         load_minutes bigint NOT NULL DEFAULT 0,
         open_deals int NOT NULL DEFAULT 0,
         open_tasks int NOT NULL DEFAULT 0,
         last_pick bigint NOT NULL DEFAULT 0,
         PRIMARY KEY (portal_id, user_id)
       )`,
      // Decisions walk this index from the least loaded (and, among equals, least recently picked) up.
      `CREATE INDEX lb_loads_order_idx ON lb_loads (portal_id, load_minutes, last_pick, user_id)`,
      `CREATE INDEX lb_users_pool_idx ON users (portal_id, department_id) WHERE deleted_at IS NULL`,
      `CREATE INDEX lb_users_inactive_idx ON users (portal_id) WHERE NOT active AND deleted_at IS NULL`,
      `CREATE TABLE lb_load_deltas (
         id bigserial PRIMARY KEY,
         portal_id uuid NOT NULL,
         user_id uuid NOT NULL,
         load_minutes bigint NOT NULL,
         open_deals int NOT NULL,
         open_tasks int NOT NULL,
         last_pick bigint NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX lb_load_deltas_portal_idx ON lb_load_deltas (portal_id)`,
      `CREATE FUNCTION lb_deal_weight(c lb_config, pipeline uuid) RETURNS int LANGUAGE sql STABLE AS $$
         SELECT coalesce((c.weights ->> p.code)::int, c.deal_minutes) FROM pipelines p WHERE p.id = pipeline
       $$`,
      `CREATE FUNCTION lb_deals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
         SELECT n.portal_id, n.responsible_id, sum(lb_deal_weight(c, n.pipeline_id)), count(*), 0
           FROM lb_new n JOIN lb_config c ON c.portal_id = n.portal_id
          WHERE n.closed_at IS NULL AND n.responsible_id IS NOT NULL
          GROUP BY 1, 2;
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION lb_deal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE c lb_config;
       BEGIN
         SELECT * INTO c FROM lb_config WHERE portal_id = OLD.portal_id;
         IF NOT FOUND THEN RETURN NULL; END IF;
         IF OLD.closed_at IS NULL AND OLD.responsible_id IS NOT NULL THEN
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
           VALUES (OLD.portal_id, OLD.responsible_id, -lb_deal_weight(c, OLD.pipeline_id), -1, 0);
         END IF;
         IF TG_OP = 'UPDATE' AND NEW.closed_at IS NULL AND NEW.responsible_id IS NOT NULL THEN
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
           VALUES (NEW.portal_id, NEW.responsible_id, lb_deal_weight(c, NEW.pipeline_id), 1, 0);
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER lb_deals_ins AFTER INSERT ON deals REFERENCING NEW TABLE AS lb_new FOR EACH STATEMENT EXECUTE FUNCTION lb_deals_inserted()`,
      `CREATE TRIGGER lb_deals_upd AFTER UPDATE ON deals FOR EACH ROW
         WHEN (OLD.responsible_id IS DISTINCT FROM NEW.responsible_id OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL) OR OLD.pipeline_id <> NEW.pipeline_id)
         EXECUTE FUNCTION lb_deal_changed()`,
      `CREATE TRIGGER lb_deals_del AFTER DELETE ON deals FOR EACH ROW WHEN (OLD.closed_at IS NULL AND OLD.responsible_id IS NOT NULL) EXECUTE FUNCTION lb_deal_changed()`,
      `CREATE FUNCTION lb_tasks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
         SELECT n.portal_id, n.assignee_id, sum(coalesce(n.estimate_minutes, c.task_minutes)), 0, count(*)
           FROM lb_new n JOIN lb_config c ON c.portal_id = n.portal_id
          WHERE n.status = 'open'
          GROUP BY 1, 2;
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION lb_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE c lb_config;
       BEGIN
         SELECT * INTO c FROM lb_config WHERE portal_id = OLD.portal_id;
         IF NOT FOUND THEN RETURN NULL; END IF;
         IF OLD.status = 'open' THEN
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
           VALUES (OLD.portal_id, OLD.assignee_id, -coalesce(OLD.estimate_minutes, c.task_minutes), 0, -1);
         END IF;
         IF TG_OP = 'UPDATE' AND NEW.status = 'open' THEN
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
           VALUES (NEW.portal_id, NEW.assignee_id, coalesce(NEW.estimate_minutes, c.task_minutes), 0, 1);
         END IF;
         RETURN NULL;
       END $$`,
      // One decision, one round trip: the lock, then (each statement seeing what committed before it) the
      // fold of pending changes, the walk of lb_loads from the least loaded, the pick recorded, the skipped.
      `CREATE FUNCTION lb_decide(p_portal uuid, p_dept uuid, p_role text, p_today date, p_caps jsonb, p_cap int, p_min_cap int) RETURNS json
       LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
       DECLARE
         v_seq bigint;
         v_result json;
       BEGIN
         INSERT INTO lb_state (portal_id, pick_seq) VALUES (p_portal, 1)
           ON CONFLICT (portal_id) DO UPDATE SET pick_seq = lb_state.pick_seq + 1 RETURNING pick_seq INTO v_seq;
         PERFORM lb_fold(p_portal);
         WITH best AS (
           SELECT l.user_id AS id, u.name, l.load_minutes, l.last_pick
             FROM lb_loads l JOIN users u ON u.id = l.user_id
            WHERE l.portal_id = p_portal AND u.portal_id = p_portal AND u.deleted_at IS NULL AND u.active
              AND (p_dept IS NULL OR u.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(u.roles))
              AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.portal_id = p_portal AND a.user_id = l.user_id AND p_today BETWEEN a.from_date AND a.to_date)
              AND NOT (coalesce((p_caps ->> l.user_id::text)::int, p_cap) > 0 AND l.load_minutes >= coalesce((p_caps ->> l.user_id::text)::int, p_cap))
            ORDER BY l.load_minutes, l.last_pick, l.user_id
            LIMIT 2
         ), picked AS (
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks, last_pick)
           SELECT p_portal, b.id, 0, 0, 0, v_seq FROM (SELECT id FROM best ORDER BY load_minutes, last_pick, id LIMIT 1) b
           RETURNING user_id
         ), skipped AS (
           SELECT DISTINCT ON (p.id) p.name, s.why, s.cap FROM (
             SELECT id AS user_id, 'deactivated' AS why, 0 AS cap, 1 AS rank FROM users WHERE portal_id = p_portal AND NOT active AND deleted_at IS NULL
             UNION ALL
             SELECT user_id, 'absent', 0, 2 FROM absences WHERE portal_id = p_portal AND p_today BETWEEN from_date AND to_date
             UNION ALL
             SELECT l.user_id, 'at cap', coalesce((p_caps ->> l.user_id::text)::int, p_cap), 3 FROM lb_loads l
              WHERE p_min_cap IS NOT NULL AND l.portal_id = p_portal AND l.load_minutes >= p_min_cap
                AND coalesce((p_caps ->> l.user_id::text)::int, p_cap) > 0 AND l.load_minutes >= coalesce((p_caps ->> l.user_id::text)::int, p_cap)
           ) s JOIN users p ON p.id = s.user_id
            WHERE p.portal_id = p_portal AND p.deleted_at IS NULL AND (p_dept IS NULL OR p.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(p.roles))
           ORDER BY p.id, s.rank
         )
         SELECT json_build_object(
                  'best', (SELECT coalesce(json_agg(b ORDER BY b.load_minutes, b.last_pick, b.id), '[]') FROM best b),
                  'members', (SELECT count(*) FROM users u WHERE u.portal_id = p_portal AND u.deleted_at IS NULL
                                AND (p_dept IS NULL OR u.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(u.roles))),
                  'skippedCount', (SELECT count(*) FROM skipped),
                  'skipped', (SELECT coalesce(json_agg(json_build_array(x.name, x.why, x.cap) ORDER BY x.name), '[]') FROM (SELECT * FROM skipped ORDER BY name LIMIT 6) x),
                  'picked', (SELECT count(*) FROM picked))
           INTO v_result;
         RETURN v_result;
       END $$`,
      `CREATE FUNCTION lb_fold(p_portal uuid) RETURNS void LANGUAGE sql VOLATILE AS $$
         WITH d AS (DELETE FROM lb_load_deltas WHERE portal_id = p_portal RETURNING user_id, load_minutes, open_deals, open_tasks, last_pick),
              s AS (SELECT user_id, sum(load_minutes) AS lm, sum(open_deals) AS od, sum(open_tasks) AS ot, max(last_pick) AS lp FROM d GROUP BY user_id)
         INSERT INTO lb_loads (portal_id, user_id, load_minutes, open_deals, open_tasks, last_pick)
         SELECT p_portal, user_id, lm, od, ot, lp FROM s
         ON CONFLICT (portal_id, user_id) DO UPDATE SET load_minutes = lb_loads.load_minutes + EXCLUDED.load_minutes,
           open_deals = lb_loads.open_deals + EXCLUDED.open_deals, open_tasks = lb_loads.open_tasks + EXCLUDED.open_tasks,
           last_pick = greatest(lb_loads.last_pick, EXCLUDED.last_pick)
       $$`,
      // Every member gets a row (load 0), so the ordered walk of lb_loads sees newcomers first.
      `CREATE FUNCTION lb_users_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks)
         SELECT n.portal_id, n.id, 0, 0, 0 FROM lb_new n JOIN lb_config c ON c.portal_id = n.portal_id;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER lb_users_ins AFTER INSERT ON users REFERENCING NEW TABLE AS lb_new FOR EACH STATEMENT EXECUTE FUNCTION lb_users_inserted()`,
      `CREATE TRIGGER lb_tasks_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS lb_new FOR EACH STATEMENT EXECUTE FUNCTION lb_tasks_inserted()`,
      `CREATE TRIGGER lb_tasks_upd AFTER UPDATE ON tasks FOR EACH ROW
         WHEN (OLD.assignee_id <> NEW.assignee_id OR OLD.status <> NEW.status OR OLD.estimate_minutes IS DISTINCT FROM NEW.estimate_minutes)
         EXECUTE FUNCTION lb_task_changed()`,
      `CREATE TRIGGER lb_tasks_del AFTER DELETE ON tasks FOR EACH ROW WHEN (OLD.status = 'open') EXECUTE FUNCTION lb_task_changed()`,
    ],
    down: [
      `DROP TRIGGER IF EXISTS lb_users_ins ON users`,
      `DROP TRIGGER IF EXISTS lb_tasks_del ON tasks`,
      `DROP TRIGGER IF EXISTS lb_tasks_upd ON tasks`,
      `DROP TRIGGER IF EXISTS lb_tasks_ins ON tasks`,
      `DROP TRIGGER IF EXISTS lb_deals_del ON deals`,
      `DROP TRIGGER IF EXISTS lb_deals_upd ON deals`,
      `DROP TRIGGER IF EXISTS lb_deals_ins ON deals`,
      `DROP INDEX IF EXISTS lb_users_pool_idx, lb_users_inactive_idx`,
      `DROP FUNCTION IF EXISTS lb_decide, lb_fold, lb_users_inserted, lb_task_changed, lb_tasks_inserted, lb_deal_changed, lb_deals_inserted, lb_deal_weight`,
      `DROP TABLE IF EXISTS lb_load_deltas, lb_loads, lb_config, lb_state`,
    ],
  },
  {
    // A pool may be limited to given users (core sets them from a pipeline's `requiresCourseId`: those who passed the course).
    timestamp: 1764900000000,
    name: 'loads-pool-users',
    up: [
      `DROP FUNCTION lb_decide(uuid, uuid, text, date, jsonb, int, int)`,
      `CREATE FUNCTION lb_decide(p_portal uuid, p_dept uuid, p_role text, p_today date, p_caps jsonb, p_cap int, p_min_cap int, p_users uuid[]) RETURNS json
       LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
       DECLARE
         v_seq bigint;
         v_result json;
       BEGIN
         INSERT INTO lb_state (portal_id, pick_seq) VALUES (p_portal, 1)
           ON CONFLICT (portal_id) DO UPDATE SET pick_seq = lb_state.pick_seq + 1 RETURNING pick_seq INTO v_seq;
         PERFORM lb_fold(p_portal);
         WITH best AS (
           SELECT l.user_id AS id, u.name, l.load_minutes, l.last_pick
             FROM lb_loads l JOIN users u ON u.id = l.user_id
            WHERE l.portal_id = p_portal AND u.portal_id = p_portal AND u.deleted_at IS NULL AND u.active
              AND (p_dept IS NULL OR u.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(u.roles))
              AND (p_users IS NULL OR u.id = ANY(p_users))
              AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.portal_id = p_portal AND a.user_id = l.user_id AND p_today BETWEEN a.from_date AND a.to_date)
              AND NOT (coalesce((p_caps ->> l.user_id::text)::int, p_cap) > 0 AND l.load_minutes >= coalesce((p_caps ->> l.user_id::text)::int, p_cap))
            ORDER BY l.load_minutes, l.last_pick, l.user_id
            LIMIT 2
         ), picked AS (
           INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks, last_pick)
           SELECT p_portal, b.id, 0, 0, 0, v_seq FROM (SELECT id FROM best ORDER BY load_minutes, last_pick, id LIMIT 1) b
           RETURNING user_id
         ), skipped AS (
           SELECT DISTINCT ON (p.id) p.name, s.why, s.cap FROM (
             SELECT id AS user_id, 'deactivated' AS why, 0 AS cap, 1 AS rank FROM users WHERE portal_id = p_portal AND NOT active AND deleted_at IS NULL
             UNION ALL
             SELECT user_id, 'absent', 0, 2 FROM absences WHERE portal_id = p_portal AND p_today BETWEEN from_date AND to_date
             UNION ALL
             SELECT l.user_id, 'at cap', coalesce((p_caps ->> l.user_id::text)::int, p_cap), 3 FROM lb_loads l
              WHERE p_min_cap IS NOT NULL AND l.portal_id = p_portal AND l.load_minutes >= p_min_cap
                AND coalesce((p_caps ->> l.user_id::text)::int, p_cap) > 0 AND l.load_minutes >= coalesce((p_caps ->> l.user_id::text)::int, p_cap)
           ) s JOIN users p ON p.id = s.user_id
            WHERE p.portal_id = p_portal AND p.deleted_at IS NULL AND (p_dept IS NULL OR p.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(p.roles)) AND (p_users IS NULL OR p.id = ANY(p_users))
           ORDER BY p.id, s.rank
         )
         SELECT json_build_object(
                  'best', (SELECT coalesce(json_agg(b ORDER BY b.load_minutes, b.last_pick, b.id), '[]') FROM best b),
                  'members', (SELECT count(*) FROM users u WHERE u.portal_id = p_portal AND u.deleted_at IS NULL
                                AND (p_dept IS NULL OR u.department_id = p_dept) AND (p_role IS NULL OR p_role = ANY(u.roles)) AND (p_users IS NULL OR u.id = ANY(p_users))),
                  'skippedCount', (SELECT count(*) FROM skipped),
                  'skipped', (SELECT coalesce(json_agg(json_build_array(x.name, x.why, x.cap) ORDER BY x.name), '[]') FROM (SELECT * FROM skipped ORDER BY name LIMIT 6) x),
                  'picked', (SELECT count(*) FROM picked))
           INTO v_result;
         RETURN v_result;
       END $$`,
    ],
    down: [`DROP FUNCTION IF EXISTS lb_decide(uuid, uuid, text, date, jsonb, int, int, uuid[])`],
  },
];
