import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** Where the embedded database lives when there is no DATABASE_URL; null = in memory. */
  embeddedDir: string | null;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  runMigrations?: boolean;
}

export interface OpenDatabase {
  dataSource: DataSource;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** One code path for both modes: the `pg` driver, against a real server or the embedded one's socket. */
export async function openDatabase(opts: DatabaseOptions): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  const common = {
    type: 'postgres' as const,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'] as ('error')[],
  };
  let options: DataSourceOptions;
  if (opts.databaseUrl) {
    options = { ...common, url: opts.databaseUrl, extra: { max: 20, connectionTimeoutMillis: 30000 } };
  } else {
    embedded = await startEmbeddedPostgres(opts.embeddedDir);
    options = {
      ...common,
      host: embedded.socketDir,
      port: 5432,
      username: 'postgres',
      database: 'postgres',
      // One connection: PGlite runs one session at a time; waiting beats deadlocking.
      extra: { max: 1, connectionTimeoutMillis: 60000 },
    };
  }
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
    if (opts.runMigrations !== false) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      new Logger('Database').log(
        `${embedded ? 'embedded PGlite' : 'PostgreSQL'}: ${applied.length ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'schema up to date, no migration applied'}`,
      );
    }
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  // PGlite runs no autovacuum daemon: refresh the planner's statistics ourselves, or list queries pick
  // bad plans once tables grow.
  let analyze: NodeJS.Timeout | null = null;
  if (embedded) {
    const refresh = () => dataSource.query('ANALYZE').catch((err) => new Logger('Database').warn(`ANALYZE failed: ${err.message}`));
    void refresh();
    analyze = setInterval(refresh, 10 * 60_000);
    analyze.unref();
  }
  return {
    dataSource,
    kind: embedded ? 'pglite' : 'postgres',
    async close() {
      if (analyze) clearInterval(analyze);
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

export function embeddedDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}
