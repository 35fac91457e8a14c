import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which data migrations each portal ran for each plugin (so an upgrade applies each once), and when demo data was added. */
export class PluginUpgrades1732400000050 implements MigrationInterface {
  name = 'PluginUpgrades1732400000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plugin_data_migrations (
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        plugin_id varchar(64) NOT NULL,
        version varchar(32) NOT NULL,
        applied_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (portal_id, plugin_id, version)
      );
      ALTER TABLE portal_plugins ADD COLUMN demo_added_at timestamptz(3);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS plugin_data_migrations; ALTER TABLE portal_plugins DROP COLUMN IF EXISTS demo_added_at;`);
  }
}
