import type { FieldInput } from '../crm/fields/field-definition';
import type { PipelineInput } from '../crm/pipelines/pipeline-definition';

/** One setting of a plugin, as its schema declares it; values are validated against it. */
export interface PluginSettingSpec {
  type: 'string' | 'number' | 'boolean' | 'enum';
  default?: unknown;
  options?: string[];
  min?: number;
  max?: number;
  label?: string;
}

/**
 * What the host needs to know of a plugin: libs/plugin-sdk's `definePlugin()` manifest has this shape (core
 * cannot import the SDK, which depends on it).
 */
export interface PluginDescriptor {
  id: string;
  version: string;
  name: string;
  summary?: string;
  category?: string;
  dependsOn?: string[];
  install?: {
    pipelines?: PipelineInput[];
    fields?: (FieldInput & { entity: string })[];
    automations?: Record<string, unknown>[];
  };
  settings?: Record<string, PluginSettingSpec>;
}

export const PLUGIN_CATALOG = Symbol('PLUGIN_CATALOG');
