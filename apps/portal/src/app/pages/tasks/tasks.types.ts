/** Shapes of the tasks API (`GET /tasks`, `GET /tasks/:id/history`) the task components use. */
export type TaskStatus = 'open' | 'overdue' | 'done';

export interface TaskItem {
  id: string;
  code: string | null;
  title: string;
  description: string | null;
  assigneeId: string;
  /** ISO 8601; the API always sets one, older data may not. */
  dueAt: string | null;
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

export interface TaskPage {
  items: TaskItem[];
  nextCursor: string | null;
}

export interface TaskHistoryEntry {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  actorId: string | null;
  createdAt: string;
}

export interface TaskUser {
  id: string;
  name: string;
  active?: boolean;
}

/** What a row reports after a change: the task as the API returned it. */
export interface TaskChange {
  kind: 'completed' | 'moved' | 'created';
  task: TaskItem;
}

/** Users by id → name, as the row component takes them. */
export type UserNames = ReadonlyMap<string, string>;
