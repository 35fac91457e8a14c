/**
 * Benchmark: GET /api/v1/deals?pipeline=…&stage=…&limit=50 (authenticated) on a portal with 100,000 deals in
 * one pipeline, against a bare Node `http` server that runs the same SQL through `pg` on the same database,
 * in the same run. Prints both throughputs and p99 latencies, the ratio (target ≥ 0.5), the API's peak RSS
 * (target ≤ 300 MB) and how long seeding 100,000 deals through the API's bulk path (POST /deals/import) took.
 *
 * Runs on DATABASE_URL (a fresh database is created on that server; default postgres://postgres@127.0.0.1:5432/postgres).
 * BENCH_DEALS and BENCH_SECONDS shrink it for a smoke run.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { Pool } from 'pg';
import { createFreshDatabase, startAppProcess } from '../e2e/support/app-process';
import { call } from './http';

const DEALS = Number(process.env['BENCH_DEALS'] ?? 100_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const BATCH = 1000;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function measure(url: string, headers: Record<string, string>) {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

/**
 * The statement the API's list endpoint runs (libs/core/src/crm/deals/deals.repository.ts): the page cut by the
 * index first, then joined to its stage and pipeline codes and its contact ids.
 */
const LIST_SQL = `
  SELECT d.id, d.title, d.pipeline_id, p.code AS pipeline_code, d.stage_id, s.code AS stage_code, s.kind AS stage_kind,
         d.budget, d.currency, d.responsible_id, d.company_id, d.fields, d.tags, d.lost_reason,
         d.stage_entered_at, d.closed_at, d.created_at, d.updated_at,
         ARRAY(SELECT dc.contact_id::text FROM deal_contacts dc WHERE dc.deal_id = d.id ORDER BY dc.position, dc.contact_id) AS contact_ids
    FROM (SELECT id, title, pipeline_id, stage_id, budget, currency, responsible_id, company_id, fields, tags, lost_reason,
                 stage_entered_at, closed_at, created_at, updated_at
            FROM deals WHERE portal_id = $1 AND pipeline_id = $2 AND stage_id = $3
           ORDER BY created_at DESC, id DESC LIMIT $4) d
    JOIN stages s ON s.id = d.stage_id
    JOIN pipelines p ON p.id = d.pipeline_id
   ORDER BY d.created_at DESC, d.id DESC`;

function bareServer(pool: Pool, portalId: string, pipelineId: string, stageId: string): Server {
  return createServer(async (_req, res) => {
    try {
      const page = await pool.query(LIST_SQL, [portalId, pipelineId, stageId, 51]);
      const rows = page.rows.slice(0, 50);
      const items = rows.map((r) => ({
        id: r.id,
        title: r.title,
        pipeline: { id: r.pipeline_id, code: r.pipeline_code },
        stage: { id: r.stage_id, code: r.stage_code, kind: r.stage_kind },
        budget: r.budget,
        currency: r.currency,
        responsibleId: r.responsible_id,
        fields: r.fields,
        tags: r.tags,
        contactIds: r.contact_ids,
        companyId: r.company_id,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items, nextCursor: page.rows.length > 50 ? 'x' : null }));
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  });
}

async function main(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await createFreshDatabase(serverUrl, 'bench');
  const app = await startAppProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env['REDIS_URL'], LOG_LEVEL: 'warn' });
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  let bare: Server | null = null;
  try {
    const slug = `bench-${Date.now()}`;
    const portal = await call(app.url, 'POST', '/portals', null, { name: 'Bench', slug, admin: { email: 'bench@bench.test', password: 'bench-password', name: 'Bench' } });
    const { accessToken } = await call(app.url, 'POST', '/auth/login', null, { portal: slug, email: 'bench@bench.test', password: 'bench-password' });
    const pipeline = await call(app.url, 'POST', '/pipelines', accessToken, {
      code: 'sales',
      name: 'Sales',
      stages: [
        { code: 'new', name: 'New' },
        { code: 'talks', name: 'Talks' },
        { code: 'won', name: 'Won', kind: 'won' },
        { code: 'lost', name: 'Lost', kind: 'lost' },
      ],
    });
    const stage = pipeline.stages[0];

    const seedStart = process.hrtime.bigint();
    for (let done = 0; done < DEALS; done += BATCH) {
      const n = Math.min(BATCH, DEALS - done);
      const items = Array.from({ length: n }, (_, i) => ({
        title: `Deal ${done + i + 1}`,
        pipeline: 'sales',
        stage: 'new',
        budget: `${(done + i) % 100000}.50`,
        tags: (done + i) % 3 === 0 ? ['A'] : ['B'],
      }));
      await call(app.url, 'POST', '/deals/import', accessToken, { items });
    }
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    // Settle the database after the bulk load (autovacuum would otherwise land in whichever run is first).
    await pool.query('VACUUM ANALYZE');
    await pool.query('CHECKPOINT');

    const path = `/deals?pipeline=${pipeline.id}&stage=${stage.id}&limit=50`;
    const check = await call(app.url, 'GET', path, accessToken);
    if (check.items.length !== Math.min(50, DEALS)) throw new Error(`expected a full page, got ${check.items.length}`);

    bare = bareServer(pool, portal.id, pipeline.id, stage.id);
    await new Promise<void>((r) => bare!.listen(0, '127.0.0.1', () => r()));
    const barePort = (bare.address() as { port: number }).port;

    // Alternate the two (A B B A) so that neither gets the quieter half of a noisy machine.
    const apiRun = () => measure(`${app.url}${path}`, { authorization: `Bearer ${accessToken}` });
    const bareRun = () => measure(`http://127.0.0.1:${barePort}/`, {});
    const a1 = await apiRun();
    const b1 = await bareRun();
    const b2 = await bareRun();
    const a2 = await apiRun();
    const mean = (x: { rps: number; p99: number }, y: { rps: number; p99: number }) => ({ rps: (x.rps + y.rps) / 2, p99: Math.max(x.p99, y.p99) });
    const api = mean(a1, a2);
    const baseline = mean(b1, b2);
    const rss = peakRssMb(app.child.pid!);
    const ratio = api.rps / baseline.rps;

    console.log(`\ndeals-list benchmark (${DEALS} deals, ${CONNECTIONS} connections, 2 × ${SECONDS}s each, alternated)`);
    console.log(`  seeding ${DEALS} deals via POST /deals/import: ${seedSeconds.toFixed(1)} s (${Math.round(DEALS / seedSeconds)} deals/s)`);
    console.log(`  API       : ${api.rps.toFixed(0)} req/s, p99 ${api.p99} ms`);
    console.log(`  bare pg   : ${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99} ms`);
    console.log(`  ratio     : ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`  API peak RSS: ${rss} MB (target ≤ 300 MB) ${rss <= 300 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    bare?.close();
    await pool.end();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
