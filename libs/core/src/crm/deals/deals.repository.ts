import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors';
import { Keyset } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { DealEntity } from './deal.entity';
import { DealRow } from './deal.view';

/** A (pipeline, stage) pair: the leading columns of deals_stage_list_idx. */
export interface DealPlace {
  pipelineId: string;
  stageId: string;
}

export interface DealListFilter {
  /** null: every deal of the portal; otherwise only deals in these places (empty: none). */
  places: DealPlace[] | null;
  responsibleId?: string;
  tag?: string;
  q?: string;
  after?: Keyset | null;
}

/** A fully validated new deal, ready for the multi-row insert. */
export interface NewDealRecord {
  id: string;
  title: string;
  pipelineId: string;
  stageId: string;
  budget: string | null;
  currency: string;
  responsibleId: string | null;
  companyId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  contactIds: string[];
  lostReason: string | null;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdBy: string | null;
  /** From the Clock, like every "now" of the domain; updated_at starts equal to it. */
  createdAt: Date;
}

/**
 * The deal row, its stage and pipeline codes and its contact ids in ONE statement: the page is cut first
 * (an index range scan on deals_stage_list_idx / deals_list_idx with LIMIT), and only the page's rows are
 * joined to their stage and pipeline and get their contacts, so a list never costs N+1 queries.
 */
const rowsOf = (page: string) => `
  SELECT d.id, d.title, d.pipeline_id, p.code AS pipeline_code, d.stage_id, s.code AS stage_code, s.kind AS stage_kind,
         d.budget, d.currency, d.responsible_id, d.company_id, d.fields, d.tags, d.lost_reason,
         d.stage_entered_at, d.closed_at, d.created_at, d.updated_at,
         ARRAY(SELECT dc.contact_id::text FROM deal_contacts dc WHERE dc.deal_id = d.id ORDER BY dc.position, dc.contact_id) AS contact_ids
    FROM (${page}) d
    JOIN stages s ON s.id = d.stage_id
    JOIN pipelines p ON p.id = d.pipeline_id
   ORDER BY d.created_at DESC, d.id DESC`;

const DEAL_COLUMNS = `id, title, pipeline_id, stage_id, budget, currency, responsible_id, company_id, fields, tags, lost_reason,
  stage_entered_at, closed_at, created_at, updated_at`;

interface RawDealRow {
  id: string;
  title: string;
  pipeline_id: string;
  pipeline_code: string;
  stage_id: string;
  stage_code: string;
  stage_kind: DealRow['stageKind'];
  budget: string | null;
  currency: string;
  responsible_id: string | null;
  company_id: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  lost_reason: string | null;
  stage_entered_at: Date;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  contact_ids: string[];
}

function toRow(r: RawDealRow): DealRow {
  return {
    id: r.id,
    title: r.title,
    pipelineId: r.pipeline_id,
    pipelineCode: r.pipeline_code,
    stageId: r.stage_id,
    stageCode: r.stage_code,
    stageKind: r.stage_kind,
    budget: r.budget,
    currency: r.currency,
    responsibleId: r.responsible_id,
    companyId: r.company_id,
    fields: r.fields,
    tags: r.tags,
    contactIds: r.contact_ids,
    lostReason: r.lost_reason,
    stageEnteredAt: r.stage_entered_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class DealsRepository extends PortalScopedRepository<DealEntity> {
  protected readonly entity = DealEntity;
  protected readonly label = 'Deal';

  /** One deal with its codes and contacts, or null (unknown id, or another portal's). */
  async findRow(id: string): Promise<DealRow | null> {
    if (!isUuid(id)) return null;
    const rows: RawDealRow[] = await this.db.query(rowsOf(`SELECT ${DEAL_COLUMNS} FROM deals WHERE portal_id = $1 AND id = $2`), [this.portalId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /**
   * A page of deals, newest first, `limit` rows (ask for one more to know whether a next page exists).
   * Filtered by places, every (pipeline, stage) is read as its own ordered range of deals_stage_list_idx
   * and the ranges are merged, so the plan never depends on table statistics (the embedded database has
   * no autovacuum to gather them): at most `limit` index entries per stage, never a sort of the table.
   */
  async listRows(filter: DealListFilter, limit: number): Promise<DealRow[]> {
    if (filter.places && !filter.places.length) return [];
    const params: unknown[] = [this.portalId];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = ['portal_id = $1'];
    if (filter.responsibleId) where.push(`responsible_id = ${param(filter.responsibleId)}`);
    if (filter.tag) where.push(`EXISTS (SELECT 1 FROM unnest(tags) t WHERE lower(t) = lower(${param(filter.tag)}))`);
    if (filter.q) where.push(`title ILIKE ${param(`%${escapeLike(filter.q)}%`)}`);
    if (filter.after) where.push(`(created_at, id) < (${param(filter.after.at)}::timestamptz, ${param(filter.after.id)}::uuid)`);
    const order = `ORDER BY created_at DESC, id DESC LIMIT ${param(limit)}`;
    let page: string;
    if (!filter.places) {
      page = `SELECT ${DEAL_COLUMNS} FROM deals WHERE ${where.join(' AND ')} ${order}`;
    } else if (filter.places.length === 1) {
      const [only] = filter.places;
      where.push(`pipeline_id = ${param(only.pipelineId)}`, `stage_id = ${param(only.stageId)}`);
      page = `SELECT ${DEAL_COLUMNS} FROM deals WHERE ${where.join(' AND ')} ${order}`;
    } else {
      const pipelines = param(filter.places.map((p) => p.pipelineId));
      const stages = param(filter.places.map((p) => p.stageId));
      where.push('pipeline_id = k.pipeline_id', 'stage_id = k.stage_id');
      page = `SELECT x.* FROM unnest(${pipelines}::uuid[], ${stages}::uuid[]) AS k(pipeline_id, stage_id)
        CROSS JOIN LATERAL (SELECT ${DEAL_COLUMNS} FROM deals WHERE ${where.join(' AND ')} ${order}) x
        ${order}`;
    }
    const rows: RawDealRow[] = await this.db.query(rowsOf(page), params);
    return rows.map(toRow);
  }

  /**
   * The kanban's column headers: per stage of a pipeline, how many deals match the list filters and the sum
   * of their budgets per currency (exact: summed as numeric in the database).
   */
  async stageTotals(pipelineId: string, filter: Omit<DealListFilter, 'places' | 'after'>): Promise<{ stage_id: string; count: number; currency: string | null; budget: string | null }[]> {
    const params: unknown[] = [this.portalId, pipelineId];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = ['d.portal_id = $1', 'd.pipeline_id = $2'];
    if (filter.responsibleId) where.push(`d.responsible_id = ${param(filter.responsibleId)}`);
    if (filter.tag) where.push(`EXISTS (SELECT 1 FROM unnest(d.tags) t WHERE lower(t) = lower(${param(filter.tag)}))`);
    if (filter.q) where.push(`d.title ILIKE ${param(`%${escapeLike(filter.q)}%`)}`);
    return this.db.query(
      `SELECT d.stage_id, count(*)::int AS count, d.currency, sum(d.budget)::text AS budget
         FROM deals d WHERE ${where.join(' AND ')}
        GROUP BY d.stage_id, d.currency`,
      params,
    );
  }

  /**
   * The list's `pipeline` / `stage` query parameters (id or code) as places, in one small query; unknown →
   * 400 naming the parameter. A pipeline alone means all its stages; a stage code alone may match a stage
   * in several pipelines.
   */
  async resolveListScope(pipelineRef: string | undefined, stageRef: string | undefined): Promise<DealPlace[] | null> {
    const by = (ref: string) => (isUuid(ref) ? 'id' : 'code');
    if (pipelineRef) {
      const params: unknown[] = [this.portalId, pipelineRef];
      const stageMatch = stageRef ? ` AND s.${by(stageRef)} = $${params.push(stageRef)}` : '';
      const rows: { pipeline_id: string; stage_id: string | null }[] = await this.db.query(
        `SELECT p.id AS pipeline_id, s.id AS stage_id FROM pipelines p LEFT JOIN stages s ON s.pipeline_id = p.id${stageMatch}
          WHERE p.portal_id = $1 AND p.${by(pipelineRef)} = $2`,
        params,
      );
      if (!rows.length) throw ValidationFailedError.field('pipeline', `unknown pipeline "${pipelineRef}"`);
      if (stageRef && !rows[0].stage_id) throw ValidationFailedError.field('stage', `unknown stage "${stageRef}" in pipeline "${pipelineRef}"`);
      return rows.filter((r) => r.stage_id).map((r) => ({ pipelineId: r.pipeline_id, stageId: r.stage_id as string }));
    }
    if (stageRef) {
      const rows: { pipeline_id: string; id: string }[] = await this.db.query(`SELECT pipeline_id, id FROM stages WHERE portal_id = $1 AND ${by(stageRef)} = $2`, [
        this.portalId,
        stageRef,
      ]);
      if (!rows.length) throw ValidationFailedError.field('stage', `unknown stage "${stageRef}"`);
      return rows.map((r) => ({ pipelineId: r.pipeline_id, stageId: r.id }));
    }
    return null;
  }

  async contactIdsOf(dealId: string): Promise<string[]> {
    const rows: { contact_id: string }[] = await this.db.query(
      'SELECT contact_id FROM deal_contacts WHERE portal_id = $1 AND deal_id = $2 ORDER BY position, contact_id',
      [this.portalId, dealId],
    );
    return rows.map((r) => r.contact_id);
  }

  async replaceContacts(dealId: string, contactIds: string[]): Promise<void> {
    await this.db.query('DELETE FROM deal_contacts WHERE portal_id = $1 AND deal_id = $2', [this.portalId, dealId]);
    await this.insertContacts(contactIds.map((contactId, position) => ({ dealId, contactId, position })));
  }

  /** New deals and their contacts in one statement each, however many (the import path). */
  async insertMany(deals: NewDealRecord[]): Promise<{ id: string; createdAt: Date }[]> {
    if (!deals.length) return [];
    const records = deals.map((d) => ({
      id: d.id,
      title: d.title,
      pipeline_id: d.pipelineId,
      stage_id: d.stageId,
      budget: d.budget,
      currency: d.currency,
      responsible_id: d.responsibleId,
      company_id: d.companyId,
      fields: d.fields,
      tags: d.tags,
      lost_reason: d.lostReason,
      stage_entered_at: d.stageEnteredAt.toISOString(),
      closed_at: d.closedAt ? d.closedAt.toISOString() : null,
      created_by: d.createdBy,
      created_at: d.createdAt.toISOString(),
    }));
    const inserted: { id: string; created_at: Date }[] = await this.db.query(
      `INSERT INTO deals (id, portal_id, title, pipeline_id, stage_id, budget, currency, responsible_id, company_id, fields, tags,
                          lost_reason, stage_entered_at, closed_at, created_by, created_at, updated_at)
       SELECT r.id, $1, r.title, r.pipeline_id, r.stage_id, r.budget, r.currency, r.responsible_id, r.company_id, r.fields,
              ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.lost_reason, r.stage_entered_at, r.closed_at, r.created_by,
              r.created_at, r.created_at
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, title text, pipeline_id uuid, stage_id uuid, budget numeric, currency text,
              responsible_id uuid, company_id uuid, fields jsonb, tags jsonb, lost_reason text, stage_entered_at timestamptz,
              closed_at timestamptz, created_by uuid, created_at timestamptz)
       RETURNING id, created_at`,
      [this.portalId, JSON.stringify(records)],
    );
    await this.insertContacts(deals.flatMap((d) => d.contactIds.map((contactId, position) => ({ dealId: d.id, contactId, position }))));
    return inserted.map((r) => ({ id: r.id, createdAt: r.created_at }));
  }

  private async insertContacts(links: { dealId: string; contactId: string; position: number }[]): Promise<void> {
    if (!links.length) return;
    await this.db.query(
      `INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position)
       SELECT $1, r.deal_id, r.contact_id, r.position FROM jsonb_to_recordset($2::jsonb) AS r(deal_id uuid, contact_id uuid, position int)`,
      [this.portalId, JSON.stringify(links.map((l) => ({ deal_id: l.dealId, contact_id: l.contactId, position: l.position })))],
    );
  }
}
