import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform core: portals, identity, CRM, tasks, timeline and the outbox of domain events. */
export class CoreSchema1732400000000 implements MigrationInterface {
  name = 'CoreSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(63) NOT NULL,
        name varchar(200) NOT NULL,
        locale varchar(2) NOT NULL DEFAULT 'en',
        timezone varchar(64) NOT NULL DEFAULT 'Europe/Kyiv',
        sandbox boolean NOT NULL DEFAULT false,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX portals_slug_uq ON portals (lower(slug));

      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        head_id uuid,
        parent_id uuid REFERENCES departments(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX departments_portal_idx ON departments (portal_id);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        name varchar(200) NOT NULL,
        password_hash varchar(200) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
        locale varchar(2),
        active boolean NOT NULL DEFAULT true,
        deleted_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_uq ON users (portal_id, lower(email)) WHERE deleted_at IS NULL;
      ALTER TABLE departments ADD CONSTRAINT departments_head_fk FOREIGN KEY (head_id) REFERENCES users(id) ON DELETE SET NULL;

      CREATE TABLE absences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        from_date date NOT NULL,
        to_date date NOT NULL,
        reason varchar(200) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (to_date >= from_date)
      );
      CREATE INDEX absences_user_idx ON absences (portal_id, user_id, from_date);

      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        key varchar(400) NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at);

      CREATE TABLE pipelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        code varchar(63) NOT NULL,
        name varchar(200) NOT NULL,
        position int NOT NULL DEFAULT 0,
        archived boolean NOT NULL DEFAULT false,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (portal_id, code)
      );

      CREATE TABLE stages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        pipeline_id uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        code varchar(63) NOT NULL,
        name varchar(200) NOT NULL,
        position int NOT NULL,
        kind varchar(8) NOT NULL DEFAULT 'open' CHECK (kind IN ('open','won','lost')),
        rules jsonb NOT NULL DEFAULT '{}',
        UNIQUE (pipeline_id, code)
      );
      CREATE INDEX stages_portal_idx ON stages (portal_id, pipeline_id, position);

      CREATE TABLE field_defs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        entity varchar(16) NOT NULL CHECK (entity IN ('deal','contact','company')),
        code varchar(63) NOT NULL,
        name varchar(200) NOT NULL,
        type varchar(32) NOT NULL,
        options jsonb,
        required boolean NOT NULL DEFAULT false,
        repeatable boolean NOT NULL DEFAULT false,
        fields jsonb,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (portal_id, entity, code)
      );

      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        name varchar(300) NOT NULL,
        tax_id varchar(32),
        emails text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        web varchar(500),
        address varchar(1000),
        responsible_id uuid REFERENCES users(id),
        fields jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX companies_list_idx ON companies (portal_id, created_at DESC, id DESC);
      CREATE INDEX companies_tax_idx ON companies (portal_id, tax_id);
      CREATE INDEX companies_emails_idx ON companies USING gin (emails);
      CREATE INDEX companies_phones_idx ON companies USING gin (phones);

      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        name varchar(300) NOT NULL,
        emails text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        position varchar(200),
        company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
        responsible_id uuid REFERENCES users(id),
        fields jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contacts_list_idx ON contacts (portal_id, created_at DESC, id DESC);
      CREATE INDEX contacts_emails_idx ON contacts USING gin (emails);
      CREATE INDEX contacts_phones_idx ON contacts USING gin (phones);

      CREATE TABLE deals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        title varchar(500) NOT NULL,
        pipeline_id uuid NOT NULL REFERENCES pipelines(id),
        stage_id uuid NOT NULL REFERENCES stages(id),
        budget numeric(14,2),
        currency varchar(3) NOT NULL DEFAULT 'UAH',
        responsible_id uuid REFERENCES users(id),
        company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
        fields jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        lost_reason varchar(500),
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX deals_stage_list_idx ON deals (portal_id, pipeline_id, stage_id, created_at DESC, id DESC);
      CREATE INDEX deals_list_idx ON deals (portal_id, created_at DESC, id DESC);
      CREATE INDEX deals_responsible_idx ON deals (portal_id, responsible_id);
      CREATE INDEX deals_tags_idx ON deals USING gin (tags);

      CREATE TABLE deal_contacts (
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        PRIMARY KEY (deal_id, contact_id)
      );
      CREATE INDEX deal_contacts_contact_idx ON deal_contacts (contact_id);

      CREATE TABLE notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        entity varchar(16) NOT NULL,
        entity_id uuid NOT NULL,
        text text NOT NULL,
        pinned boolean NOT NULL DEFAULT false,
        author_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX notes_entity_idx ON notes (portal_id, entity, entity_id);

      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        entity varchar(16) NOT NULL,
        entity_id uuid NOT NULL,
        name varchar(500) NOT NULL,
        size bigint NOT NULL,
        mime varchar(200),
        storage_key varchar(300) NOT NULL,
        sha256 varchar(64),
        uploaded_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX files_entity_idx ON files (portal_id, entity, entity_id);

      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        code varchar(100),
        title varchar(500) NOT NULL,
        description text,
        assignee_id uuid NOT NULL REFERENCES users(id),
        deal_id uuid REFERENCES deals(id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
        result_options text[] NOT NULL DEFAULT '{}',
        result varchar(200),
        comment text,
        estimate_minutes int CHECK (estimate_minutes >= 0),
        created_by varchar(16) NOT NULL DEFAULT 'user',
        creator_id uuid,
        completed_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tasks_deal_idx ON tasks (portal_id, deal_id, status);
      CREATE INDEX tasks_assignee_idx ON tasks (portal_id, assignee_id, status, due_at);
      CREATE INDEX tasks_list_idx ON tasks (portal_id, created_at DESC, id DESC);

      CREATE TABLE timeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        entity varchar(16) NOT NULL,
        entity_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        actor_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX timeline_entity_idx ON timeline (portal_id, entity, entity_id, created_at DESC);

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
        type varchar(80) NOT NULL,
        aggregate varchar(32) NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        dispatched_at timestamptz
      );
      CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outbox, timeline, tasks, files, notes, deal_contacts, deals, contacts, companies,
      field_defs, stages, pipelines, login_failures, absences, users, departments, portals CASCADE`);
  }
}
