import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { DealFacts } from './automation.types';
import type { ExtraFacts } from './conditions';

/** Reads a deal as automations see it, in one query, and the task facts conditions ask for on demand. */
@Injectable()
export class DealFactsLoader {
  constructor(private readonly db: Db) {}

  async load(dealId: string): Promise<DealFacts | null> {
    const [row] = await this.db.query(
      `SELECT d.id, d.title, d.pipeline_id, p.code AS pipeline_code, d.stage_id, s.code AS stage_code, s.kind AS stage_kind,
              d.budget, d.currency, d.responsible_id, d.company_id, d.tags, d.fields, d.stage_entered_at,
              COALESCE((SELECT array_agg(dc.contact_id ORDER BY dc.position) FROM deal_contacts dc WHERE dc.deal_id = d.id), '{}') AS contact_ids
         FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
        WHERE d.id = $1`,
      [dealId],
    );
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      pipelineId: row.pipeline_id,
      pipelineCode: row.pipeline_code,
      stageId: row.stage_id,
      stageCode: row.stage_code,
      stageKind: row.stage_kind,
      budget: row.budget,
      currency: row.currency,
      responsibleId: row.responsible_id,
      companyId: row.company_id,
      contactIds: row.contact_ids ?? [],
      tags: row.tags ?? [],
      fields: row.fields ?? {},
      stageEnteredAt: row.stage_entered_at,
    };
  }

  extra(dealId: string): ExtraFacts {
    return {
      openTasks: async () => Number((await this.db.query(`SELECT count(*)::int AS n FROM tasks WHERE deal_id = $1 AND status = 'open'`, [dealId]))[0].n),
      task: async (code) => {
        const [t] = await this.db.query(`SELECT status, result FROM tasks WHERE deal_id = $1 AND code = $2 ORDER BY created_at DESC, id DESC LIMIT 1`, [dealId, code]);
        return t ? { status: t.status, result: t.result } : null;
      },
    };
  }
}
