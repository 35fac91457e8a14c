/**
 * Benchmark (issue 6): BENCH_PROJECTS (1,000) projects with BENCH_ENTRIES (1,000,000) time entries of 20 people,
 * generated with SQL generate_series (not through the API), on the real database (a fresh PostgreSQL database
 * when DATABASE_URL is set, else PGlite), booted with the SDK's test kit.
 *
 * - GET /reports/profitability (all projects, CSV and the first JSON page) against the raw SQL aggregate of the
 *   same figures over the entries, in the same run: the ratio API / raw (target ≤ 1.5×).
 * - GET /deals/:id/profitability of one project (~1,000 entries) against the raw SQL of the same answer (totals,
 *   by person, by task, by department straight from the entries): the ratio (target ≤ 1.5×).
 * - POST /time-entries per second through the API (costing, rollup and alert evaluation included).
 * Prints figures; never asserts times.
 */
import { bootPortal } from '@portal/plugin-sdk/testing';
// The test kit boots a catalog, and install resolves dependencies from it: the load-balancer's manifest must be
// in it. Test-only; the plugin's own code never imports another plugin.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadBalancer } from '@portal/plugin-load-balancer';
import { digitalStudio } from '../server';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 1000);
const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 1_000_000);
const PEOPLE = 20;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

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
  const portal = await bootPortal({ plugins: [loadBalancer, digitalStudio], install: ['digital-studio'] });
  try {
    const p = portal.portalId;
    const t0 = performance.now();
    const dept = (await portal.api('POST', '/departments', { name: 'Studio' })).body.id;
    const pipeline = ((await portal.api('GET', '/pipelines')).body as any[]).find((x) => x.code === 'studio_projects');
    const stage = pipeline.stages.find((s: any) => s.code === 'development').id;
    await portal.sql(
      `INSERT INTO users (portal_id, email, name, password_hash, roles, department_id, active)
       SELECT $1, 'dev' || i || '@bench.test', 'Developer ' || i, 'x', '{employee}', $2, true FROM generate_series(1, $3) i`,
      [p, dept, PEOPLE],
    );
    await portal.sql(
      `INSERT INTO ds_cost_rates (portal_id, user_id, hourly_cost, currency, valid_from)
       SELECT $1, id, 300 + (row_number() OVER (ORDER BY id)) * 25, 'UAH', current_date - 365 FROM users WHERE portal_id = $1 AND department_id = $2`,
      [p, dept],
    );
    await portal.sql(
      `INSERT INTO deals (portal_id, title, pipeline_id, stage_id, budget, responsible_id)
       SELECT $1, 'Project ' || g, $2, $3, 200000 + (g % 37) * 10000, $4 FROM generate_series(1, $5) g`,
      [p, pipeline.id, stage, portal.adminId, PROJECTS],
    );
    await portal.sql(
      `WITH d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM deals WHERE portal_id = $1),
            u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE portal_id = $1 AND department_id = $2)
       INSERT INTO tasks (portal_id, title, assignee_id, deal_id, due_at, estimate_minutes)
       SELECT $1, 'Task ' || k, u.id, d.id, now() + interval '7 days', 6000 + k * 1000 FROM d CROSS JOIN generate_series(0, 2) k JOIN u ON u.n = (d.n * 3 + k) % $3`,
      [p, dept, PEOPLE],
    );
    await portal.sql(
      `WITH d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM deals WHERE portal_id = $1),
            t AS (SELECT id, deal_id, row_number() OVER (PARTITION BY deal_id ORDER BY id) - 1 AS k FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL),
            u AS (SELECT u.id, u.department_id, r.hourly_cost, row_number() OVER (ORDER BY u.id) - 1 AS n
                    FROM users u JOIN ds_cost_rates r ON r.user_id = u.id WHERE u.portal_id = $1 AND u.department_id = $2),
            g AS (SELECT g, 15 + g % 120 AS m, current_date - (g % 120) AS w FROM generate_series(1, $3) g)
       INSERT INTO ds_time_entries (portal_id, user_id, deal_id, task_id, department_id, minutes, started_at, work_date, source, hourly_cost, cost)
       SELECT $1, u.id, d.id, t.id, u.department_id, g.m, g.w + time '10:00', g.w, 'manual', u.hourly_cost, round(g.m * u.hourly_cost / 60, 2)
         FROM g JOIN d ON d.n = g.g % $4 JOIN u ON u.n = g.g % $5 JOIN t ON t.deal_id = d.id AND t.k = g.g % 3`,
      [p, dept, ENTRIES, PROJECTS, PEOPLE],
    );
    await portal.sql('ANALYZE');
    const seeded = (performance.now() - t0) / 1000;
    const [{ n }] = await portal.sql(`SELECT count(*)::int AS n FROM ds_time_entries WHERE portal_id = $1`, [p]);

    // The raw aggregate: the report's figures straight from the entries (no rollup).
    const rawReport = () =>
      portal.sql(
        `WITH e AS (SELECT deal_id, sum(minutes) AS minutes, sum(cost) AS cost FROM ds_time_entries WHERE portal_id = $1 GROUP BY deal_id),
              x AS (SELECT deal_id, sum(amount) AS amount FROM ds_expenses WHERE portal_id = $1 GROUP BY deal_id),
              pl AS (SELECT deal_id, sum(estimate_minutes) AS planned FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL GROUP BY deal_id)
         SELECT d.id, d.title, coalesce(d.budget, 0) AS revenue, coalesce(e.cost, 0) AS labor, coalesce(x.amount, 0) AS expenses,
                coalesce(d.budget, 0) - coalesce(e.cost, 0) - coalesce(x.amount, 0) AS gp,
                round((coalesce(d.budget, 0) - coalesce(e.cost, 0) - coalesce(x.amount, 0)) * 100 / nullif(d.budget, 0), 2) AS margin,
                coalesce(e.minutes, 0) AS minutes, coalesce(pl.planned, 0) AS planned
           FROM deals d LEFT JOIN e ON e.deal_id = d.id LEFT JOIN x ON x.deal_id = d.id LEFT JOIN pl ON pl.deal_id = d.id
          WHERE d.portal_id = $1 ORDER BY margin NULLS LAST`,
        [p],
      );
    const [deal] = await portal.sql(`SELECT id FROM deals WHERE portal_id = $1 ORDER BY id LIMIT 1`, [p]);
    const rawProject = () =>
      portal.sql(
        `WITH e AS (SELECT user_id, task_id, department_id, minutes, cost FROM ds_time_entries WHERE deal_id = $2 AND portal_id = $1)
         SELECT (SELECT json_build_object('minutes', sum(minutes), 'cost', sum(cost)) FROM e) AS totals,
                (SELECT json_agg(x) FROM (SELECT user_id, sum(minutes) AS m, sum(cost) AS c FROM e GROUP BY user_id) x) AS by_user,
                (SELECT json_agg(x) FROM (SELECT t.id, t.estimate_minutes, sum(e.minutes) AS m, sum(e.cost) AS c FROM tasks t LEFT JOIN e ON e.task_id = t.id
                                            WHERE t.portal_id = $1 AND t.deal_id = $2 GROUP BY t.id, t.estimate_minutes) x) AS by_task,
                (SELECT json_agg(x) FROM (SELECT department_id, sum(minutes) AS m, sum(cost) AS c FROM e GROUP BY department_id) x) AS by_department,
                (SELECT budget FROM deals WHERE id = $2) AS revenue`,
        [p, deal.id],
      );
    const apiCsv = async () => {
      const res = await fetch(`${portal.url}/reports/profitability?format=csv`, { headers: { authorization: `Bearer ${portal.token}` } });
      if (res.status !== 200) throw new Error(`report: ${res.status}`);
      return res.text();
    };
    const apiJson = async () => {
      const res = await portal.api('GET', '/reports/profitability?limit=200');
      if (res.status !== 200) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const apiProject = async () => {
      const res = await portal.api('GET', `/deals/${deal.id}/profitability`);
      if (res.status !== 200) throw new Error(`profitability: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const csv = await apiCsv();
    const rows = csv.split('\r\n').length - 2;
    const sample = await apiProject();
    for (const fn of [rawReport, apiCsv, apiJson, rawProject, apiProject]) await median(3, fn);
    const tRaw = await median(7, rawReport);
    const tCsv = await median(7, apiCsv);
    const tJson = await median(7, apiJson);
    const tRawProject = await median(51, rawProject);
    const tProject = await median(51, apiProject);

    const task = (await portal.sql(`SELECT id FROM tasks WHERE portal_id = $1 AND deal_id = $2 LIMIT 1`, [p, deal.id]))[0].id;
    const writes = await rate(SECONDS, async () => {
      const res = await portal.api('POST', '/time-entries', { taskId: task, minutes: 30 });
      if (res.status !== 201) throw new Error(`time entry: ${res.status} ${JSON.stringify(res.body)}`);
    });

    // Eight people logging at once, each on another project.
    const tasks = (await portal.sql(`SELECT DISTINCT ON (deal_id) id FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL ORDER BY deal_id, id LIMIT 8`, [p])).map((r: any) => r.id);
    let parallel = 0;
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      tasks.map(async (taskId: string) => {
        while (performance.now() < end) {
          const res = await portal.api('POST', '/time-entries', { taskId, minutes: 15 });
          if (res.status !== 201) throw new Error(`time entry: ${res.status} ${JSON.stringify(res.body)}`);
          parallel++;
        }
      }),
    );

    const mode = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'embedded PGlite';
    const r = (a: number, b: number) => (a / b).toFixed(2);
    console.log(`\ndigital-studio profitability (${PROJECTS} projects, ${n.toLocaleString('en')} time entries of ${PEOPLE} people, ${mode}; seeded in ${seeded.toFixed(1)} s)`);
    console.log(`  e.g. ${sample.minutes} min, labour ${sample.laborCost}, gross profit ${sample.grossProfit}, margin ${sample.marginPct} %`);
    console.log(`  raw SQL aggregate of all projects:            ${tRaw.toFixed(1)} ms`);
    console.log(`  GET /reports/profitability?format=csv (${rows} rows): ${tCsv.toFixed(1)} ms → ratio ${r(tCsv, tRaw)} (target ≤ 1.5) ${tCsv / tRaw <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`  GET /reports/profitability (JSON, 200 rows):   ${tJson.toFixed(1)} ms → ratio ${r(tJson, tRaw)} ${tJson / tRaw <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`  raw SQL of one project (totals, by person/task/department): ${tRawProject.toFixed(2)} ms`);
    console.log(`  GET /deals/:id/profitability:                 ${tProject.toFixed(2)} ms → ratio ${r(tProject, tRawProject)} (target ≤ 1.5) ${tProject / tRawProject <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`  POST /time-entries: ${writes.toFixed(0)}/s sequential (one client); ${(parallel / SECONDS).toFixed(0)}/s with ${tasks.length} clients on ${tasks.length} projects`);
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
