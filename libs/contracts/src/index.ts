/**
 * Framework-free types of the public REST API v1 (see shared API.md). Used by the server's views, the
 * portal and the tests; changing a name here is a breaking change of the contract.
 */

export type Uuid = string;
/** A decimal with two places, e.g. "1500.00". Never a float. */
export type MoneyString = string;
/** ISO 8601 with offset. */
export type Timestamp = string;

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  details: Record<string, unknown>[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Locale = 'uk' | 'ru' | 'en';
export type BuiltInRole = 'admin' | 'head' | 'manager' | 'accountant' | 'employee' | 'trainee';

export interface HealthView {
  status: 'ok';
  db: 'postgres' | 'pglite';
  queue: 'bull' | 'in-process';
}

export interface UserView {
  id: Uuid;
  email: string;
  name: string;
  roles: string[];
  departmentId: Uuid | null;
  locale: Locale | null;
  active: boolean;
  createdAt: Timestamp;
}

export interface LoginResponse {
  accessToken: string;
  user: UserView & { portal: { id: Uuid; slug: string } };
}

export type StageKind = 'open' | 'won' | 'lost';

export interface StageRulesView {
  requiredFields: string[];
  noOpenTasks: boolean;
  /** Plugins' stage guards (codes), present when the stage has any. */
  guards?: string[];
}

export interface StageView {
  id: Uuid;
  code: string;
  name: string;
  position: number;
  kind: StageKind;
  rules: StageRulesView;
}

/** How new deals of a pipeline get their responsible (a strategy such as the load-balancer's `least-loaded`). */
export interface PipelineAssignment {
  strategy: string;
  departmentId?: Uuid | null;
  requiresCourseId?: Uuid | null;
}

export interface PipelineView {
  id: Uuid;
  code: string;
  name: string;
  stages: StageView[];
}

export type FieldType =
  | 'string'
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'enum'
  | 'multienum'
  | 'user'
  | 'url'
  | 'phone'
  | 'email'
  | 'file'
  | 'group';

export interface FieldDefView {
  id: Uuid;
  entity: 'deal' | 'contact' | 'company';
  code: string;
  name: string;
  type: FieldType | string;
  options?: string[];
  required: boolean;
  repeatable?: boolean;
  fields?: { code: string; name: string; type: string; options?: string[]; required?: boolean }[];
}

export interface DealView {
  id: Uuid;
  title: string;
  pipeline: { id: Uuid; code: string };
  stage: { id: Uuid; code: string; kind: StageKind };
  budget: MoneyString | null;
  currency: string;
  responsibleId: Uuid | null;
  fields: Record<string, unknown>;
  tags: string[];
  contactIds: Uuid[];
  companyId: Uuid | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type StageRuleViolation = { rule: 'requiredField'; field: string } | { rule: 'noOpenTasks'; taskIds: Uuid[] } | { rule: 'guard'; guard: string; message: string };

export interface ContactView {
  id: Uuid;
  name: string;
  emails: string[];
  phones: string[];
  position: string | null;
  companyId: Uuid | null;
  responsibleId: Uuid | null;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CompanyView {
  id: Uuid;
  name: string;
  taxId: string | null;
  emails: string[];
  phones: string[];
  web: string | null;
  address: string | null;
  responsibleId: Uuid | null;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type TaskStatus = 'open' | 'done' | 'overdue';

export interface TaskView {
  id: Uuid;
  code: string | null;
  title: string;
  assigneeId: Uuid;
  dueAt: Timestamp;
  dealId: Uuid | null;
  status: TaskStatus;
  resultOptions: string[];
  result: string | null;
  estimateMinutes: number | null;
  createdBy: 'user' | 'automation';
}
