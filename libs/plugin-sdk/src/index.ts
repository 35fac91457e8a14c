/**
 * What a plugin may import. This first cut declares the manifest shape of ARCHITECTURE.md; the plugin
 * host (install, upgrade, uninstall) and the extension-point registries arrive with the marketplace.
 */
import type { StageKind } from '@portal/contracts';
import type { ActionType, AutomationExtensions, PluginSettingSpec, TriggerType } from '@portal/core';

/** Marks a plugin's controller: its routes answer 404 `plugin_not_installed` on portals without the plugin. */
export { PluginRoute } from '@portal/core';

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
} from '@portal/core';

export interface PluginStageData {
  code: string;
  name: string;
  kind?: StageKind;
  rules?: { requiredFields?: string[]; noOpenTasks?: boolean };
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

export interface PluginInstallData {
  pipelines?: PluginPipelineData[];
  fields?: PluginFieldData[];
  automations?: Record<string, unknown>[];
  roles?: string[];
}

export interface PluginManifest {
  id: string;
  version: string;
  name: string;
  summary?: string;
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
  /** Named strategies for `assignee: "strategy:<name>"`, e.g. `least-loaded`. */
  assignmentStrategies?: AutomationExtensions['assignmentStrategies'];
}

/** What the app hands the automation engine for a set of plugins. */
export function automationExtensionsOf(plugins: PluginManifest[]): AutomationExtensions[] {
  return plugins.map((p) => ({ pluginId: p.id, triggers: p.triggers, actions: p.actions, assignmentStrategies: p.assignmentStrategies }));
}

const ID_RE = /^[a-z][a-z0-9-]{1,62}$/;
const SEMVER_RE = /^\d+\.\d+\.\d+$/;

/** Declares a plugin; validates the manifest's identity early so a typo fails at load, not at install. */
export function definePlugin<T extends PluginManifest>(manifest: T): T {
  if (!ID_RE.test(manifest.id)) throw new Error(`Plugin id "${manifest.id}" must be lowercase letters, digits and dashes`);
  if (!SEMVER_RE.test(manifest.version)) throw new Error(`Plugin ${manifest.id}: version "${manifest.version}" is not x.y.z`);
  if (manifest.dependsOn?.includes(manifest.id)) throw new Error(`Plugin ${manifest.id} depends on itself`);
  return manifest;
}
