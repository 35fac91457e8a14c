/**
 * Benchmark: the automation engine (issue text: "10,000 deals enter a stage that has 3 rules (task, field, tag);
 * print events per second until every action is done (target ≥ 2,000/s) and the ratio to inserting the same tasks
 * with plain SQL in the same run (target ≥ 0.25). Then 100,000 pending timers fall due at once: print timers
 * fired per second (target ≥ 5,000/s) with 2 workers, and the count fired twice (must be 0).")
 *
 * Part A — one app process (ROLE=all) on a fresh database: pipeline `bench` (new → work), a text field, three
 * rules on `stage.entered work` (task.create, field.set, tag.add). 10,000 deals are imported into `new` (setup,
 * not measured), then moved into `work` with POST /deals/bulk setStage (500 per call, 4 calls at a time). Measured
 * from the first move request until the last of the 30,000 runs has finished (its finished_at); the move alone is
 * printed too. Baselines, same database, same run: the same 10,000 task rows inserted with plain SQL (a) one INSERT
 * per task in its own transaction on 4 connections (how the engine writes them: one transaction per run, 4 jobs at
 * a time) and (b) multi-row INSERTs of 1,000 rows. Ratio = engine events/s ÷ plain-SQL tasks/s.
 *
 * Part B — a second fresh database: 100,000 deals in `work`, a rule with a 1-day delay (tag.add). With the app
 * stopped, 100,000 `scheduled` runs (the durable timers, shaped as the dispatcher plans them) are inserted with SQL,
 * due tomorrow. Two ROLE=worker processes start on the same DATABASE_URL and REDIS_URL; once both answer, one
 * UPDATE makes every timer due at once. Measured from that commit until the last run has finished. Fired twice =
 * deals whose timeline holds more than one `automation_run` entry for the rule (must be 0).
 *
 * Exits non-zero only on a correctness failure (a run fired twice, a missing side effect, a failed run), never on
 * a missed speed target: the machine is shared, so targets are printed as met / missed.
 *
 * Env: DATABASE_URL (server; default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (default
 * redis://127.0.0.1:6379), BENCH_EVENTS (default 10000), BENCH_TIMERS (default 100000), BENCH_PART (A, B or both),
 * BENCH_PHASE_SECONDS (default 300: a measured phase still running then is cut, its rate so far printed as INCOMPLETE —
 * a slow engine is reported, not waited for), BENCH_SAMPLE=1 (print which statements the database backends were in),
 * BENCH_ONLY (when set and not "automation", this file does nothing: lets tools/bench.js run one benchmark).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { createFreshDatabase, dropDatabase, RunningApp, startAppProcess } from '../e2e/support/app-process';
import { call } from './http';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000);
const TIMERS = Number(process.env['BENCH_TIMERS'] ?? 100_000);
const PART = (process.env['BENCH_PART'] ?? 'both').toUpperCase();
const SERVER_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const IMPORT_BATCH = 1000;
const BULK_BATCH = 500;
const MOVE_CONCURRENCY = 4;
/** A phase that makes no progress for this long is reported as stuck (a correctness failure). */
const STALL_MS = 90_000;
/** A measured phase still going after this is cut short: its rate so far is printed, marked INCOMPLETE. */
const PHASE_SECONDS = Number(process.env['BENCH_PHASE_SECONDS'] ?? 300);
const JWT_SECRET = `bench-${Date.now()}-secret-with-enough-length-for-hs256`;

const TARGET_EVENTS = 2000;
const TARGET_RATIO = 0.25;
const TARGET_TIMERS = 5000;

const failures: string[] = [];
const summary: string[] = [];

function fail(msg: string): void {
  failures.push(msg);
  console.error(`  ✗ ${msg}`);
}

function verdict(ok: boolean): string {
  return ok ? 'target met' : 'TARGET MISSED';
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** Runs `tasks` with at most `n` at a time. */
async function pooled<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

async function signUp(base: string): Promise<{ token: string; portalId: string; userId: string }> {
  const slug = `bench-${Date.now()}`;
  const email = 'bench@bench.test';
  const password = 'bench-password';
  const portal = await call(base, 'POST', '/portals', null, { name: 'Bench', slug, admin: { email, password, name: 'Bench' } });
  const login = await call(base, 'POST', '/auth/login', null, { portal: slug, email, password });
  return { token: login.accessToken, portalId: portal.id, userId: login.user.id };
}

async function importDeals(base: string, token: string, n: number, stage: string): Promise<string[]> {
  const calls: (() => Promise<string[]>)[] = [];
  for (let done = 0; done < n; done += IMPORT_BATCH) {
    const k = Math.min(IMPORT_BATCH, n - done);
    const from = done;
    calls.push(async () => {
      const items = Array.from({ length: k }, (_, i) => ({ title: `Deal ${from + i + 1}`, pipeline: 'bench', stage }));
      return (await call(base, 'POST', '/deals/import', token, { items })).ids as string[];
    });
  }
  return (await pooled(2, calls)).flat();
}

/** Polls until the outbox is empty (every event dispatched). */
async function outboxDrained(pool: Pool, label: string): Promise<void> {
  await waitUntil(pool, label, `SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`, (n) => n === 0, { progress: (n) => -n });
}

/**
 * Polls `sql` (one int column `n`) until `done(n)`, or until `deadline` (epoch ms) passes. `progress(n)` must
 * grow while work goes on: no growth for STALL_MS is a failure.
 */
async function waitUntil(
  pool: Pool,
  label: string,
  sql: string,
  done: (n: number) => boolean,
  opts: { progress?: (n: number) => number; params?: unknown[]; everyMs?: number; deadline?: number } = {},
): Promise<{ n: number; timedOut: boolean }> {
  const { progress = (n: number) => n, params = [], everyMs = 250, deadline = Infinity } = opts;
  let best = -Infinity;
  let bestAt = Date.now();
  let reportAt = Date.now() + 15_000;
  for (;;) {
    const n = Number((await pool.query(sql, params)).rows[0].n);
    if (done(n)) return { n, timedOut: false };
    if (Date.now() > deadline) return { n, timedOut: true };
    if (Date.now() > reportAt) {
      console.log(`    … ${label}: ${fmt(Math.abs(n))}`);
      reportAt = Date.now() + 15_000;
    }
    if (progress(n) > best) {
      best = progress(n);
      bestAt = Date.now();
    } else if (Date.now() - bestAt > STALL_MS) {
      throw new Error(`${label}: no progress for ${STALL_MS / 1000} s (last value ${n})`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function statusCounts(pool: Pool, ruleIds?: string[]): Promise<Record<string, number>> {
  const { rows } = await pool.query(
    `SELECT status, count(*)::int AS n FROM automation_runs ${ruleIds ? 'WHERE rule_id = ANY($1::uuid[])' : ''} GROUP BY status`,
    ruleIds ? [ruleIds] : [],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Stops an app process once. (RunningApp.stop() checks only exitCode: a second call on a process that a signal
 * ended — exitCode null, signalCode set — would wait for an 'exit' that already happened.)
 */
function stopApp(app: RunningApp): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return Promise.resolve();
  return app.stop();
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Removes the Bull keys of the queue an app on `databaseUrl` used (JobsModule: portal-jobs-<sha1(url)[0..12]>). */
async function dropQueue(databaseUrl: string): Promise<void> {
  const name = `portal-jobs-${createHash('sha1').update(databaseUrl).digest('hex').slice(0, 12)}`;
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${name}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    /* best effort */
  } finally {
    redis.disconnect();
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = v.map(Number);
  const idle = n[3] + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function busyPercent(from: { busy: number; total: number }): string {
  const to = machineCpu();
  return `${(((to.busy - from.busy) / Math.max(1, to.total - from.total)) * 100).toFixed(0)}% of ${cpus().length} cores`;
}

/**
 * BENCH_SAMPLE=1: samples pg_stat_activity of the benchmark's database every few ms while a phase runs and
 * reports which statements (and waits) the backends spend their time in — pg_stat_statements needs a server
 * restart, this does not.
 */
function sampler(databaseUrl: string): { stop(): Promise<string[]> } {
  if (!process.env['BENCH_SAMPLE']) return { stop: async () => [] };
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const seen = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query(
        `SELECT regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS q, state, coalesce(wait_event_type || ':' || wait_event, 'cpu') AS w
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle') AND backend_type = 'client backend'`,
      );
      samples++;
      for (const r of rows) {
        const k = `${r.state === 'idle in transaction' ? '[idle in tx] ' : ''}${r.w.padEnd(22)} ${r.state === 'idle in transaction' ? '(last) ' : ''}${r.q}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      await pool.end();
      const total = [...seen.values()].reduce((a, b) => a + b, 0);
      return [
        `  pg_stat_activity samples: ${samples}, mean busy backends ${(total / Math.max(1, samples)).toFixed(2)}; top statements (share of backend-samples):`,
        ...[...seen.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `    ${((v / Math.max(1, total)) * 100).toFixed(1).padStart(5)}%  ${k}`),
      ];
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Part A: 10,000 deals enter a stage with 3 rules
// ---------------------------------------------------------------------------------------------------------------

async function partA(cleanup: (() => Promise<void>)[]): Promise<void> {
  console.log(`\nPart A: ${fmt(EVENTS)} deals enter a stage with 3 rules (task.create, field.set, tag.add)`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, 'bench_auto_a');
  cleanup.push(() => dropDatabase(databaseUrl));
  cleanup.push(() => dropQueue(databaseUrl));
  const app = await startAppProcess({ DATABASE_URL: databaseUrl, REDIS_URL, LOG_LEVEL: 'warn', JWT_SECRET });
  cleanup.push(() => stopApp(app));
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  cleanup.push(() => pool.end());

  const { token, portalId, userId } = await signUp(app.url);
  await call(app.url, 'POST', '/pipelines', token, { code: 'bench', name: 'Bench', stages: [{ code: 'new', name: 'New' }, { code: 'work', name: 'Work' }] });
  await call(app.url, 'POST', '/fields', token, { entity: 'deal', code: 'bench_note', name: 'Bench note', type: 'text' });
  const trigger = { type: 'stage.entered', pipeline: 'bench', stage: 'work' };
  const rules = [
    await call(app.url, 'POST', '/automations', token, { code: 'task', name: 'Task', trigger, actions: [{ type: 'task.create', code: 't1', title: 'Call', assignee: 'responsible', due: { days: 1 } }] }),
    await call(app.url, 'POST', '/automations', token, { code: 'field', name: 'Field', trigger, actions: [{ type: 'field.set', field: 'bench_note', value: 'x' }] }),
    await call(app.url, 'POST', '/automations', token, { code: 'tag', name: 'Tag', trigger, actions: [{ type: 'tag.add', tags: ['hot'] }] }),
  ];
  const ruleIds = rules.map((r) => r.id as string);

  const seedStart = Date.now();
  const ids = await importDeals(app.url, token, EVENTS, 'new');
  await outboxDrained(pool, 'dispatching the import');
  console.log(`  setup: ${fmt(ids.length)} deals imported into "new" and their events dispatched in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  await pool.query('VACUUM ANALYZE');
  await pool.query('CHECKPOINT');

  // ---- measured: move every deal into `work`, until every run has finished ----
  const cpu0 = cpuSeconds(app.child.pid);
  const machine0 = machineCpu();
  const sampling = sampler(databaseUrl);
  const t0 = Date.now();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BULK_BATCH) batches.push(ids.slice(i, i + BULK_BATCH));
  const moved = await pooled(
    MOVE_CONCURRENCY,
    batches.map((b) => async () => (await call(app.url, 'POST', '/deals/bulk', token, { ids: b, action: 'setStage', pipeline: 'bench', stage: 'work' })).results as { ok: boolean; error?: unknown }[]),
  );
  const tMoved = Date.now();
  const refused = moved.flat().filter((r) => !r.ok);
  if (refused.length) fail(`${refused.length} deals were not moved: ${JSON.stringify(refused[0]).slice(0, 500)}`);

  const expected = ids.length * rules.length;
  const { timedOut: cut } = await waitUntil(
    pool,
    'Part A runs finished',
    `SELECT count(*)::int AS n FROM automation_runs WHERE rule_id = ANY($1::uuid[]) AND status IN ('done', 'skipped', 'failed', 'cancelled')`,
    (n) => n >= expected,
    { params: [ruleIds], deadline: t0 + PHASE_SECONDS * 1000 },
  );
  const tCut = Date.now();
  const cpuApp = cpuSeconds(app.child.pid) - cpu0;
  // Cut short: stop the app first so that what is counted below is committed and no longer moving.
  if (cut) await stopApp(app);
  const { rows: [fin] } = await pool.query(
    `SELECT (extract(epoch FROM max(finished_at)) * 1000)::float8 AS last_ms, (extract(epoch FROM min(created_at)) * 1000)::float8 AS first_ms,
            count(*) FILTER (WHERE status = 'done' AND finished_at <= to_timestamp($2 / 1000.0))::int AS done_by_cut,
            count(*) FILTER (WHERE status NOT IN ('done', 'skipped', 'failed', 'cancelled'))::int AS unfinished
       FROM automation_runs WHERE rule_id = ANY($1::uuid[])`,
    [ruleIds, tCut],
  );
  // Runs the app finished while shutting down still count as done, but not toward the rate.
  const timedOut = cut && fin.unfinished > 0;
  const tDone = timedOut ? tCut : Math.max(Number(fin.last_ms), tMoved);
  const machineBusy = busyPercent(machine0);
  const sampledA = await sampling.stop();
  const engineSeconds = (tDone - t0) / 1000;
  const moveSeconds = (tMoved - t0) / 1000;
  const firstRunSeconds = (Number(fin.first_ms) - t0) / 1000;
  const afterMoveSeconds = (tDone - tMoved) / 1000;

  // ---- verification ----
  const counts = await statusCounts(pool, ruleIds);
  const done = counts['done'] ?? 0;
  const q1 = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);
  const doneOf = async (ruleId: string) => q1(`SELECT count(*)::int AS n FROM automation_runs WHERE rule_id = $1 AND status = 'done'`, [ruleId]);
  const [doneTask, doneField, doneTag] = [await doneOf(ruleIds[0]), await doneOf(ruleIds[1]), await doneOf(ruleIds[2])];
  // Events fully handled (all three actions done) per second; when cut short, the share of runs done stands in.
  const doneForRate = timedOut ? fin.done_by_cut : done;
  const eventsPerSec = (timedOut ? doneForRate / rules.length : ids.length) / engineSeconds;
  const runsPerSec = doneForRate / ((tDone - Number(fin.first_ms)) / 1000);
  const unfinished = fin.unfinished as number;
  if (!timedOut && done !== expected) fail(`Part A: ${fmt(done)} of ${fmt(expected)} runs done (by status: ${JSON.stringify(counts)})`);
  if (counts['failed'] || counts['skipped']) fail(`Part A: runs failed or skipped (by status: ${JSON.stringify(counts)})`);
  const tasks = await q1(`SELECT count(*)::int AS n FROM tasks WHERE portal_id = $1 AND created_by = 'automation' AND code = 't1'`, [portalId]);
  const dealsWithTask = await q1(`SELECT count(DISTINCT deal_id)::int AS n FROM tasks WHERE portal_id = $1 AND created_by = 'automation' AND code = 't1'`, [portalId]);
  const fieldValues = await q1(`SELECT count(*)::int AS n FROM deals WHERE portal_id = $1 AND fields->>'bench_note' = 'x'`, [portalId]);
  const tagged = await q1(`SELECT count(*)::int AS n FROM deals WHERE portal_id = $1 AND 'hot' = ANY(tags)`, [portalId]);
  const inWork = await q1(`SELECT count(*)::int AS n FROM deals d JOIN stages s ON s.id = d.stage_id WHERE d.portal_id = $1 AND s.code = 'work'`, [portalId]);
  const twiceA = await q1(
    `SELECT count(*)::int AS n FROM (SELECT entity_id, data->>'ruleId' FROM timeline WHERE portal_id = $1 AND entity = 'deal' AND kind = 'automation_run'
        GROUP BY 1, 2 HAVING count(*) > 1) x`,
    [portalId],
  );
  // Every done run left its side effect (and, when the phase finished, every deal got all three).
  if (inWork !== ids.length) fail(`Part A: ${inWork} of ${ids.length} deals are in "work"`);
  if (tasks !== doneTask || dealsWithTask !== doneTask) fail(`Part A: ${tasks} tasks on ${dealsWithTask} deals for ${doneTask} done task runs`);
  if (fieldValues !== doneField) fail(`Part A: ${fieldValues} field values for ${doneField} done field runs`);
  if (tagged !== doneTag) fail(`Part A: ${tagged} tagged deals for ${doneTag} done tag runs`);
  if (twiceA !== 0) fail(`Part A: ${twiceA} (deal, rule) pairs ran more than once`);

  // ---- baselines: the same task rows with plain SQL, same database, same run ----
  const due = new Date(Date.now() + 86_400_000).toISOString();
  const rowSql = `INSERT INTO tasks (portal_id, code, title, assignee_id, deal_id, due_at, created_by, creator_id) VALUES ($1, 'baseline1', 'Call', $2, $3, $4, 'automation', NULL)`;
  const rowPool = new Pool({ connectionString: databaseUrl, max: 4 });
  const conns = await Promise.all(Array.from({ length: 4 }, () => rowPool.connect()));
  const b1Start = process.hrtime.bigint();
  let nextId = 0;
  await Promise.all(
    conns.map(async (c) => {
      while (nextId < ids.length) {
        const id = ids[nextId++];
        await c.query(rowSql, [portalId, userId, id, due]); // autocommit: one transaction per task, as the engine
      }
    }),
  );
  const rowSeconds = Number(process.hrtime.bigint() - b1Start) / 1e9;
  conns.forEach((c) => c.release());
  await rowPool.end();

  const b2Start = process.hrtime.bigint();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await pool.query(
      `INSERT INTO tasks (portal_id, code, title, assignee_id, deal_id, due_at, created_by, creator_id)
       SELECT $1, 'baseline2', 'Call', $2, d, $4, 'automation', NULL FROM unnest($3::uuid[]) AS d`,
      [portalId, userId, chunk, due],
    );
  }
  const batchSeconds = Number(process.hrtime.bigint() - b2Start) / 1e9;
  const rowRate = ids.length / rowSeconds;
  const batchRate = ids.length / batchSeconds;
  const ratioRow = eventsPerSec / rowRate;
  const ratioBatch = eventsPerSec / batchRate;

  const incomplete = timedOut
    ? [`  INCOMPLETE: cut after ${PHASE_SECONDS} s (BENCH_PHASE_SECONDS) with ${fmt(unfinished)} of ${fmt(expected)} runs unfinished; the rates below are those of the work done so far`]
    : [];
  const lines = [
    `Part A — ${fmt(ids.length)} deals enter "work" with 3 rules (${fmt(expected)} runs, 1 app process, ROLE=all)`,
    ...incomplete,
    `  move (POST /deals/bulk setStage, ${BULK_BATCH}/call, ${MOVE_CONCURRENCY} at a time): ${moveSeconds.toFixed(2)} s (${fmt(ids.length / moveSeconds)} deals/s)`,
    `  first run planned ${firstRunSeconds.toFixed(2)} s after the first move request; after the last move until the last run finished: ${afterMoveSeconds.toFixed(2)} s`,
    `  engine, first run planned → last run finished: ${fmt(runsPerSec)} runs/s (moves and runs share the machine)`,
    `  move + every action done: ${engineSeconds.toFixed(2)} s → ${fmt(eventsPerSec)} events/s (${fmt(doneForRate / engineSeconds)} runs/s) (target ≥ ${fmt(TARGET_EVENTS)}/s) ${verdict(eventsPerSec >= TARGET_EVENTS)}`,
    `  app CPU during it: ${cpuApp.toFixed(1)} s (${((cpuApp / engineSeconds) * 100).toFixed(0)}% of one core); machine busy ${machineBusy}`,
    `  side effects: ${fmt(tasks)} tasks, ${fmt(fieldValues)} field values, ${fmt(tagged)} tags; runs by status ${JSON.stringify(counts)}; (deal, rule) run twice: ${twiceA}`,
    `  plain SQL (a), one INSERT per task in its own transaction, 4 connections: ${rowSeconds.toFixed(2)} s → ${fmt(rowRate)} tasks/s`,
    `  plain SQL (b), multi-row INSERT of 1,000 rows per statement:            ${batchSeconds.toFixed(2)} s → ${fmt(batchRate)} tasks/s`,
    `  ratio engine events/s ÷ plain SQL (a) tasks/s: ${ratioRow.toFixed(3)} (target ≥ ${TARGET_RATIO}) ${verdict(ratioRow >= TARGET_RATIO)}`,
    `  ratio engine events/s ÷ plain SQL (b) tasks/s: ${ratioBatch.toFixed(3)} (target ≥ ${TARGET_RATIO}) ${verdict(ratioBatch >= TARGET_RATIO)}`,
  ];
  summary.push(...lines);
  console.log([...lines, ...sampledA].map((l) => `  ${l}`).join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// Part B: 100,000 pending timers fall due at once, 2 workers
// ---------------------------------------------------------------------------------------------------------------

async function partB(cleanup: (() => Promise<void>)[]): Promise<void> {
  console.log(`\nPart B: ${fmt(TIMERS)} pending timers fall due at once, 2 worker processes`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, 'bench_auto_b');
  cleanup.push(() => dropDatabase(databaseUrl));
  cleanup.push(() => dropQueue(databaseUrl));
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  cleanup.push(() => pool.end());

  // ---- setup through the API: portal, pipeline, deals in `work`, the delayed rule ----
  const setupStart = Date.now();
  const setup = await startAppProcess({ DATABASE_URL: databaseUrl, REDIS_URL, LOG_LEVEL: 'warn', JWT_SECRET });
  cleanup.push(() => stopApp(setup));
  const { token, portalId } = await signUp(setup.url);
  await call(setup.url, 'POST', '/pipelines', token, { code: 'bench', name: 'Bench', stages: [{ code: 'new', name: 'New' }, { code: 'work', name: 'Work' }] });
  const ids = await importDeals(setup.url, token, TIMERS, 'work');
  await outboxDrained(pool, 'dispatching the import');
  const rule = await call(setup.url, 'POST', '/automations', token, {
    code: 'timer',
    name: 'Timer',
    trigger: { type: 'stage.entered', pipeline: 'bench', stage: 'work' },
    delay: { days: 1 },
    actions: [{ type: 'tag.add', tags: ['due'] }],
  });
  await stopApp(setup);

  // ---- the timers, shaped as OutboxDispatcher.runFor plans them for a delayed stage.entered rule ----
  const { rows: [place] } = await pool.query(
    `SELECT p.id AS pipeline_id, p.code AS pipeline_code, s.id AS stage_id, s.code AS stage_code, s.kind AS stage_kind, s.name AS stage_name
       FROM pipelines p JOIN stages s ON s.pipeline_id = p.id WHERE p.portal_id = $1 AND p.code = 'bench' AND s.code = 'work'`,
    [portalId],
  );
  const to = { pipelineId: place.pipeline_id, pipelineCode: place.pipeline_code, stageId: place.stage_id, stageCode: place.stage_code, stageKind: place.stage_kind, stageName: place.stage_name };
  await pool.query(
    `INSERT INTO automation_runs (portal_id, rule_id, deal_id, occurrence, status, sandbox, due_at, event)
     SELECT d.portal_id, $2, d.id, 'event:bench-' || d.id, 'scheduled', false, clock_timestamp() + interval '1 day',
            jsonb_build_object('type', 'stage.entered', 'eventId', 'bench-' || d.id, 'occurredAt', to_char(d.stage_entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'delayed', true, 'dealId', d.id, 'from', NULL, 'to', $3::jsonb, 'lostReason', NULL) || $3::jsonb
       FROM deals d WHERE d.portal_id = $1`,
    [portalId, rule.id, JSON.stringify(to)],
  );
  const scheduled = Number((await pool.query(`SELECT count(*)::int AS n FROM automation_runs WHERE rule_id = $1 AND status = 'scheduled'`, [rule.id])).rows[0].n);
  if (scheduled !== ids.length) fail(`Part B: ${scheduled} timers planned for ${ids.length} deals`);
  await pool.query('VACUUM ANALYZE');
  await pool.query('CHECKPOINT');
  console.log(`  setup: ${fmt(ids.length)} deals imported, ${fmt(scheduled)} timers inserted in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

  // ---- two workers on the same database and Redis ----
  const workers: RunningApp[] = await Promise.all(
    [1, 2].map(() => startAppProcess({ DATABASE_URL: databaseUrl, REDIS_URL, LOG_LEVEL: 'warn', JWT_SECRET, ROLE: 'worker' }).then((w) => (cleanup.push(() => stopApp(w)), w))),
  );
  await new Promise((r) => setTimeout(r, 1000)); // both workers' loops are ticking
  const cpu0 = workers.map((w) => cpuSeconds(w.child.pid));
  const machine0 = machineCpu();
  const sampling = sampler(databaseUrl);

  // ---- measured: every timer falls due at once ----
  const u0 = Date.now();
  await pool.query(`UPDATE automation_runs SET due_at = clock_timestamp() - interval '1 second' WHERE rule_id = $1 AND status = 'scheduled'`, [rule.id]);
  const t0 = Date.now();
  // Polled every 2 s: the count reads the whole (bloating) runs table, and finished_at gives the exact end anyway.
  const { timedOut: cut } = await waitUntil(
    pool,
    'Part B timers finished',
    `SELECT count(*)::int AS n FROM automation_runs WHERE rule_id = $1 AND status IN ('done', 'skipped', 'failed', 'cancelled')`,
    (n) => n >= ids.length,
    { params: [rule.id], everyMs: 2000, deadline: t0 + PHASE_SECONDS * 1000 },
  );
  const tCut = Date.now();
  const cpu = workers.map((w, i) => cpuSeconds(w.child.pid) - cpu0[i]);
  // Cut short: stop the workers first so that what is counted below is committed and no longer moving.
  if (cut) await Promise.all(workers.map((w) => stopApp(w)));
  const { rows: [fin] } = await pool.query(
    `SELECT (extract(epoch FROM max(finished_at)) * 1000)::float8 AS last_ms, (extract(epoch FROM max(started_at)) * 1000)::float8 AS claimed_ms,
            count(*) FILTER (WHERE status = 'done' AND finished_at <= to_timestamp($2 / 1000.0))::int AS done_by_cut,
            count(*) FILTER (WHERE status NOT IN ('done', 'skipped', 'failed', 'cancelled'))::int AS unfinished
       FROM automation_runs WHERE rule_id = $1`,
    [rule.id, tCut],
  );
  // Timers the workers finished while shutting down still count as done, but not toward the rate.
  const timedOut = cut && fin.unfinished > 0;
  const machineBusy = busyPercent(machine0);
  const sampledB = await sampling.stop();
  const seconds = ((timedOut ? tCut : Number(fin.last_ms)) - t0) / 1000;
  const claimSeconds = (Number(fin.claimed_ms) - t0) / 1000;

  // ---- verification: every timer fired, none twice ----
  const counts = await statusCounts(pool, [rule.id]);
  const doneB = counts['done'] ?? 0;
  const rate = (timedOut ? fin.done_by_cut : doneB) / seconds;
  if (!timedOut && doneB !== ids.length) fail(`Part B: ${doneB} of ${ids.length} timers done (by status: ${JSON.stringify(counts)})`);
  if (counts['failed'] || counts['skipped']) fail(`Part B: timers failed or skipped (by status: ${JSON.stringify(counts)})`);
  const q1 = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);
  const fired = await q1(`SELECT count(DISTINCT entity_id)::int AS n FROM timeline WHERE portal_id = $1 AND entity = 'deal' AND kind = 'automation_run' AND data->>'ruleId' = $2`, [portalId, rule.id]);
  const twice = await q1(
    `SELECT count(*)::int AS n FROM (SELECT entity_id FROM timeline WHERE portal_id = $1 AND entity = 'deal' AND kind = 'automation_run' AND data->>'ruleId' = $2
        GROUP BY entity_id HAVING count(*) > 1) x`,
    [portalId, rule.id],
  );
  const retried = await q1(`SELECT count(*)::int AS n FROM automation_runs WHERE rule_id = $1 AND attempts > 1`, [rule.id]);
  const tagged = await q1(`SELECT count(*)::int AS n FROM deals WHERE portal_id = $1 AND 'due' = ANY(tags)`, [portalId]);
  const tagEvents = await q1(
    `SELECT count(*)::int AS n FROM (SELECT aggregate_id FROM outbox WHERE portal_id = $1 AND type = 'field.changed' AND payload->>'field' = 'tags' GROUP BY aggregate_id HAVING count(*) > 1) x`,
    [portalId],
  );
  const hasWorker = (await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'automation_runs' AND column_name = 'worker'`)).rowCount === 1;
  const split = hasWorker
    ? (await pool.query(`SELECT coalesce(worker, '?') AS worker, count(*)::int AS n FROM automation_runs WHERE rule_id = $1 AND status = 'done' GROUP BY 1 ORDER BY 1`, [rule.id])).rows
    : [];
  if (twice !== 0) fail(`Part B: ${twice} timers fired twice`);
  if (fired !== doneB) fail(`Part B: ${fired} deals have the rule's run on their timeline for ${doneB} done timers`);
  if (tagged !== doneB) fail(`Part B: ${tagged} deals got the tag for ${doneB} done timers`);

  const lines = [
    `Part B — ${fmt(ids.length)} timers due at once, 2 worker processes (ROLE=worker, one Redis queue)`,
    ...(timedOut ? [`  INCOMPLETE: cut after ${PHASE_SECONDS} s (BENCH_PHASE_SECONDS) with ${fmt(fin.unfinished)} of ${fmt(ids.length)} timers not done; the rate below is that of the ${fmt(fin.done_by_cut)} done by then`] : []),
    `  making them due (one UPDATE): ${((t0 - u0) / 1000).toFixed(2)} s (not counted)`,
    `  last one claimed (scheduled → running) after ${claimSeconds.toFixed(2)} s; ${timedOut ? `${fmt(fin.done_by_cut)} done in` : 'all done after'} ${seconds.toFixed(2)} s`,
    `  timers fired: ${fmt(rate)}/s (target ≥ ${fmt(TARGET_TIMERS)}/s) ${verdict(rate >= TARGET_TIMERS)}`,
    `  fired twice: ${twice} (must be 0) ${twice === 0 ? 'OK' : 'FAILED'}  [deals with the run on their timeline: ${fmt(fired)}, tagged: ${fmt(tagged)}, runs with attempts > 1: ${retried}, deals with > 1 tags change: ${tagEvents}]`,
    `  runs by status: ${JSON.stringify(counts)}`,
    `  worker CPU during it: ${cpu.map((c, i) => `#${i + 1} ${c.toFixed(1)} s`).join(', ')} (≈ ${cpu.map((c) => `${((c / Math.max(0.001, cpu[0] + cpu[1])) * 100).toFixed(0)}%`).join(' / ')}); machine busy ${machineBusy}`,
    ...(split.length ? [`  timers done per worker (automation_runs.worker): ${split.map((r) => `${r.worker} ${fmt(r.n)}`).join(', ')}`] : []),
  ];
  summary.push(...lines);
  console.log([...lines, ...sampledB].map((l) => `  ${l}`).join('\n'));
}

/** Cleanups of the part that is running, so that Ctrl-C / SIGTERM still stops the apps and drops the databases. */
let live: (() => Promise<void>)[] = [];
let interrupted = false;

async function runCleanups(list: (() => Promise<void>)[]): Promise<void> {
  // Reverse order: processes and pools first, then the queue's keys and the database.
  for (const c of list.splice(0).reverse()) await c().catch((e) => console.error(`  cleanup: ${(e as Error).message}`));
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    interrupted = true;
    console.error(`\n${sig}: stopping the apps and dropping the benchmark's databases…`);
    void runCleanups(live).finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  if (only && only !== 'automation') return;
  const started = Date.now();
  const runPart = async (name: string, fn: (c: (() => Promise<void>)[]) => Promise<void>) => {
    live = [];
    try {
      await fn(live);
    } catch (err) {
      if (!interrupted) fail(`Part ${name} stopped: ${(err as Error).stack ?? err}`);
    } finally {
      await runCleanups(live);
    }
  };
  if (PART === 'A' || PART === 'BOTH') await runPart('A', partA);
  if ((PART === 'B' || PART === 'BOTH') && !interrupted) await runPart('B', partB);
  if (interrupted) return new Promise(() => undefined); // the signal handler exits once its cleanup is done
  console.log(`\n==== automation benchmark summary (${((Date.now() - started) / 1000).toFixed(0)} s in all) ====`);
  for (const l of summary) console.log(l);
  if (failures.length) {
    console.log(`CORRECTNESS FAILURES (${failures.length}):`);
    for (const f of failures) console.log(`  - ${f}`);
    process.exitCode = 1;
  } else {
    console.log('correctness: OK (every finished run left its side effects, none failed, nothing fired twice)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
