import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-portal notifications of a user (automation `notify`, overdue tasks, profitability alerts…). */
export class Notifications1732400000001 implements MigrationInterface {
  name = 'Notifications1732400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(60) NOT NULL,
        level varchar(10) NOT NULL DEFAULT 'info' CHECK (level IN ('info','warning','critical')),
        text text NOT NULL,
        deal_id uuid,
        dedupe_key varchar(300),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX notifications_user_idx ON notifications (portal_id, user_id, created_at DESC, id DESC);
      CREATE UNIQUE INDEX notifications_dedupe_uq ON notifications (portal_id, user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
