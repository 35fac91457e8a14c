import { Injectable } from '@nestjs/common';
import { Keyset, encodeCursor } from '../common/pagination';
import { PortalScopedRepository } from '../database/portal-scoped.repository';
import { TaskStatus } from './task-rules';
import { TaskEntity } from './task.entity';

export interface TaskFilter {
  dealId?: string;
  assigneeId?: string;
  status?: TaskStatus;
  /** Deadline window: from ≤ dueAt < to. */
  from?: Date;
  to?: Date;
}

/** Open work is read by deadline (soonest first); everything else newest first. */
export type TaskOrder = 'dueAt' | 'newest';

export function orderFor(status: TaskStatus | undefined): TaskOrder {
  return status === 'open' || status === 'overdue' ? 'dueAt' : 'newest';
}

@Injectable()
export class TasksRepository extends PortalScopedRepository<TaskEntity> {
  protected readonly entity = TaskEntity;
  protected readonly label = 'Task';

  /** One page in keyset order: (due_at asc, id asc) or (created_at desc, id desc); the cursor is the last row's key. */
  async page(filter: TaskFilter, now: Date, limit: number, cursor: Keyset | null): Promise<{ rows: TaskEntity[]; nextCursor: string | null }> {
    const order = orderFor(filter.status);
    const qb = this.qb('t');
    if (filter.dealId) qb.andWhere('t.deal_id = :dealId', { dealId: filter.dealId });
    if (filter.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.status === 'done') qb.andWhere(`t.status = 'done'`);
    if (filter.status === 'open') qb.andWhere(`t.status = 'open'`);
    if (filter.status === 'overdue') qb.andWhere(`t.status = 'open' AND t.due_at < :now`, { now });
    if (filter.from) qb.andWhere('t.due_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('t.due_at < :to', { to: filter.to });
    if (order === 'dueAt') {
      qb.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC');
      if (cursor) qb.andWhere('(t.due_at, t.id) > (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: cursor.at, cursorId: cursor.id });
    } else {
      qb.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC');
      if (cursor) qb.andWhere('(t.created_at, t.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: cursor.at, cursorId: cursor.id });
    }
    const rows = await qb.take(limit + 1).getMany();
    const more = rows.length > limit;
    const slice = more ? rows.slice(0, limit) : rows;
    const last = slice[slice.length - 1];
    const at = last && (order === 'dueAt' ? last.dueAt : last.createdAt);
    return { rows: slice, nextCursor: more && last ? encodeCursor({ at: at.toISOString(), id: last.id }) : null };
  }
}
