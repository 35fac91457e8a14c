/** The custom field types of ARCHITECTURE.md; plugins register more (e.g. np.city, see libs/core/src/extensions). */
export const FIELD_TYPES = ['string', 'text', 'number', 'money', 'date', 'datetime', 'boolean', 'enum', 'multienum', 'user', 'url', 'phone', 'email', 'file', 'group'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_ENTITIES = ['deal', 'contact', 'company'] as const;
export const TYPES_WITH_OPTIONS = new Set(['enum', 'multienum']);

/** A type a plugin contributes is namespaced by the plugin, e.g. `np.city`. */
export const PLUGIN_TYPE_RE = /^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9]*$/;

/** The scalar types a plugin type may build on: its values are checked as these first. */
export const PLUGIN_TYPE_BASES = ['string', 'number', 'text'] as const;

export function isPluginType(type: unknown): type is string {
  return typeof type === 'string' && PLUGIN_TYPE_RE.test(type);
}
