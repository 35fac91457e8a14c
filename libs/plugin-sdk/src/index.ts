/**
 * What a plugin may import: `definePlugin()` and the manifest (every extension point of ARCHITECTURE.md),
 * the server-side building blocks a plugin's own module uses (./runtime), and — from
 * `@portal/plugin-sdk/testing` — a kit to boot a portal with the plugin installed, for its own tests.
 */
import type { StageKind } from '@portal/contracts';
import { manifestProblems } from '@portal/core';
import type { ActionType, AutomationExtensions, PluginBase, TriggerType } from '@portal/core';

export * from './runtime';

/** Marks a plugin's controller: its routes answer 404 `plugin_not_installed` on portals without the plugin. */
export { PluginRoute } from '@portal/core';
export type { ChannelMessage, ChannelProvider, FieldTypeSpec, StageGuard, StageGuardContext } from './extension-points';

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
  PluginQueryContext,
  StageRefusal,
  RefusalHelp,
  PluginDataMigration,
  PluginDemoContext,
  PluginSchemaMigration,
  PluginUiContributions,
  PluginBase,
  AssignmentStrategy,
  AssignmentRequest,
  AssignmentDecision,
  AssignmentPool,
} from '@portal/core';

/** A name in the portal's languages: install data uses the portal's locale, else `name` (English). */
export type PluginNames = Partial<Record<'uk' | 'ru' | 'en', string>>;

export interface PluginStageData {
  code: string;
  name: string;
  names?: PluginNames;
  kind?: StageKind;
  rules?: { requiredFields?: string[]; noOpenTasks?: boolean; guards?: string[] };
}

export interface PluginPipelineData {
  code: string;
  name: string;
  names?: PluginNames;
  stages: PluginStageData[];
  /** The pipeline's `assignment` setting when install creates it, e.g. `{strategy: "least-loaded"}` (never changed on a pipeline that exists). */
  assignment?: { strategy: string; departmentId?: string | null; requiresCourseId?: string | null };
}

export interface PluginFieldData {
  entity: 'deal' | 'contact' | 'company';
  code: string;
  name: string;
  names?: PluginNames;
  type: string;
  options?: string[];
  required?: boolean;
  repeatable?: boolean;
  fields?: { code: string; name: string; type: string; options?: string[] }[];
}

/**
 * A training course a plugin ships (played by the `training` plugin). A plugin ships one copy per language it has
 * (`locale`); the portal gets the copy in its own language (else Ukrainian, else the first). `code`s are stable:
 * reinstalling updates the course in place and keeps the trainees' progress.
 */
export interface PluginCourseData {
  code: string;
  locale: 'uk' | 'ru' | 'en';
  title: string;
  summary?: string;
  roles?: string[];
  /** `material` is Markdown; `helpFor` names the stage rules the lesson explains (`rule`: `requiredFields`, `noOpenTasks` or a guard id; absent: any rule of that stage). */
  lessons: { code: string; title: string; material: string; videoUrl?: string; helpFor?: { pipeline: string; stage: string; rule?: string }[] }[];
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

/** A plugin, as `definePlugin()` takes it: core's shared plugin shape, with typed install data and automation types. */
export interface PluginManifest extends PluginBase {
  install?: PluginInstallData;
  /** Action types the plugin's rules (and the portal's) may use, e.g. `novaposhta.createWaybill`. */
  actions?: ActionType[];
  /** Trigger types, listening to outbox events the plugin writes, e.g. `novaposhta.statusChanged`. */
  triggers?: TriggerType[];
  /** Named strategies for `assignee: "strategy:<name>"` and pipelines' `assignment`, e.g. `least-loaded`. */
  assignmentStrategies?: AutomationExtensions['assignmentStrategies'];
}

/** What the app hands the automation engine for a set of plugins. */
export function automationExtensionsOf(plugins: PluginManifest[]): AutomationExtensions[] {
  return plugins.map((p) => ({ pluginId: p.id, triggers: p.triggers, actions: p.actions, assignmentStrategies: p.assignmentStrategies }));
}

/** Declares a plugin; validates the manifest's identity early so a typo fails at load, not at install. */
export function definePlugin(manifest: PluginManifest): PluginManifest {
  const problems = manifestProblems(manifest);
  if (problems.length) throw new Error(`Plugin ${manifest.id}: ${problems.join('; ')}`);
  return manifest;
}
