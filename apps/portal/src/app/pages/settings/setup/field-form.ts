import type { TextKey } from '../../../core/i18n.dictionaries';
import type { DraftProblem } from './pipeline-editor';
import { CODE_RE, codeFromName } from './setup.types';
import type { FieldDef, FieldEntity, LocalizedName } from './setup.types';
import './setup.i18n';

/** The built-in field types (the API's FIELD_TYPES); plugins add namespaced ones such as `np.city`. */
export const FIELD_TYPES = ['string', 'text', 'number', 'money', 'date', 'datetime', 'boolean', 'enum', 'multienum', 'user', 'url', 'phone', 'email', 'file', 'group'] as const;
export const MEMBER_TYPES = FIELD_TYPES.filter((t) => t !== 'group');
export const TYPES_WITH_OPTIONS = new Set<string>(['enum', 'multienum']);
/** The choice in the type list that reveals the input for a plugin's type. */
export const PLUGIN_TYPE = 'plugin';
export const PLUGIN_TYPE_RE = /^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9]*$/;

export interface OptionDraft {
  value: string;
  /** Stored already: values may use it, so it cannot be removed or changed. */
  locked: boolean;
}

export interface MemberDraft {
  code: string;
  codeTouched: boolean;
  name: string;
  type: string;
  pluginType: string;
  options: OptionDraft[];
  required: boolean;
  /** Stored already: its code and type are fixed. */
  existing: boolean;
}

export interface FieldDraft {
  id?: string;
  entity: FieldEntity;
  code: string;
  codeTouched: boolean;
  name: string;
  originalName?: LocalizedName;
  type: string;
  pluginType: string;
  required: boolean;
  repeatable: boolean;
  options: OptionDraft[];
  members: MemberDraft[];
}

const isBuiltIn = (type: string) => (FIELD_TYPES as readonly string[]).includes(type);

export function emptyMember(): MemberDraft {
  return { code: '', codeTouched: false, name: '', type: 'string', pluginType: '', options: [], required: false, existing: false };
}

export function emptyField(entity: FieldEntity): FieldDraft {
  return { entity, code: '', codeTouched: false, name: '', type: 'string', pluginType: '', required: false, repeatable: false, options: [], members: [] };
}

export function draftFromField(f: FieldDef, localize: (v: unknown) => string): FieldDraft {
  const builtIn = isBuiltIn(f.type);
  return {
    id: f.id,
    entity: f.entity,
    code: f.code,
    codeTouched: true,
    name: localize(f.name),
    originalName: f.name,
    type: builtIn ? f.type : PLUGIN_TYPE,
    pluginType: builtIn ? '' : f.type,
    required: f.required,
    repeatable: !!f.repeatable,
    options: (f.options ?? []).map((value) => ({ value, locked: true })),
    members: (f.fields ?? []).map((m) => ({
      code: m.code,
      codeTouched: true,
      name: m.name,
      type: isBuiltIn(m.type) ? m.type : PLUGIN_TYPE,
      pluginType: isBuiltIn(m.type) ? '' : m.type,
      options: (m.options ?? []).map((value) => ({ value, locked: true })),
      required: !!m.required,
      existing: true,
    })),
  };
}

/** The type the API gets: a built-in one, or the plugin's type typed in. */
export function effectiveType(d: { type: string; pluginType: string }): string {
  return d.type === PLUGIN_TYPE ? d.pluginType.trim() : d.type;
}

/** The name typed: a new field's (member's) code follows it until the admin types a code. */
export function withName<T extends { name: string; code: string; codeTouched: boolean }>(d: T, name: string, editable: boolean): T {
  return { ...d, name, code: editable && !d.codeTouched ? codeFromName(name) : d.code };
}

function optionsProblems(options: OptionDraft[], path: string, problems: DraftProblem[]): void {
  if (!options.length) {
    problems.push({ field: path, key: 'setup.err.optionsRequired' });
    return;
  }
  const seen = new Set<string>();
  options.forEach((o, i) => {
    const v = o.value.trim();
    if (!v) problems.push({ field: `${path}[${i}]`, key: 'setup.err.optionEmpty' });
    else if (seen.has(v)) problems.push({ field: `${path}[${i}]`, key: 'setup.err.optionDuplicate', params: { option: v } });
    seen.add(v);
  });
}

function typeProblem(d: { type: string; pluginType: string }, member: boolean): TextKey | null {
  if (d.type === PLUGIN_TYPE) return PLUGIN_TYPE_RE.test(d.pluginType.trim()) ? null : 'setup.err.pluginType';
  if (!isBuiltIn(d.type)) return 'setup.err.type';
  if (member && d.type === 'group') return 'setup.err.memberGroup';
  return null;
}

/**
 * What the API would refuse, by type: a code and a name; options for enum/multienum (none empty or twice);
 * a plugin type like `np.city`; for a group its members, each valid, none a group, codes unique.
 */
export function fieldProblems(d: FieldDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!d.id && (!CODE_RE.test(d.code) || d.code.length > 63)) problems.push({ field: 'code', key: 'setup.err.code' });
  if (!d.name.trim()) problems.push({ field: 'name', key: 'setup.err.nameRequired' });
  const typeIssue = typeProblem(d, false);
  if (typeIssue) problems.push({ field: 'type', key: typeIssue });
  if (TYPES_WITH_OPTIONS.has(d.type)) optionsProblems(d.options, 'options', problems);
  if (d.type === 'group') {
    if (!d.members.length) problems.push({ field: 'fields', key: 'setup.err.membersRequired' });
    const seen = new Set<string>();
    d.members.forEach((m, i) => {
      const here = `fields[${i}]`;
      if (!CODE_RE.test(m.code) || m.code.length > 63) problems.push({ field: `${here}.code`, key: 'setup.err.code' });
      else if (seen.has(m.code)) problems.push({ field: `${here}.code`, key: 'setup.err.codeDuplicate' });
      seen.add(m.code);
      if (!m.name.trim()) problems.push({ field: `${here}.name`, key: 'setup.err.nameRequired' });
      const memberType = typeProblem(m, true);
      if (memberType) problems.push({ field: `${here}.type`, key: memberType });
      if (TYPES_WITH_OPTIONS.has(m.type)) optionsProblems(m.options, `${here}.options`, problems);
    });
  }
  return problems;
}

/** A member's options typed as one line, comma-separated; the stored ones stay locked. */
export function parseOptions(text: string, current: OptionDraft[]): OptionDraft[] {
  const locked = new Set(current.filter((o) => o.locked).map((o) => o.value));
  const values = text.split(',').map((v) => v.trim()).filter(Boolean);
  return values.map((value) => ({ value, locked: locked.has(value) }));
}

/** The stored options a list no longer has (the API refuses to drop them: values may use them). */
export function droppedOptions(options: OptionDraft[], stored: readonly string[] | undefined): string[] {
  return (stored ?? []).filter((o) => !options.some((x) => x.value.trim() === o));
}

/** Problems of an edit that only the stored definition shows: removed options or members. */
export function editProblems(d: FieldDraft, original: FieldDef): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const dropped = droppedOptions(d.options, original.options);
  if (TYPES_WITH_OPTIONS.has(d.type) && dropped.length) problems.push({ field: 'options', key: 'setup.err.optionsRemoved', params: { options: dropped.join(', ') } });
  if (d.type === 'group') {
    d.members.forEach((m, i) => {
      const stored = original.fields?.find((x) => x.code === m.code);
      const gone = stored ? droppedOptions(m.options, stored.options) : [];
      if (gone.length) problems.push({ field: `fields[${i}].options`, key: 'setup.err.optionsRemoved', params: { options: gone.join(', ') } });
    });
  }
  return problems;
}

const optionValues = (options: OptionDraft[]) => options.map((o) => o.value.trim());

function memberBody(m: MemberDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { code: m.code, name: m.name.trim(), type: effectiveType(m), required: m.required };
  if (TYPES_WITH_OPTIONS.has(m.type)) out['options'] = optionValues(m.options);
  return out;
}

/** `POST /fields`. */
export function toCreateBody(d: FieldDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { entity: d.entity, code: d.code, name: d.name.trim(), type: effectiveType(d), required: d.required };
  if (TYPES_WITH_OPTIONS.has(d.type)) body['options'] = optionValues(d.options);
  if (d.type === 'group') {
    body['repeatable'] = d.repeatable;
    body['fields'] = d.members.map(memberBody);
  }
  return body;
}

/** `PATCH /fields/:id`: name (when retyped), required, options and members (only added or renamed). */
export function toPatchBody(d: FieldDraft, original: FieldDef, localize: (v: unknown) => string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (d.name.trim() !== localize(original.name)) body['name'] = d.name.trim();
  if (d.required !== original.required) body['required'] = d.required;
  if (TYPES_WITH_OPTIONS.has(d.type) && JSON.stringify(optionValues(d.options)) !== JSON.stringify(original.options ?? [])) body['options'] = optionValues(d.options);
  if (d.type === 'group') {
    const members = d.members.map(memberBody);
    const stored = (original.fields ?? []).map((m) => ({ code: m.code, name: m.name, type: m.type, required: !!m.required, ...(m.options ? { options: m.options } : {}) }));
    if (JSON.stringify(members) !== JSON.stringify(stored)) body['fields'] = members;
  }
  return body;
}
