import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** A brand-new database on the server of `url`, so every run starts clean. */
export async function createFreshDatabase(url: string, prefix = 'e2e'): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops a database made by createFreshDatabase (after the app using it has stopped). */
export async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) return;
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface RunningApp {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node dist/apps/api/main.js` (what `npm start` runs after building) and waits for /health. */
export async function startAppProcess(env: Record<string, string | undefined>, dataDir?: string): Promise<RunningApp> {
  const port = await freePort();
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env, PORT: String(port), DATA_DIR: dir })) if (v !== undefined) childEnv[k] = v;
  if (!env['DATABASE_URL']) delete childEnv['DATABASE_URL'];
  if (!env['REDIS_URL']) delete childEnv['REDIS_URL'];
  delete childEnv['NODE_OPTIONS'];
  // A bundle built elsewhere (API_OUT_DIR) still resolves its externals from this checkout.
  childEnv['NODE_PATH'] = join(ROOT, 'node_modules');
  const main = process.env['E2E_APP_MAIN'] ? resolve(process.env['E2E_APP_MAIN']) : join(ROOT, 'dist/apps/api/main.js');
  // E2E_NODE_ARGS passes flags to the app's node (e.g. --cpu-prof when profiling a benchmark).
  const child = spawn(process.execPath, [...(process.env['E2E_NODE_ARGS'] ? process.env['E2E_NODE_ARGS'].split(' ') : []), main], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // The app's output is kept in DATA_DIR/app.log for post-mortems of a failed run.
  const file = createWriteStream(join(dir, 'app.log'));
  const keep = (d: Buffer) => {
    log = (log + d).slice(-20000);
    file.write(d);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${log}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app did not answer /health in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir: dir,
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
