import { MigrationInterface, QueryRunner } from 'typeorm';

/** The plugins a portal installed, and which pipelines and fields a plugin owns (so install never clobbers the portal's own). */
export class Marketplace1732400000040 implements MigrationInterface {
  name = 'Marketplace1732400000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_plugins (
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        plugin_id varchar(64) NOT NULL,
        version varchar(32) NOT NULL,
        status varchar(16) NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        installed_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (portal_id, plugin_id)
      );
      ALTER TABLE pipelines ADD COLUMN plugin_id varchar(64);
      ALTER TABLE field_defs ADD COLUMN plugin_id varchar(64);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS portal_plugins;
      ALTER TABLE pipelines DROP COLUMN IF EXISTS plugin_id;
      ALTER TABLE field_defs DROP COLUMN IF EXISTS plugin_id;
    `);
  }
}
