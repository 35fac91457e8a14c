import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts of a company (`GET /companies/:id/contacts`, and the ON DELETE SET NULL a company delete runs
 * over contacts, which otherwise scans every portal's contacts) and the responsible filters of both lists.
 */
export class ContactsCompaniesIndexes1732400000020 implements MigrationInterface {
  name = 'ContactsCompaniesIndexes1732400000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX contacts_company_idx ON contacts (company_id, created_at DESC, id DESC);
      CREATE INDEX contacts_responsible_idx ON contacts (portal_id, responsible_id);
      CREATE INDEX companies_responsible_idx ON companies (portal_id, responsible_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contacts_company_idx, contacts_responsible_idx, companies_responsible_idx`);
  }
}
