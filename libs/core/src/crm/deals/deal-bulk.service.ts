import type { EntityManager } from 'typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorFilter } from '../../common/error.filter';
import { ValidationFailedError } from '../../common/errors';
import { Db } from '../../database/db';
import { UsersRepository } from '../../identity/users/users.repository';
import { TasksService } from '../../tasks/tasks.service';
import { PipelinesService } from '../pipelines/pipelines.service';
import { DealsRepository } from './deals.repository';
import { DealChange, DealsService } from './deals.service';
import { normalizeTags } from './deal-tags';
import { BulkAction, BulkDealsDto } from './dto/bulk-deals.dto';

export interface BulkResult {
  id: string;
  ok: boolean;
  error?: { statusCode: number; error: string; message: string; details: unknown[] };
}

/** The params each action takes; anything else in the body is refused, so a typo never goes unnoticed. */
const PARAMS: Record<BulkAction, (keyof BulkDealsDto)[]> = {
  setResponsible: ['responsibleId'],
  setStage: ['stage', 'pipeline', 'lostReason'],
  addTags: ['tags'],
  removeTags: ['tags'],
  addTask: ['task'],
  delete: [],
};
const ALL_PARAMS: (keyof BulkDealsDto)[] = ['responsibleId', 'pipeline', 'stage', 'lostReason', 'tags', 'task'];

/**
 * One action over up to 500 deals. Each deal runs behind its own savepoint through the same use case as a
 * single change (DealsService.applyChange / remove, TasksService.create), so every rule holds per deal
 * and one refused deal does not hold back the others.
 */
@Injectable()
export class DealBulkService {
  private readonly logger = new Logger('DealBulkService');
  private readonly errors = new ErrorFilter();

  constructor(
    private readonly deals: DealsService,
    private readonly dealRows: DealsRepository,
    private readonly pipelines: PipelinesService,
    private readonly users: UsersRepository,
    private readonly tasks: TasksService,
    private readonly db: Db,
  ) {}

  async run(dto: BulkDealsDto): Promise<{ results: BulkResult[] }> {
    const apply = await this.prepare(dto);
    const ids = [...new Set(dto.ids)];
    // Deleting removes files once each deal's own transaction commits; every other action shares one commit,
    // each deal behind its own savepoint, so a refused deal still holds back nothing else.
    if (dto.action === 'delete') return { results: await this.each(ids, apply, dto.action) };
    return { results: await this.db.transaction((em) => this.each(ids, apply, dto.action, em)) };
  }

  private async each(ids: string[], apply: (id: string) => Promise<void>, action: string, em?: EntityManager): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const id of ids) {
      try {
        await em?.query('SAVEPOINT bulk_deal');
        await apply(id);
        await em?.query('RELEASE SAVEPOINT bulk_deal');
        results.push({ id, ok: true });
      } catch (err) {
        await em?.query('ROLLBACK TO SAVEPOINT bulk_deal');
        const { statusCode, error, message, details } = this.errors.render(err);
        if (statusCode >= 500) this.logger.error(`bulk ${action} failed on deal ${id}: ${err instanceof Error ? err.stack : String(err)}`);
        results.push({ id, ok: false, error: { statusCode, error, message, details } });
      }
    }
    return results;
  }

  /** Checks the action's params once (400 naming the field) and returns what to do to each deal. */
  private async prepare(dto: BulkDealsDto): Promise<(id: string) => Promise<void>> {
    const allowed = PARAMS[dto.action];
    for (const p of ALL_PARAMS) {
      if (dto[p] !== undefined && !allowed.includes(p)) throw ValidationFailedError.field(p, `is not a parameter of the action "${dto.action}"`);
    }
    const required = (field: keyof BulkDealsDto) => {
      if (dto[field] === undefined) throw ValidationFailedError.field(field, `is required by the action "${dto.action}"`);
    };
    switch (dto.action) {
      case 'setResponsible': {
        required('responsibleId');
        const responsibleId = dto.responsibleId as string;
        await this.users.assertExist([responsibleId], 'responsibleId');
        return (id) => this.deals.applyChange(id, { responsibleId });
      }
      case 'setStage': {
        required('stage');
        const change: DealChange = { stage: dto.stage, ...(dto.lostReason !== undefined ? { lostReason: dto.lostReason } : {}) };
        if (dto.pipeline !== undefined) {
          const pipeline = await this.pipelines.resolvePipeline(dto.pipeline, 'pipeline');
          change.pipeline = pipeline.id;
          change.stage = this.pipelines.resolveStage(pipeline, dto.stage as string, 'stage').id;
        } else {
          // Without a pipeline the stage is looked up in each deal's own one; it must exist in at least one.
          const ref = dto.stage as string;
          const known = (await this.pipelines.listWithStages()).some((p) => p.stages.some((s) => s.id === ref || s.code === ref));
          if (!known) throw ValidationFailedError.field('stage', `unknown stage "${ref}"`);
        }
        return (id) => this.deals.applyChange(id, change);
      }
      case 'addTags':
      case 'removeTags': {
        required('tags');
        const tags = normalizeTags(dto.tags as string[], 'tags');
        return (id) => this.deals.applyChange(id, dto.action === 'addTags' ? { addTags: tags } : { removeTags: tags });
      }
      case 'addTask': {
        required('task');
        const task = dto.task as NonNullable<BulkDealsDto['task']>;
        if (task.assigneeId) await this.users.assertExist([task.assigneeId], 'task.assigneeId');
        return (id) =>
          this.db.transaction(async () => {
            const deal = await this.dealRows.get(id);
            const assigneeId = task.assigneeId ?? deal.responsibleId;
            if (!assigneeId) throw ValidationFailedError.field('task.assigneeId', 'the deal has no responsible: name an assignee');
            await this.tasks.create({ title: task.title, assigneeId, dueAt: task.dueAt, dealId: id, resultOptions: task.resultOptions, fieldPrefix: 'task.' });
          });
      }
      case 'delete':
        return (id) => this.deals.remove(id);
    }
  }
}
