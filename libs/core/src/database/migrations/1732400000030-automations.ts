import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The automation engine: rules as data, runs (a scheduled run is the durable timer), the deliveries of
 * external side effects (e-mail, SMS, webhooks), each portal's business calendar and sandbox clock.
 */
export class Automations1732400000030 implements MigrationInterface {
  name = 'Automations1732400000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE portals ADD COLUMN clock_now timestamptz(3);
      ALTER TABLE portals ADD COLUMN working_hours jsonb;
      ALTER TABLE outbox ADD COLUMN occurred_at timestamptz(3);

      CREATE TABLE portal_holidays (
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        date date NOT NULL,
        name varchar(200) NOT NULL,
        PRIMARY KEY (portal_id, date)
      );

      CREATE TABLE automation_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        code varchar(100) NOT NULL,
        name varchar(300) NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        trigger_type varchar(80) NOT NULL,
        trigger jsonb NOT NULL,
        delay jsonb,
        conditions jsonb NOT NULL DEFAULT '[]',
        actions jsonb NOT NULL,
        repeat jsonb,
        plugin_id varchar(64),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (portal_id, code)
      );
      CREATE INDEX automation_rules_trigger_idx ON automation_rules (portal_id, trigger_type) WHERE enabled;

      CREATE TABLE automation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        rule_id uuid NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
        deal_id uuid,
        occurrence varchar(200) NOT NULL,
        status varchar(16) NOT NULL,
        sandbox boolean NOT NULL DEFAULT false,
        due_at timestamptz(3) NOT NULL,
        event jsonb NOT NULL DEFAULT '{}',
        repetition int NOT NULL DEFAULT 0,
        attempts int NOT NULL DEFAULT 0,
        reason text,
        error text,
        result jsonb,
        -- host:pid of the worker that finished the run
        worker varchar(120),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      );
      -- the idempotency key: rule x record x occurrence
      CREATE UNIQUE INDEX automation_runs_key_idx ON automation_runs (rule_id, COALESCE(deal_id, '00000000-0000-0000-0000-000000000000'::uuid), occurrence);
      CREATE INDEX automation_runs_due_idx ON automation_runs (due_at) WHERE status = 'scheduled' AND NOT sandbox;
      CREATE INDEX automation_runs_sandbox_due_idx ON automation_runs (portal_id, due_at) WHERE status = 'scheduled' AND sandbox;
      CREATE INDEX automation_runs_pending_idx ON automation_runs (created_at) WHERE status = 'pending';
      CREATE INDEX automation_runs_running_idx ON automation_runs (updated_at) WHERE status = 'running';
      CREATE INDEX automation_runs_deal_scheduled_idx ON automation_runs (deal_id) WHERE status = 'scheduled';
      CREATE INDEX automation_runs_deal_idx ON automation_runs (portal_id, deal_id, created_at DESC);
      CREATE INDEX automation_runs_list_idx ON automation_runs (portal_id, created_at DESC, id DESC);

      CREATE TABLE automation_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES automation_runs(id) ON DELETE CASCADE,
        action_index int NOT NULL,
        kind varchar(16) NOT NULL,
        idempotency_key varchar(200) NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        lease_until timestamptz(3),
        error text,
        external_id varchar(300),
        worker varchar(120),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz(3)
      );
      CREATE INDEX automation_deliveries_due_idx ON automation_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS automation_deliveries, automation_runs, automation_rules, portal_holidays;
      ALTER TABLE outbox DROP COLUMN IF EXISTS occurred_at;
      ALTER TABLE portals DROP COLUMN IF EXISTS clock_now, DROP COLUMN IF EXISTS working_hours;
    `);
  }
}
