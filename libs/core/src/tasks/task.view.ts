import { TaskStatus, taskStatus } from './task-rules';
import { TaskEntity } from './task.entity';

/** A task as API.md shows it; `status` is derived against "now" (open / overdue / done). */
export interface TaskView {
  id: string;
  code: string | null;
  title: string;
  description: string | null;
  assigneeId: string;
  dueAt: string;
  dealId: string | null;
  status: TaskStatus;
  resultOptions: string[];
  result: string | null;
  comment: string | null;
  estimateMinutes: number | null;
  createdBy: 'user' | 'automation';
  creatorId: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function taskView(t: TaskEntity, now: Date): TaskView {
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    description: t.description,
    assigneeId: t.assigneeId,
    dueAt: t.dueAt.toISOString(),
    dealId: t.dealId,
    status: taskStatus(t, now),
    resultOptions: t.resultOptions ?? [],
    result: t.result,
    comment: t.comment,
    estimateMinutes: t.estimateMinutes,
    createdBy: t.createdBy,
    creatorId: t.creatorId,
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
