import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PluginDescriptor } from './plugin-descriptor';

/**
 * Plugins' table DDL as TypeORM migrations, so it runs once per database, in timestamp order, in the same
 * migration run (and under the same lock) as the core's. Plugins declare SQL, not TypeORM classes.
 */
export function pluginSchemaMigrations(plugins: PluginDescriptor[]): Function[] {
  return plugins.flatMap((plugin) =>
    (plugin.schema ?? []).map((m) => {
      if (!Number.isInteger(m.timestamp) || String(m.timestamp).length !== 13) throw new Error(`Plugin ${plugin.id}: schema migration "${m.name}" needs a 13-digit timestamp`);
      const name = `${camel(plugin.id)}${camel(m.name)}${m.timestamp}`;
      const migration = class implements MigrationInterface {
        name = name;
        async up(q: QueryRunner): Promise<void> {
          for (const sql of m.up) await q.query(sql);
        }
        async down(q: QueryRunner): Promise<void> {
          for (const sql of m.down ?? []) await q.query(sql);
        }
      };
      Object.defineProperty(migration, 'name', { value: name });
      return migration;
    }),
  );
}

const camel = (s: string) => s.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
