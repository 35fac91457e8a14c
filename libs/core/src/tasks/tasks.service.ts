import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { PortalScopedRepository } from '../database/portal-scoped.repository';
import { TaskEntity } from './task.entity';

@Injectable()
export class TasksRepository extends PortalScopedRepository<TaskEntity> {
  protected readonly entity = TaskEntity;
  protected readonly label = 'Task';
}

export interface NewTask {
  title: string;
  assigneeId: string;
  dueAt: string | Date;
  dealId?: string | null;
  resultOptions?: string[];
  estimateMinutes?: number | null;
  description?: string | null;
  code?: string | null;
  createdBy?: 'user' | 'automation';
}

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly db: Db,
  ) {}

  /** Ids of the deal's tasks that are not done (the `noOpenTasks` stage rule). */
  async openTaskIds(dealId: string): Promise<string[]> {
    const rows = await this.tasks.qb('t').select('t.id').andWhere('t.deal_id = :dealId AND t.status = :s', { dealId, s: 'open' }).orderBy('t.due_at', 'ASC').getMany();
    return rows.map((r) => r.id);
  }

  /** Creates a task (validates assignee, deal, deadline) in the caller's transaction; records timeline + outbox. */
  async create(input: NewTask): Promise<TaskEntity> {
    return this.db.transaction(async () =>
      this.tasks.insert({
        title: input.title,
        assigneeId: input.assigneeId,
        dueAt: new Date(input.dueAt),
        dealId: input.dealId ?? null,
        resultOptions: input.resultOptions ?? [],
        estimateMinutes: input.estimateMinutes ?? null,
        description: input.description ?? null,
        code: input.code ?? null,
        status: 'open',
        createdBy: input.createdBy ?? 'user',
      }),
    );
  }
}
