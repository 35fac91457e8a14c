/** The custom field types of ARCHITECTURE.md; plugins will register more (e.g. np.city). */
export const FIELD_TYPES = ['string', 'text', 'number', 'money', 'date', 'datetime', 'boolean', 'enum', 'multienum', 'user', 'url', 'phone', 'email', 'file', 'group'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_ENTITIES = ['deal', 'contact', 'company'] as const;
export const TYPES_WITH_OPTIONS = new Set(['enum', 'multienum']);
