import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors';
import { Page, decodeCursor, encodeCursor, parseLimit } from '../common/pagination';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { Db } from '../database/db';

const STATUSES = ['scheduled', 'pending', 'running', 'done', 'skipped', 'failed', 'cancelled'];

export interface RunView {
  id: string;
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  dealId: string | null;
  status: string;
  reason: string | null;
  error: string | null;
  attempts: number;
  repetition: number;
  trigger: Record<string, unknown>;
  dueAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  result: Record<string, unknown> | null;
  worker: string | null;
  deliveries: { kind: string; status: string; attempts: number; error: string | null; sentAt: string | null }[];
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The run log: what ran, when, with which result — and what is planned (status `scheduled`). */
@Injectable()
export class RunsService {
  constructor(private readonly db: Db) {}

  async list(query: { dealId?: string; ruleId?: string; status?: string; limit?: unknown; cursor?: unknown }): Promise<Page<RunView>> {
    if (query.dealId !== undefined && !isUuid(query.dealId)) throw ValidationFailedError.field('dealId', 'must be the id of a deal');
    if (query.ruleId !== undefined && !isUuid(query.ruleId)) throw ValidationFailedError.field('ruleId', 'must be the id of a rule');
    if (query.status !== undefined && !STATUSES.includes(query.status)) throw ValidationFailedError.field('status', `must be one of ${STATUSES.join(', ')}`);
    const limit = parseLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.db.query(
      `SELECT r.*, ru.code AS rule_code, ru.name AS rule_name,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', d.kind, 'status', d.status, 'attempts', d.attempts, 'error', d.error, 'sentAt', d.sent_at) ORDER BY d.action_index, d.created_at)
                          FROM automation_deliveries d WHERE d.run_id = r.id), '[]') AS deliveries
         FROM automation_runs r JOIN automation_rules ru ON ru.id = r.rule_id
        WHERE r.portal_id = $1 AND ($2::uuid IS NULL OR r.deal_id = $2) AND ($3::uuid IS NULL OR r.rule_id = $3) AND ($4::text IS NULL OR r.status = $4)
          AND ($5::timestamptz IS NULL OR (r.created_at, r.id) < ($5, $6::uuid))
        ORDER BY r.created_at DESC, r.id DESC LIMIT $7`,
      [RequestContext.portalId(), query.dealId ?? null, query.ruleId ?? null, query.status ?? null, cursor?.at ?? null, cursor?.id ?? null, limit + 1],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r: any) => ({
        id: r.id,
        ruleId: r.rule_id,
        ruleCode: r.rule_code,
        ruleName: r.rule_name,
        dealId: r.deal_id,
        status: r.status,
        reason: r.reason,
        error: r.error,
        attempts: r.attempts,
        repetition: r.repetition,
        trigger: r.event,
        dueAt: iso(r.due_at) as string,
        startedAt: iso(r.started_at),
        finishedAt: iso(r.finished_at),
        createdAt: iso(r.created_at) as string,
        result: r.result,
        worker: r.worker,
        deliveries: r.deliveries,
      })),
      nextCursor: more && last ? encodeCursor({ at: new Date(last.created_at).toISOString(), id: last.id }) : null,
    };
  }
}
