import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The embedded default: PGlite (Postgres in WASM) on disk, served in-process over a Unix socket so that
 * the app talks to it with the same `pg` driver it uses for a real server (one code path).
 * typeorm-pglite is not used: it shares one session between transactions (see TOOLCHAIN.md).
 */
export interface EmbeddedPostgres {
  socketDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  // Loaded lazily: the Postgres mode never pays for the WASM module.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const socketDir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 1 });
  await server.start();
  return {
    socketDir,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
