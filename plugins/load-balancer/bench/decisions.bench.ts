/**
 * Benchmark (issue 4): `least-loaded` decisions per second with BENCH_USERS (1,000) users in one department
 * carrying BENCH_USERS × 5 open deals and × 3 open tasks, on the real database (a fresh PostgreSQL database
 * when DATABASE_URL is set, else PGlite), booted with the SDK's test kit. Each decision runs as the engine
 * calls it: its own transaction with the portal lock, the fold of pending load changes, the weighing of the
 * pool and the cursor update. Target ≥ 1,000/s. Baseline in the same run: the same transaction without the
 * weighing (lock and cursor only), so the ratio shows what weighing 1,000 people costs.
 */
import { bootPortal } from '@portal/plugin-sdk/testing';
import { PluginDatabase } from '@portal/plugin-sdk';
import { loadBalancer } from '../server';
import { leastLoaded } from '../server/least-loaded.strategy';
import { SETTINGS } from '../server/settings';

const USERS = Number(process.env['BENCH_USERS'] ?? 1000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

async function rate(seconds: number, fn: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return n / seconds;
}

async function main() {
  process.env['AUTOMATION_WORKER'] = 'off';
  const portal = await bootPortal({ plugins: [loadBalancer], install: ['load-balancer'] });
  try {
    const dept = (await portal.api('POST', '/departments', { name: 'Sales' })).body.id;
    const pipeline = (await portal.api('POST', '/pipelines', { code: 'leads', name: 'Leads', stages: [{ code: 'new', name: 'New' }] })).body;
    await portal.sql(
      `INSERT INTO users (portal_id, email, name, password_hash, roles, department_id, active)
       SELECT $1, 'm' || i || '@bench.test', 'Manager ' || i, 'x', '{manager}', $2, true FROM generate_series(1, $3) i`,
      [portal.portalId, dept, USERS],
    );
    await portal.sql(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE portal_id = $1 AND department_id = $2)
       INSERT INTO deals (portal_id, title, pipeline_id, stage_id, responsible_id)
       SELECT $1, 'Seed ' || g, $3, $4, u.id FROM generate_series(0, $5 * 5 - 1) g JOIN u ON u.n = g % $5`,
      [portal.portalId, dept, pipeline.id, pipeline.stages[0].id, USERS],
    );
    await portal.sql(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE portal_id = $1 AND department_id = $2)
       INSERT INTO tasks (portal_id, title, assignee_id, due_at, estimate_minutes)
       SELECT $1, 'Seed task ' || g, u.id, now() + interval '1 day', 30 + g % 90 FROM generate_series(0, $3 * 3 - 1) g JOIN u ON u.n = g % $3`,
      [portal.portalId, dept, USERS],
    );
    await portal.sql('ANALYZE');
    const db = portal.app.get(PluginDatabase);
    const settings = Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.default]));
    const today = new Date().toISOString().slice(0, 10);
    const query = (sql: string, params: unknown[]) => db.query(sql, params);
    const decide = () =>
      db.transaction(() =>
        leastLoaded({ portalId: portal.portalId, target: 'deal', deal: null, pool: { departmentId: dept }, now: new Date(), today, workingNow: true, settings, query }),
      );
    const cursorOnly = () =>
      db.transaction(async () => {
        await query(`UPDATE lb_state SET pick_seq = pick_seq + 1 WHERE portal_id = $1 RETURNING pick_seq`, [portal.portalId]);
        await query(`DELETE FROM lb_load_deltas WHERE portal_id = $1`, [portal.portalId]);
        await query(`INSERT INTO lb_load_deltas (portal_id, user_id, load_minutes, open_deals, open_tasks) SELECT $1, user_id, 0, 0, 0 FROM lb_loads WHERE portal_id = $1 LIMIT 1`, [portal.portalId]);
      });
    const first = await decide();
    // The first decision folded the seeded work into lb_loads; let the planner see it, as autovacuum would.
    await portal.sql('ANALYZE');
    await rate(1, decide);
    const decisions = await rate(SECONDS, decide);
    const baseline = await rate(SECONDS, cursorOnly);
    const mode = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'embedded PGlite';
    console.log(`\nload-balancer decisions (${USERS} users in one department, ${USERS * 5} open deals, ${USERS * 3} open tasks, ${mode}, ${SECONDS}s each)`);
    console.log(`  e.g. ${(first as { reason: string }).reason}`);
    console.log(`  least-loaded decisions: ${decisions.toFixed(0)}/s (target ≥ 1000/s) ${decisions >= 1000 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`  baseline, the same transaction without weighing the pool: ${baseline.toFixed(0)}/s → ratio ${(decisions / baseline).toFixed(2)}`);
  } finally {
    await portal.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
