import { Inject, Injectable } from '@nestjs/common';
import { PLUGIN_TYPE_BASES, PLUGIN_TYPE_RE } from '../crm/fields/field-types';
import { PLUGIN_CATALOG } from '../marketplace/plugin-descriptor';
import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import { PluginInstallations } from '../marketplace/plugin-installations';
import type { FieldTypeSpec } from './extension-points';
import { PluginContributions } from './plugin-contributions';

function specProblem(spec: FieldTypeSpec): string | null {
  if (!PLUGIN_TYPE_RE.test(spec.type)) return 'must be namespaced by the plugin, e.g. "np.city"';
  if (!(PLUGIN_TYPE_BASES as readonly string[]).includes(spec.base)) return `must be based on one of ${PLUGIN_TYPE_BASES.join(', ')}`;
  return null;
}

/** The custom field types plugins contribute, by type name. */
@Injectable()
export class FieldTypesRegistry extends PluginContributions<FieldTypeSpec> {
  constructor(@Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[], installations: PluginInstallations) {
    super('field type', plugins, (p) => p.fieldTypes, (t) => t.type, installations, specProblem);
  }
}
