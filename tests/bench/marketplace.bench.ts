/**
 * Benchmark for the marketplace (issue 4), against the built app on DATABASE_URL (a fresh database on that
 * server; default postgres://postgres@127.0.0.1:5432/postgres):
 *
 * 1. Install time: every plugin of the catalog installed on a fresh portal through the API (the largest set
 *    there is), median of BENCH_PORTALS portals. Target ≤ 2 s. Baseline in the same run: signing up the
 *    portal, a request of known weight.
 * 2. POST /deals into a pipeline whose new deals are assigned by the load-balancer's `least-loaded`, with
 *    BENCH_USERS (1,000) users in the pool carrying open deals and tasks, against POST /deals naming the
 *    responsible. (Decisions per second on their own: plugins/load-balancer/bench/decisions.bench.ts.)
 */
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { createFreshDatabase, startAppProcess } from '../e2e/support/app-process';
import { call } from './http';

const USERS = Number(process.env['BENCH_USERS'] ?? 1000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const PORTALS = Number(process.env['BENCH_PORTALS'] ?? 5);

async function signUp(base: string, slug: string): Promise<{ token: string; portalId: string; ms: number }> {
  const t0 = performance.now();
  const created = await call(base, 'POST', '/portals', null, { name: slug, slug, admin: { email: `a@${slug}.test`, password: 'bench-password', name: 'Admin' } });
  const ms = performance.now() - t0;
  const login = await call(base, 'POST', '/auth/login', null, { portal: slug, email: `a@${slug}.test`, password: 'bench-password' });
  return { token: login.accessToken, portalId: created.id, ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const serverUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await createFreshDatabase(serverUrl, 'bench_market');
  const app = await startAppProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env['REDIS_URL'], LOG_LEVEL: 'warn', AUTOMATION_WORKER: 'off' });
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    // 1. Install time.
    const catalog: { id: string; dependsOn: string[] }[] = await call(app.url, 'GET', '/marketplace', (await signUp(app.url, `cat-${Date.now()}`)).token);
    const installs: number[] = [];
    const signups: number[] = [];
    for (let i = 0; i < PORTALS; i++) {
      const p = await signUp(app.url, `inst-${i}-${Date.now()}`);
      signups.push(p.ms);
      const t0 = performance.now();
      for (const plugin of catalog) await call(app.url, 'POST', `/marketplace/${plugin.id}/install`, p.token);
      installs.push(performance.now() - t0);
    }
    const install = median(installs);

    // 2. Decisions with USERS users carrying open work (seeded in SQL: the API's user creation hashes passwords).
    const p = await signUp(app.url, `lb-${Date.now()}`);
    await call(app.url, 'POST', '/marketplace/load-balancer/install', p.token);
    const dept = (await call(app.url, 'POST', '/departments', p.token, { name: 'Sales' })).id;
    const pipeline = await call(app.url, 'POST', '/pipelines', p.token, { code: 'leads', name: 'Leads', stages: [{ code: 'new', name: 'New' }] });
    await pool.query(
      `INSERT INTO users (portal_id, email, name, password_hash, roles, department_id, active)
       SELECT $1, 'm' || i || '@bench.test', 'Manager ' || i, 'x', '{manager}', $2, true FROM generate_series(1, $3) i`,
      [p.portalId, dept, USERS],
    );
    await pool.query(
      `INSERT INTO deals (portal_id, title, pipeline_id, stage_id, responsible_id)
       SELECT $1, 'Seed ' || g, $2, $3, (SELECT id FROM users WHERE portal_id = $1 AND email = 'm' || (1 + g % $4) || '@bench.test')
         FROM generate_series(1, $4 * 5) g`,
      [p.portalId, pipeline.id, pipeline.stages[0].id, USERS],
    );
    await pool.query(
      `INSERT INTO tasks (portal_id, title, assignee_id, due_at, estimate_minutes)
       SELECT $1, 'Seed task ' || g, (SELECT id FROM users WHERE portal_id = $1 AND email = 'm' || (1 + g % $2) || '@bench.test'), now() + interval '1 day', 30 + g % 90
         FROM generate_series(1, $2 * 3) g`,
      [p.portalId, USERS],
    );
    await pool.query('ANALYZE');
    // One assignment folds the seeded work into the kept loads; then the planner sees them, as after autovacuum.
    await call(app.url, 'PATCH', `/pipelines/${pipeline.id}`, p.token, { assignment: { strategy: 'least-loaded', departmentId: dept } });
    await call(app.url, 'POST', '/deals', p.token, { title: 'Warm-up', pipeline: 'leads' });
    await pool.query('ANALYZE');
    await call(app.url, 'PATCH', `/pipelines/${pipeline.id}`, p.token, { assignment: { strategy: 'least-loaded', departmentId: dept } });
    const someone = (await pool.query(`SELECT id FROM users WHERE portal_id = $1 AND email = 'm1@bench.test'`, [p.portalId])).rows[0].id;
    const post = async (body: unknown) => {
      const r = await autocannon({
        url: `${app.url}/deals`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify(body),
        connections: 4,
        duration: SECONDS,
      });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`POST /deals: ${r.non2xx} non-2xx, ${r.errors} errors`);
      return r.requests.average;
    };
    const assigned = await post({ title: 'Bench lead', pipeline: 'leads' });
    const named = await post({ title: 'Bench lead', pipeline: 'leads', responsibleId: someone });

    console.log(`\nmarketplace benchmark (${catalog.length} plugin(s) in the catalog: ${catalog.map((c) => c.id).join(', ')})`);
    console.log(`  install of the whole catalog on a fresh portal: median ${install.toFixed(0)} ms of ${PORTALS} (target ≤ 2000 ms) ${install <= 2000 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`  baseline, portal sign-up: median ${median(signups).toFixed(0)} ms → install = ${(install / median(signups)).toFixed(2)} × a sign-up`);
    console.log(`\nPOST /deals with load-balanced assignment (${USERS} users in the pool, ${USERS * 5} open deals, ${USERS * 3} open tasks, 4 connections, ${SECONDS}s each)`);
    console.log(`  POST /deals assigned by the strategy: ${assigned.toFixed(0)} req/s; naming the responsible: ${named.toFixed(0)} req/s → ratio ${(assigned / named).toFixed(2)}`);
  } finally {
    await pool.end();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
