/** Who may be picked: a department's members, holders of a role, or both; plus a course they must have passed. */
export interface AssignmentPool {
  departmentId?: string | null;
  role?: string | null;
  requiresCourseId?: string | null;
  /** Only these users (set by core from `requiresCourseId`: those who passed the course); null or absent: no limit. */
  userIds?: string[] | null;
}

/** What a strategy decides about. */
export interface AssignmentRequest {
  portalId: string;
  /** What gets the assignee: a new deal (pipeline setting) or a task / deal made by an automation rule. */
  target: 'deal' | 'task';
  deal: { id: string | null; title: string; pipelineId: string; pipelineCode: string; responsibleId: string | null } | null;
  pool: AssignmentPool;
  now: Date;
  /** The portal's calendar date of `now`, YYYY-MM-DD. */
  today: string;
  /** Whether `now` falls inside the portal's working hours. */
  workingNow: boolean;
  /** The settings of the strategy's plugin on this portal (defaults included); empty for core's. */
  settings: Record<string, unknown>;
  /** Runs in the caller's transaction: a lock taken here holds until the assignment is written. */
  query: (sql: string, params: unknown[]) => Promise<any[]>;
}

/** A decision with its reason, which goes on the timeline ("load 3.5 h, lowest of 4 eligible; Ivan absent"). */
export interface AssignmentDecision {
  userId: string | null;
  reason: string;
}

/** Picks a user for `assignee: "strategy:<name>"` or a pipeline's `assignment`; null when nobody fits. */
export type AssignmentStrategy = (req: AssignmentRequest) => Promise<AssignmentDecision | string | null>;

export const ASSIGNMENT_STRATEGIES = Symbol('ASSIGNMENT_STRATEGIES');
