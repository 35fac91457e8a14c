/** Shapes of the CRM API the deals pages use. */
export type StageKind = 'open' | 'won' | 'lost';

export interface Stage {
  id: string;
  code: string;
  name: string;
  position: number;
  kind: StageKind;
  rules?: { requiredFields?: string[]; noOpenTasks?: boolean; guards?: string[] };
}

export interface Pipeline {
  id: string;
  code: string;
  name: string;
  archived?: boolean;
  stages: Stage[];
}

export interface Deal {
  id: string;
  title: string;
  pipeline: { id: string; code: string };
  stage: { id: string; code: string; kind: StageKind };
  budget: string | null;
  currency: string | null;
  responsibleId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  contactIds: string[];
  companyId: string | null;
  lostReason?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface StageSummary {
  stageId: string;
  code: string;
  kind: StageKind;
  count: number;
  budgets: { currency: string; sum: string }[];
}

export interface DealsSummary {
  pipeline: { id: string; code: string };
  stages: StageSummary[];
}

export interface FieldDef {
  code: string;
  name: unknown;
  type: string;
  options?: string[];
  repeatable?: boolean;
  fields?: FieldDef[];
}

export interface User {
  id: string;
  name: string;
  email?: string;
  active?: boolean;
}

export interface Task {
  id: string;
  title: string;
  assigneeId: string | null;
  dueAt: string | null;
  dealId: string | null;
  status: string;
  resultOptions: string[] | null;
  result: string | null;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  actorId?: string | null;
  createdAt: string;
}

/** One unmet rule of a 422 `stage_rules_unmet`. */
export type StageRuleDetail =
  | { rule: 'requiredField'; field: string }
  | { rule: 'noOpenTasks'; taskIds: string[] }
  | { rule: 'guard'; guard: string; message: string };

/** `{items}` or a bare array: both are accepted where the API may answer either. */
export function itemsOf<T>(res: T[] | { items?: T[] } | null | undefined): T[] {
  if (Array.isArray(res)) return res;
  return res?.items ?? [];
}
