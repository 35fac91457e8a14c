import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import { Page, decodeCursor, parseLimit } from '../common/pagination';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { TimelineService, TimelineView } from '../crm/timeline/timeline.service';
import { Db } from '../database/db';
import { DomainEvents } from '../events/domain-events';
import { OutboxService } from '../events/outbox.service';
import { UsersRepository } from '../identity/users/users.repository';
import { TaskDealRefs } from './task-deal-refs';
import {
  Actor,
  MAX_CODE_LENGTH,
  MAX_COMMENT_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  Problem,
  TASK_STATUSES,
  TaskInputProblems,
  TaskStatus,
  canReassignOrDelete,
  canWork,
  isDeadlineMove,
  normalizeEstimate,
  normalizeResultOptions,
  optionalText,
  parseTimestamp,
  queryTimestamp,
  requiredText,
  resultFor,
} from './task-rules';
import { CommentRequiredError, ResultNotAcceptedError, TaskAlreadyDoneError } from './task.errors';
import { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

export { TasksRepository } from './tasks.repository';

export interface NewTask {
  title: string;
  assigneeId: string;
  /** ISO 8601 with an offset, or a Date. */
  dueAt: string | Date;
  dealId?: string | null;
  resultOptions?: string[];
  estimateMinutes?: number | null;
  description?: string | null;
  /** Set by the automation rule that creates the task, so `task.completed {taskCode}` triggers can find it. */
  code?: string | null;
  createdBy?: 'user' | 'automation';
  /** Who set the task; defaults to the acting user (null for an automation acting on its own). */
  creatorId?: string | null;
  /** Where the input sits in the caller's body (e.g. `task.`), so a 400 names `task.dueAt`. */
  fieldPrefix?: string;
}

export interface TaskChange {
  dueAt?: string | Date;
  comment?: string | null;
  title?: string;
  description?: string | null;
  assigneeId?: string;
  estimateMinutes?: number | null;
  resultOptions?: string[];
}

export interface TaskCompletion {
  result?: string | null;
  comment?: string | null;
}

export interface TaskListQuery {
  dealId?: string;
  assigneeId?: string;
  status?: TaskStatus | string;
  from?: string;
  to?: string;
  limit?: unknown;
  cursor?: unknown;
}

const EDITABLE = ['title', 'description', 'estimateMinutes', 'resultOptions'] as const;

/**
 * Tasks: who does what by when, on a deal or on their own. Every write runs in one transaction with its
 * timeline entries (on the task, and on its deal) and, for creation and completion, its outbox event.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly dealRefs: TaskDealRefs,
    private readonly users: UsersRepository,
    private readonly timeline: TimelineService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** Ids of the deal's tasks that are not done (the `noOpenTasks` stage rule), soonest deadline first. */
  async openTaskIds(dealId: string): Promise<string[]> {
    if (!isUuid(dealId)) return [];
    const rows = await this.tasks
      .qb('t')
      .select('t.id')
      .andWhere('t.deal_id = :dealId AND t.status = :s', { dealId, s: 'open' })
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
    return rows.map((r) => r.id);
  }

  /** 404 when the id is not a task of this portal. */
  get(id: string): Promise<TaskEntity> {
    return this.tasks.get(id);
  }

  /** Open and overdue lists run by deadline (soonest first), others newest first; keyset pages either way. */
  async list(query: TaskListQuery): Promise<Page<TaskEntity>> {
    const problems = new TaskInputProblems();
    const limit = parseLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    if (cursor && !isUuid(cursor.id)) problems.add('cursor', 'is not a cursor returned by this list');
    if (query.dealId !== undefined && !isUuid(query.dealId)) problems.add('dealId', 'dealId must be a UUID');
    if (query.assigneeId !== undefined && !isUuid(query.assigneeId)) problems.add('assigneeId', 'assigneeId must be a UUID');
    if (query.status !== undefined && !(TASK_STATUSES as readonly string[]).includes(query.status)) {
      problems.add('status', `status must be one of ${TASK_STATUSES.join(', ')}`);
    }
    const from = query.from ? parseTimestamp(queryTimestamp(query.from), 'from', problems) : null;
    const to = query.to ? parseTimestamp(queryTimestamp(query.to), 'to', problems) : null;
    if (from && to && to.getTime() < from.getTime()) problems.add('to', 'to must not be before from');
    throwIfAny(problems);
    const page = await this.tasks.page(
      { dealId: query.dealId, assigneeId: query.assigneeId, status: query.status as TaskStatus | undefined, from: from ?? undefined, to: to ?? undefined },
      this.clock.now(),
      limit,
      cursor,
    );
    return { items: page.rows, nextCursor: page.nextCursor };
  }

  /** The task's own history, newest first (404 when the task is not of this portal). */
  async history(id: string, query: { limit?: unknown; cursor?: unknown; kind?: string } = {}): Promise<Page<TimelineView>> {
    await this.tasks.get(id);
    return this.timeline.list('task', id, query);
  }

  /**
   * Creates a task: every field checked (400 naming it, nothing written), the assignee an active user and
   * the deal a deal of this portal. Joins the caller's transaction (bulk actions, automations); writes the
   * timeline (task, and deal) and the `task.created` event.
   */
  async create(input: NewTask): Promise<TaskEntity> {
    const problems = new TaskInputProblems(input.fieldPrefix ?? '');
    const title = requiredText(input.title, 'title', MAX_TITLE_LENGTH, problems);
    const description = optionalText(input.description, 'description', MAX_DESCRIPTION_LENGTH, problems);
    const dueAt = parseTimestamp(input.dueAt, 'dueAt', problems);
    const resultOptions = normalizeResultOptions(input.resultOptions, 'resultOptions', problems);
    const estimateMinutes = normalizeEstimate(input.estimateMinutes, 'estimateMinutes', problems);
    const code = optionalText(input.code, 'code', MAX_CODE_LENGTH, problems);
    if (!isUuid(input.assigneeId)) problems.add('assigneeId', 'assigneeId must be the id of an active user');
    const dealId = input.dealId ?? null;
    if (dealId !== null && !isUuid(dealId)) problems.add('dealId', 'dealId must be the id of a deal');
    const createdBy = input.createdBy ?? 'user';
    if (createdBy !== 'user' && createdBy !== 'automation') problems.add('createdBy', 'createdBy must be user or automation');
    throwIfAny(problems);
    return this.db.transaction(async () => {
      await this.assertReferences(problems, { assigneeId: input.assigneeId, dealId });
      const now = this.clock.now();
      const task = await this.tasks.insert({
        title,
        description,
        assigneeId: input.assigneeId,
        dueAt: dueAt as Date,
        dealId,
        resultOptions,
        estimateMinutes,
        code,
        status: 'open',
        result: null,
        comment: null,
        completedAt: null,
        createdBy,
        creatorId: input.creatorId !== undefined ? input.creatorId : (RequestContext.userId() ?? null),
        createdAt: now,
        updatedAt: now,
      });
      const facts = { title, assigneeId: task.assigneeId, dueAt: task.dueAt.toISOString(), code, createdBy };
      await this.timeline.add('task', task.id, 'created', { ...facts, dealId, resultOptions, estimateMinutes });
      if (dealId) await this.timeline.add('deal', dealId, 'task_created', { taskId: task.id, ...facts });
      await this.outbox.record(DomainEvents.TaskCreated, 'task', task.id, { taskId: task.id, code, dealId, assigneeId: task.assigneeId, dueAt: facts.dueAt, createdBy });
      return task;
    });
  }

  /**
   * Edits an open task. A deadline moves only with a comment (422 `comment_required`), recorded with the
   * old and new date on the task and on its deal; moving the task to another user is for admins.
   */
  async update(id: string, change: TaskChange): Promise<TaskEntity> {
    const problems = new TaskInputProblems();
    const patch: Partial<Pick<TaskEntity, (typeof EDITABLE)[number]>> = {};
    if (change.title !== undefined) patch.title = requiredText(change.title, 'title', MAX_TITLE_LENGTH, problems);
    if (change.description !== undefined) patch.description = optionalText(change.description, 'description', MAX_DESCRIPTION_LENGTH, problems);
    if (change.estimateMinutes !== undefined) patch.estimateMinutes = normalizeEstimate(change.estimateMinutes, 'estimateMinutes', problems);
    if (change.resultOptions !== undefined) patch.resultOptions = normalizeResultOptions(change.resultOptions, 'resultOptions', problems);
    const dueAt = change.dueAt !== undefined ? parseTimestamp(change.dueAt, 'dueAt', problems) : null;
    if (change.assigneeId !== undefined && !isUuid(change.assigneeId)) problems.add('assigneeId', 'assigneeId must be the id of an active user');
    const comment = optionalText(change.comment, 'comment', MAX_COMMENT_LENGTH, problems);
    throwIfAny(problems);

    return this.db.transaction(async () => {
      const task = await this.tasks.getForUpdate(id);
      const actor = currentActor();
      if (!canWork(task, actor)) throw new ForbiddenError('Only the assignee, the creator, a head or an admin can edit this task');
      if (task.status === 'done') throw new TaskAlreadyDoneError(id);
      const newAssignee = change.assigneeId !== undefined && change.assigneeId !== task.assigneeId ? change.assigneeId : null;
      if (newAssignee && !canReassignOrDelete(actor)) throw new ForbiddenError('Only an admin can move a task to another user');
      const moved = isDeadlineMove(task.dueAt, dueAt);
      if (moved && !comment) throw new CommentRequiredError();
      if (newAssignee) await this.assertReferences(problems, { assigneeId: newAssignee });

      const changed = EDITABLE.filter((k) => k in patch && !sameValue(task[k], patch[k]));
      if (!moved && !newAssignee && !changed.length) return task;

      const now = this.clock.now();
      await this.tasks.update(id, {
        ...Object.fromEntries(changed.map((k) => [k, patch[k]])),
        ...(moved ? { dueAt } : {}),
        ...(newAssignee ? { assigneeId: newAssignee } : {}),
        updatedAt: now,
      });
      if (moved) {
        const from = task.dueAt.toISOString();
        const to = (dueAt as Date).toISOString();
        await this.timeline.add('task', id, 'deadline_moved', { from, to, comment });
        if (task.dealId) await this.timeline.add('deal', task.dealId, 'task_deadline_moved', { taskId: id, title: task.title, from, to, comment });
      }
      if (newAssignee) {
        await this.timeline.add('task', id, 'assignee_changed', { from: task.assigneeId, to: newAssignee, comment });
        if (task.dealId) await this.timeline.add('deal', task.dealId, 'task_reassigned', { taskId: id, title: task.title, from: task.assigneeId, to: newAssignee });
      }
      for (const k of changed) await this.timeline.add('task', id, 'field_changed', { field: k, from: task[k], to: patch[k] ?? null });
      return this.tasks.get(id);
    });
  }

  /**
   * Completes an open task with its result (required, and one of the options, when the task has options),
   * and records `task.completed {taskId, code, dealId, result}` for the automations that branch on it.
   */
  async complete(id: string, input: TaskCompletion = {}): Promise<TaskEntity> {
    const problems = new TaskInputProblems();
    const comment = optionalText(input.comment, 'comment', MAX_COMMENT_LENGTH, problems);
    throwIfAny(problems);
    return this.db.transaction(async () => {
      const task = await this.tasks.getForUpdate(id);
      if (!canWork(task, currentActor())) throw new ForbiddenError('Only the assignee, the creator, a head or an admin can complete this task');
      if (task.status === 'done') throw new TaskAlreadyDoneError(id);
      const check = resultFor(task.resultOptions ?? [], input.result);
      if (!check.ok) throw new ResultNotAcceptedError(check.message, task.resultOptions ?? []);
      const now = this.clock.now();
      await this.tasks.update(id, { status: 'done', result: check.result, comment, completedAt: now, updatedAt: now });
      await this.timeline.add('task', id, 'completed', { result: check.result, comment });
      if (task.dealId) {
        await this.timeline.add('deal', task.dealId, 'task_completed', { taskId: id, title: task.title, code: task.code, result: check.result, comment });
      }
      await this.outbox.record(DomainEvents.TaskCompleted, 'task', id, { taskId: id, code: task.code, dealId: task.dealId, result: check.result });
      return this.tasks.get(id);
    });
  }

  /** Admins only; the deal keeps a `task_deleted` entry so its history still explains the gap. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const task = await this.tasks.getForUpdate(id);
      if (!canReassignOrDelete(currentActor())) throw new ForbiddenError('Only an admin can delete a task');
      await this.tasks.delete(id);
      if (task.dealId) await this.timeline.add('deal', task.dealId, 'task_deleted', { taskId: id, title: task.title, code: task.code });
    });
  }

  /** Assignee an active user and deal a deal of this portal; both named when both are wrong. */
  private async assertReferences(problems: TaskInputProblems, refs: { assigneeId?: string; dealId?: string | null }): Promise<void> {
    if (refs.assigneeId !== undefined) {
      try {
        await this.users.assertExist([refs.assigneeId], problems.field('assigneeId'));
      } catch (e) {
        if (!(e instanceof ValidationFailedError)) throw e;
        problems.list.push(...(e.details as unknown as Problem[]));
      }
    }
    if (refs.dealId && !(await this.dealRefs.exists(refs.dealId))) problems.add('dealId', `Deal ${refs.dealId} does not exist in this portal`);
    throwIfAny(problems);
  }
}

function currentActor(): Actor {
  return { userId: RequestContext.userId(), roles: RequestContext.roles() };
}

function throwIfAny(problems: TaskInputProblems): void {
  if (problems.any) throw new ValidationFailedError(problems.list);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
