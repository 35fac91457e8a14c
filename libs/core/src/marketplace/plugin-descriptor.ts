import type { FieldInput } from '../crm/fields/field-definition';
import type { PipelineInput } from '../crm/pipelines/pipeline-definition';
import type { PluginUiContributions } from './plugin-ui';
import type { ChannelProvider, FieldTypeSpec, StageGuard } from '../extensions/extension-points';

/** One setting of a plugin, as its schema declares it; values are validated against it. */
export interface PluginSettingSpec {
  /** `map`: an object of named numbers (e.g. a weight per pipeline code), each within min/max. */
  type: 'string' | 'number' | 'boolean' | 'enum' | 'map';
  default?: unknown;
  options?: string[];
  min?: number;
  max?: number;
  label?: string;
}

/**
 * A plugin's identity, settings, code and hooks, shared by the host's descriptor and libs/plugin-sdk's
 * `definePlugin()` manifest (core cannot import the SDK, which depends on it); the two differ only in how
 * precisely they type the install data.
 */
export interface PluginBase {
  id: string;
  version: string;
  name: string;
  summary?: string;
  /** The name and summary in the portal's other languages (`name` and `summary` are the English ones). */
  translations?: Partial<Record<'uk' | 'ru', { name?: string; summary?: string }>>;
  category?: string;
  dependsOn?: string[];
  settings?: Record<string, PluginSettingSpec>;
  /** The plugin's Nest module (its controllers and services), mounted by the app. */
  module?: unknown;
  /** DDL for the plugin's own tables, run once per database at boot with the core's migrations. */
  schema?: PluginSchemaMigration[];
  /** Versioned data migrations, applied per portal on upgrade: those after the installed version, in order, once. */
  migrations?: PluginDataMigration[];
  /** Runs in the install transaction after the install data (also on reinstall and upgrade); idempotent. */
  onInstall?(ctx: PluginDataContext): Promise<void>;
  /** Runs in the uninstall transaction (also before a purge). */
  onUninstall?(ctx: PluginDataContext): Promise<void>;
  /** Runs in the transaction that changed the plugin's settings on a portal. */
  onSettingsChanged?(ctx: PluginDataContext): Promise<void>;
  /** Routes, menu items and widgets the portal shows where the plugin is installed. */
  ui?: PluginUiContributions;
  /** Demo records (Odoo's `demo`): added by `install?demo=true`, so a visitor sees a living portal. */
  demo?(ctx: PluginDemoContext): Promise<void>;
  /** Checks a stage may list in `rules.guards`, e.g. "company requisites filled". */
  stageGuards?: StageGuard[];
  /** Custom field types, namespaced by the plugin, e.g. `np.city`. */
  fieldTypes?: FieldTypeSpec[];
  /** Channels for `message.send` besides e-mail and SMS, e.g. `telegram`. */
  channels?: ChannelProvider[];
  /**
   * Plays other plugins' install data under a key (Odoo's data files for another addon), e.g. the training plugin
   * consumes `training` (courses). Called in the install transaction: for a plugin installed while the consumer is,
   * and for every installed plugin (the consumer included) when the consumer is installed. Must be idempotent.
   */
  dataConsumers?: Record<string, (ctx: PluginDataContext, source: { pluginId: string; items: unknown[] }) => Promise<void>>;
  /**
   * Help for a refused stage move: lessons that explain the rule (the 422 carries them as `help`). Called only
   * where the plugin is installed, in the refused request, outside any transaction.
   */
  refusalHelp?(ctx: PluginQueryContext, refusal: StageRefusal): Promise<RefusalHelp[]>;
  /** Which of `userIds` have passed the course (a pipeline's `assignment.requiresCourseId`); only where installed. */
  coursePassers?(ctx: PluginQueryContext, courseId: string, userIds: string[]): Promise<string[]>;
}

export interface PluginQueryContext {
  portalId: string;
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

/** A stage move the portal refused: the pipeline and stage codes, and which rule (`requiredFields`, `noOpenTasks`, or a guard's id). */
export interface StageRefusal {
  pipeline: string;
  stage: string;
  rule: string;
  /** The user whose move was refused. */
  userId: string | null;
}

export interface RefusalHelp {
  courseId: string;
  lessonId: string;
  title: string;
}

/** What the host needs to know of a plugin. */
export interface PluginDescriptor extends PluginBase {
  install?: {
    pipelines?: PipelineInput[];
    fields?: (FieldInput & { entity: string })[];
    automations?: Record<string, unknown>[];
    roles?: string[];
    /** Courses for the training plugin; kept as data until it plays them. */
    training?: unknown[];
  };
}

const ID_RE = /^[a-z][a-z0-9-]{1,62}$/;
const SEMVER_RE = /^\d+\.\d+\.\d+$/;

/** What is wrong with a manifest's identity (checked by `definePlugin()` and for npm-package plugins). */
export function manifestProblems(m: Partial<PluginBase> | null | undefined): string[] {
  if (!m || typeof m !== 'object') return ['it exports no manifest'];
  const problems: string[] = [];
  if (typeof m.id !== 'string' || !ID_RE.test(m.id)) problems.push(`id "${m.id}" must be lowercase letters, digits and dashes`);
  if (typeof m.version !== 'string' || !SEMVER_RE.test(m.version)) problems.push(`version "${m.version}" is not x.y.z`);
  if (typeof m.name !== 'string' || !m.name) problems.push('name is missing');
  if (m.dependsOn?.includes(m.id as string)) problems.push('it depends on itself');
  return problems;
}

export interface PluginSchemaMigration {
  /** Unique and increasing, like a migration timestamp (e.g. 1764600000000). */
  timestamp: number;
  name: string;
  up: string[];
  down?: string[];
}

/** What data migrations, install hooks and demo data get: the portal, its settings of the plugin, SQL in the transaction. */
export interface PluginDataContext {
  portalId: string;
  pluginId: string;
  settings: Record<string, unknown>;
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

export interface PluginDataMigration {
  /** The plugin version that introduced it (x.y.z). */
  version: string;
  description: string;
  up(ctx: PluginDataContext): Promise<void>;
}

/** Demo data is made through the portal's own use cases, so every record has its events and timeline. */
export interface PluginDemoContext extends PluginDataContext {
  createDepartment(input: { name: string; headId?: string }): Promise<{ id: string }>;
  createUser(input: { name: string; email: string; roles: string[]; departmentId?: string }): Promise<{ id: string }>;
  addAbsence(userId: string, input: { from: string; to: string; reason: string }): Promise<void>;
  createCompany(input: { name: string; taxId?: string; phones?: string[]; emails?: string[]; address?: string }): Promise<{ id: string }>;
  createContact(input: { name: string; phones?: string[]; emails?: string[]; companyId?: string; position?: string }): Promise<{ id: string }>;
  createDeal(input: { title: string; pipeline: string; stage?: string; budget?: string; responsibleId?: string | null; companyId?: string; contactIds?: string[]; fields?: Record<string, unknown>; tags?: string[] }): Promise<{ id: string }>;
  createTask(input: { title: string; assigneeId: string; dueAt: Date; dealId?: string; estimateMinutes?: number }): Promise<{ id: string }>;
  addNote(dealId: string, text: string, pinned?: boolean): Promise<void>;
}

export const PLUGIN_CATALOG = Symbol('PLUGIN_CATALOG');
