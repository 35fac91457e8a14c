/**
 * What a plugin may import: `definePlugin()` and the manifest (every extension point of ARCHITECTURE.md),
 * the server-side building blocks a plugin's own module uses (./runtime), and — from
 * `@portal/plugin-sdk/testing` — a kit to boot a portal with the plugin installed, for its own tests.
 */
import type { StageKind } from '@portal/contracts';
import type {
  ActionType,
  AutomationExtensions,
  PluginDataContext,
  PluginDataMigration,
  PluginDemoContext,
  PluginSchemaMigration,
  PluginSettingSpec,
  PluginUiContributions,
  TriggerType,
} from '@portal/core';

export * from './runtime';

/** Marks a plugin's controller: its routes answer 404 `plugin_not_installed` on portals without the plugin. */
export { PluginRoute } from '@portal/core';
export type { ChannelMessage, ChannelProvider, FieldTypeSpec, StageGuard, StageGuardContext } from './extension-points';
import type { ChannelProvider, FieldTypeSpec, StageGuard } from './extension-points';

/** The automation extension contracts a plugin implements (core's own types implement the same ones). */
export type {
  ActionContext,
  ActionServices,
  ActionSpec,
  ActionType,
  AutomationExtensions,
  Condition,
  DealFacts,
  Problem,
  RuleCheckContext,
  RuleDefinition,
  TriggerEvent,
  TriggerSpec,
  TriggerType,
  PluginSettingSpec,
  PluginDataContext,
  PluginDataMigration,
  PluginDemoContext,
  PluginSchemaMigration,
  PluginUiContributions,
  AssignmentStrategy,
  AssignmentRequest,
  AssignmentDecision,
  AssignmentPool,
} from '@portal/core';

export interface PluginStageData {
  code: string;
  name: string;
  kind?: StageKind;
  rules?: { requiredFields?: string[]; noOpenTasks?: boolean; guards?: string[] };
}

export interface PluginPipelineData {
  code: string;
  name: string;
  stages: PluginStageData[];
}

export interface PluginFieldData {
  entity: 'deal' | 'contact' | 'company';
  code: string;
  name: string;
  type: string;
  options?: string[];
  required?: boolean;
  repeatable?: boolean;
  fields?: { code: string; name: string; type: string; options?: string[] }[];
}

/** A training course a plugin ships (played by the `training` plugin), in the portal's languages. */
export interface PluginCourseData {
  code: string;
  title: string;
  summary?: string;
  roles?: string[];
  lessons: { code: string; title: string; material: string; videoUrl?: string; helpFor?: { pipeline: string; stage: string }[] }[];
  tests?: { code: string; title: string; passPct?: number; attempts?: number; timeLimitMinutes?: number; questions: { text: string; multiple?: boolean; choices: { text: string; correct: boolean }[] }[] }[];
}

export interface PluginInstallData {
  pipelines?: PluginPipelineData[];
  fields?: PluginFieldData[];
  automations?: Record<string, unknown>[];
  roles?: string[];
  /** Courses for the training plugin (installed with it; kept as data until it is). */
  training?: PluginCourseData[];
}

export interface PluginManifest {
  id: string;
  version: string;
  /** In English; `translations` gives the other languages. */
  name: string;
  summary?: string;
  translations?: Partial<Record<'uk' | 'ru', { name?: string; summary?: string }>>;
  category?: string;
  dependsOn?: string[];
  /** A Nest module with the plugin's own controllers and services. */
  module?: unknown;
  install?: PluginInstallData;
  /** The plugin's settings schema: `GET/PATCH /marketplace/:id/settings` validate against it. */
  settings?: Record<string, PluginSettingSpec>;
  /** Action types the plugin's rules (and the portal's) may use, e.g. `novaposhta.createWaybill`. */
  actions?: ActionType[];
  /** Trigger types, listening to outbox events the plugin writes, e.g. `novaposhta.statusChanged`. */
  triggers?: TriggerType[];
  /** Named strategies for `assignee: "strategy:<name>"` and pipelines' `assignment`, e.g. `least-loaded`. */
  assignmentStrategies?: AutomationExtensions['assignmentStrategies'];
  /** DDL of the plugin's own tables (run once per database at boot, with the core's migrations). */
  schema?: PluginSchemaMigration[];
  /** Versioned data migrations: an upgrade applies those after the installed version, in order, once per portal. */
  migrations?: PluginDataMigration[];
  /** After the install data, in the install transaction (also on reinstall and upgrade); must be idempotent. */
  onInstall?(ctx: PluginDataContext): Promise<void>;
  /** In the uninstall transaction (also before a purge): e.g. stop keeping derived data. */
  onUninstall?(ctx: PluginDataContext): Promise<void>;
  /** In the transaction that changed the plugin's settings on a portal. */
  onSettingsChanged?(ctx: PluginDataContext): Promise<void>;
  /** Demo records, added by `install?demo=true` (sandbox portals unless `demoOnLive=true`). */
  demo?(ctx: PluginDemoContext): Promise<void>;
  /** Portal UI contributions (routes, menu items, deal-card and dashboard widgets), shown only where installed. */
  ui?: PluginUiContributions;
  /** Checks a stage may list in `rules.guards`, e.g. "company requisites filled". */
  stageGuards?: StageGuard[];
  /** Custom field types, namespaced by the plugin, e.g. `np.city`. */
  fieldTypes?: FieldTypeSpec[];
  /** Channels for `message.send` besides e-mail and SMS, e.g. `telegram`. */
  channels?: ChannelProvider[];
}

/** What the app hands the automation engine for a set of plugins. */
export function automationExtensionsOf(plugins: PluginManifest[]): AutomationExtensions[] {
  return plugins.map((p) => ({ pluginId: p.id, triggers: p.triggers, actions: p.actions, assignmentStrategies: p.assignmentStrategies }));
}

const ID_RE = /^[a-z][a-z0-9-]{1,62}$/;
const SEMVER_RE = /^\d+\.\d+\.\d+$/;

/** Declares a plugin; validates the manifest's identity early so a typo fails at load, not at install. */
export function definePlugin(manifest: PluginManifest): PluginManifest {
  if (!ID_RE.test(manifest.id)) throw new Error(`Plugin id "${manifest.id}" must be lowercase letters, digits and dashes`);
  if (!SEMVER_RE.test(manifest.version)) throw new Error(`Plugin ${manifest.id}: version "${manifest.version}" is not x.y.z`);
  if (manifest.dependsOn?.includes(manifest.id)) throw new Error(`Plugin ${manifest.id} depends on itself`);
  return manifest;
}
