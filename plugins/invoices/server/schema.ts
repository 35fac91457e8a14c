import type { PluginSchemaMigration } from '@portal/plugin-sdk';

/**
 * The invoices plugin's own tables; every row carries portal_id and every query filters by it.
 *
 * - `inv_legal_entities`: the portal's own companies that issue invoices (ТОВ, ФОП, ООО, ИП…), with bank
 *   requisites (IBAN for UA; БИК + account + corr. account for RU), VAT setting and numbering pattern. At most one
 *   active default per portal (partial unique index; the service keeps exactly one). Archived, never deleted:
 *   issued invoices point at them.
 * - `inv_counters`: the last number handed out per entity and counter year (0 for patterns without a year).
 *   Issuing upserts its row (INSERT … ON CONFLICT DO UPDATE … RETURNING), which locks it until the issuing
 *   transaction ends: numbers are gap-free (a failed issue rolls the counter back) and never repeat.
 * - `inv_deal_items`: a deal's ordered line items (exact numeric columns), replaced as a whole by PUT.
 * - `inv_invoices`: issued invoices. The supplier, buyer, lines and totals are frozen copies (jsonb / numeric), so
 *   editing an entity, a company or the deal's items never changes an issued invoice. A cancelled invoice keeps
 *   its number. `request_key` makes issuing idempotent (Idempotency-Key / requestId / an automation run).
 */
export const SCHEMA: PluginSchemaMigration[] = [
  {
    timestamp: 1764800000000,
    name: 'invoices',
    up: [
      `CREATE TABLE inv_legal_entities (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         name varchar(300) NOT NULL,
         country varchar(2) NOT NULL CHECK (country IN ('UA', 'RU')),
         legal_form varchar(20),
         tax_id varchar(12) NOT NULL,
         tax_id_type varchar(20) NOT NULL,
         kpp varchar(9),
         vat_payer boolean NOT NULL,
         vat_rate numeric(5,2) CHECK (vat_rate >= 0 AND vat_rate <= 100),
         prices_include_vat boolean NOT NULL DEFAULT false,
         iban varchar(34),
         bik varchar(9),
         account varchar(20),
         corr_account varchar(20),
         bank_name varchar(300) NOT NULL,
         address varchar(1000) NOT NULL,
         signatory varchar(200) NOT NULL,
         signatory_position varchar(200),
         number_pattern varchar(64) NOT NULL,
         prefix varchar(20) NOT NULL DEFAULT '',
         logo text,
         is_default boolean NOT NULL DEFAULT false,
         archived_at timestamptz,
         created_by uuid,
         created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
         updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
         CHECK (NOT is_default OR archived_at IS NULL)
       )`,
      `CREATE UNIQUE INDEX inv_legal_entities_default_uq ON inv_legal_entities (portal_id) WHERE is_default`,
      `CREATE INDEX inv_legal_entities_portal_idx ON inv_legal_entities (portal_id, created_at, id)`,
      `CREATE TABLE inv_counters (
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         legal_entity_id uuid NOT NULL REFERENCES inv_legal_entities(id) ON DELETE CASCADE,
         year int NOT NULL,
         last_seq bigint NOT NULL CHECK (last_seq > 0),
         PRIMARY KEY (portal_id, legal_entity_id, year)
       )`,
      `CREATE TABLE inv_deal_items (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
         position int NOT NULL,
         name varchar(500) NOT NULL,
         quantity numeric(15,3) NOT NULL CHECK (quantity > 0),
         unit varchar(20),
         price numeric(14,2) NOT NULL CHECK (price >= 0),
         vat_rate numeric(5,2) CHECK (vat_rate >= 0 AND vat_rate <= 100),
         UNIQUE (deal_id, position)
       )`,
      `CREATE INDEX inv_deal_items_portal_idx ON inv_deal_items (portal_id, deal_id)`,
      `CREATE TABLE inv_invoices (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         -- Issue order, for lists: timestamps tie (a frozen sandbox clock, the same millisecond).
         created_seq bigint GENERATED ALWAYS AS IDENTITY,
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         legal_entity_id uuid NOT NULL REFERENCES inv_legal_entities(id),
         deal_id uuid REFERENCES deals(id) ON DELETE SET NULL,
         number varchar(100) NOT NULL,
         counter_year int NOT NULL,
         seq bigint NOT NULL,
         issue_date date NOT NULL,
         issued_at timestamptz(3) NOT NULL,
         status varchar(12) NOT NULL CHECK (status IN ('issued', 'sent', 'paid', 'cancelled')),
         language varchar(2) NOT NULL,
         currency varchar(3) NOT NULL,
         vat_payer boolean NOT NULL,
         prices_include_vat boolean NOT NULL,
         supplier jsonb NOT NULL,
         buyer jsonb NOT NULL,
         lines jsonb NOT NULL,
         vat_groups jsonb NOT NULL,
         subtotal numeric(14,2) NOT NULL,
         vat numeric(14,2) NOT NULL,
         total numeric(14,2) NOT NULL,
         amount_in_words text NOT NULL,
         payment_purpose text NOT NULL DEFAULT '',
         request_key varchar(300),
         created_by uuid,
         sent_at timestamptz(3),
         paid_at timestamptz(3),
         cancelled_at timestamptz(3),
         updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
         UNIQUE (portal_id, legal_entity_id, number),
         UNIQUE (portal_id, legal_entity_id, counter_year, seq)
       )`,
      `CREATE UNIQUE INDEX inv_invoices_request_uq ON inv_invoices (portal_id, request_key) WHERE request_key IS NOT NULL`,
      `CREATE INDEX inv_invoices_list_idx ON inv_invoices (portal_id, issued_at DESC, created_seq DESC)`,
      `CREATE INDEX inv_invoices_deal_idx ON inv_invoices (portal_id, deal_id, issued_at DESC, created_seq DESC)`,
    ],
    down: [`DROP TABLE IF EXISTS inv_invoices, inv_deal_items, inv_counters, inv_legal_entities`],
  },
];
