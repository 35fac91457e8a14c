import type { Delay } from './calendar';
import type { AssignmentStrategy } from '../crm/assignment/assignment.types';

/** The extension contracts of the automation engine; libs/plugin-sdk re-exports them for plugins. */

export const CONDITION_OPS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty', 'contains'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface Condition {
  field: string;
  op: ConditionOp;
  value?: unknown;
}

export interface TriggerSpec {
  type: string;
  [key: string]: unknown;
}

export interface ActionSpec {
  type: string;
  [key: string]: unknown;
}

/** Repeat the actions every N minutes inside working hours until `until` holds; then pause until the next working day. */
export interface RepeatSpec {
  everyMinutes: number;
  until?: Condition[];
  /** Working days to wait after `until` held before repeating again (default 1: the next working day). */
  resumeAfterBusinessDays?: number;
}

export interface RuleDefinition {
  code: string;
  name: string;
  enabled: boolean;
  trigger: TriggerSpec;
  delay: Delay | null;
  conditions: Condition[];
  actions: ActionSpec[];
  repeat: RepeatSpec | null;
}

export interface StoredRule extends RuleDefinition {
  id: string;
  portalId: string;
  pluginId: string | null;
}

export interface Problem {
  field: string;
  message: string;
}

/** What rule validation may ask about the portal (codes resolve to ids; unknown ones are problems). */
export interface RuleCheckContext {
  pipelineExists(codeOrId: string): Promise<boolean>;
  stageExists(pipelineCodeOrId: string | null, stageCodeOrId: string): Promise<boolean>;
  /** The type of a deal custom field, or null when the portal has no such field. */
  dealFieldType(code: string): Promise<string | null>;
  userExists(id: string): Promise<boolean>;
  roleExists(role: string): boolean;
  assignmentStrategyExists(name: string): Promise<boolean>;
  /** Why rules of this portal cannot send through a plugin's channel, or null when they can. */
  channelProblem(channel: string): Promise<string | null>;
  pluginInstalled(pluginId: string): Promise<boolean>;
}

/** A domain event as a trigger sees it (a row of the outbox). */
export interface TriggerEvent {
  id: string;
  type: string;
  portalId: string;
  dealId: string | null;
  payload: Record<string, any>;
  occurredAt: Date;
}

/** The deal an automation acts on, as conditions and templates see it. */
export interface DealFacts {
  id: string;
  title: string;
  pipelineId: string;
  pipelineCode: string;
  stageId: string;
  stageCode: string;
  stageKind: string;
  budget: string | null;
  currency: string;
  responsibleId: string | null;
  companyId: string | null;
  contactIds: string[];
  tags: string[];
  fields: Record<string, unknown>;
  stageEnteredAt: Date;
}

export interface TriggerType {
  type: string;
  /** Outbox event types this trigger listens to (none for time-based triggers the engine plans itself). */
  events: string[];
  validate?(trigger: TriggerSpec, ctx: RuleCheckContext): Promise<Problem[]>;
  matches(trigger: TriggerSpec, event: TriggerEvent): boolean;
  /** For a delayed run: null when the situation the trigger saw still holds, else why it no longer does. */
  stillHolds?(trigger: TriggerSpec, deal: DealFacts, event: Record<string, any>): string | null;
}

/** `channel`: a message through a plugin's channel provider (its payload names the channel). */
export type DeliveryKind = 'email' | 'sms' | 'webhook' | 'channel';

/** The engine's services an action may use; everything runs inside the run's transaction. */
export interface ActionServices {
  createTask(task: {
    title: string;
    assigneeId: string;
    dueAt: Date;
    dealId: string | null;
    code?: string | null;
    resultOptions?: string[];
    estimateMinutes?: number | null;
    description?: string | null;
  }): Promise<{ id: string }>;
  changeDeal(dealId: string, change: Record<string, unknown>): Promise<void>;
  createDeal(input: Record<string, unknown>): Promise<string>;
  copyFiles(fromDealId: string, toDealId: string): Promise<number>;
  notify(userId: string, text: string, dealId: string | null, level?: 'info' | 'warning'): Promise<void>;
  /** Queues an external side effect, delivered once after the run commits. */
  deliver(kind: DeliveryKind, payload: Record<string, unknown>): Promise<void>;
  /** A user for an assignee spec; `target` tells a strategy whether it assigns a task (default) or a deal. */
  resolveAssignee(spec: string, target?: 'deal' | 'task'): Promise<string | null>;
  /** Users to address for `responsible`, `role:<role>`, `user:<id>`, `field:<code>`, `department-head`. */
  resolveUsers(spec: string): Promise<{ id: string; name: string; email: string }[]>;
  /** A moment relative to now per the portal's business calendar. */
  dueFrom(spec: unknown): Date;
  templateContext(): Promise<Record<string, unknown>>;
}

export interface ActionContext {
  portalId: string;
  rule: StoredRule;
  runId: string;
  /** Unique per rule × record × occurrence × action: external receivers can de-duplicate on it. */
  idempotencyKey: string;
  deal: DealFacts | null;
  event: Record<string, any>;
  now: Date;
  services: ActionServices;
}

export interface ActionType {
  type: string;
  validate?(action: ActionSpec, ctx: RuleCheckContext): Promise<Problem[]>;
  /** Whether the action needs a deal to act on (default true). */
  needsDeal?: boolean;
  /** Does the work; the summary lands in the run log. */
  execute(action: ActionSpec, ctx: ActionContext): Promise<Record<string, unknown> | void>;
  /** A human sentence for dry runs. */
  describe?(action: ActionSpec): string;
}

/** What a plugin (or the app) adds to the engine; core's own types register through the same path. */
export interface AutomationExtensions {
  /** The contributing plugin: its types act only on portals that installed it (none for core). */
  pluginId?: string;
  triggers?: TriggerType[];
  actions?: ActionType[];
  /** Named strategies for `assignee: "strategy:<name>"`. */
  assignmentStrategies?: Record<string, AssignmentStrategy>;
}

export const AUTOMATION_EXTENSIONS = Symbol('AUTOMATION_EXTENSIONS');
