import type { Problem } from '../crm/pipelines/pipeline-definition';
import type { PluginSettingSpec } from './plugin-descriptor';

function defaultSettings(schema: Record<string, PluginSettingSpec> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]));
}

/** A plugin's settings on a portal: the schema's defaults overlaid with what the admin stored. */
export function effectiveSettings(schema: Record<string, PluginSettingSpec> | undefined, stored: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return { ...defaultSettings(schema), ...(stored ?? {}) };
}

/** Checks a settings patch against the plugin's schema; every problem names its key. */
export function settingsProblems(patch: unknown, schema: Record<string, PluginSettingSpec> = {}): Problem[] {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return [{ field: 'body', message: 'the settings must be a JSON object' }];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const spec = schema[key];
    if (!spec) {
      problems.push({ field: key, message: `is not a setting of this plugin (${Object.keys(schema).join(', ') || 'it has none'})` });
      continue;
    }
    if (value === null) continue;
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') problems.push({ field: key, message: 'must be a text' });
        break;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push({ field: key, message: 'must be true or false' });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ field: key, message: 'must be a number' });
        else if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) problems.push({ field: key, message: `must be between ${spec.min ?? '−∞'} and ${spec.max ?? '∞'}` });
        break;
      case 'map':
        if (!value || typeof value !== 'object' || Array.isArray(value)) problems.push({ field: key, message: 'must be an object of named numbers' });
        else
          for (const [name, v] of Object.entries(value)) {
            if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field: `${key}.${name}`, message: 'must be a number' });
            else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) problems.push({ field: `${key}.${name}`, message: `must be between ${spec.min ?? '−∞'} and ${spec.max ?? '∞'}` });
          }
        break;
      case 'enum':
        if (!spec.options?.includes(value as string)) problems.push({ field: key, message: `must be one of ${(spec.options ?? []).join(', ')}` });
        break;
    }
  }
  return problems;
}
