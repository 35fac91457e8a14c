import { Problem, codeProblem, nameProblem } from '../pipelines/pipeline-definition';
import type { SubFieldDef } from './field-def.entity';
import { FIELD_ENTITIES, FIELD_TYPES, TYPES_WITH_OPTIONS, isPluginType } from './field-types';

export interface SubFieldInput {
  code: string;
  name: string;
  type: string;
  options?: string[];
  required?: boolean;
}

/** A field definition as POST /fields and plugin install data describe it. */
export interface FieldInput {
  entity: string;
  code: string;
  name: string;
  /** The name in the portal's languages (plugin install data); `name` otherwise. */
  names?: Partial<Record<'uk' | 'ru' | 'en', string>>;
  type: string;
  options?: string[];
  required?: boolean;
  repeatable?: boolean;
  fields?: SubFieldInput[];
}

/** The stored definition a change is compared against. */
export interface StoredFieldDef {
  type: string;
  options: string[] | null;
  repeatable: boolean;
  fields: SubFieldDef[] | null;
}

const at = (path: string, rest: string) => (path ? `${path}.${rest}` : rest);

export function optionsProblems(options: unknown, path: string, problems: Problem[]): void {
  if (!Array.isArray(options) || !options.length) {
    problems.push({ field: path, message: 'an enum needs at least one option' });
    return;
  }
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (typeof o !== 'string' || !o.trim()) problems.push({ field: `${path}[${i}]`, message: 'must be a non-empty string' });
    else if (seen.has(o)) problems.push({ field: `${path}[${i}]`, message: `"${o}" is listed twice` });
    else seen.add(o);
  });
}

function typeProblem(type: unknown, allowPluginTypes: boolean, isMember: boolean): string | null {
  if (typeof type === 'string' && (FIELD_TYPES as readonly string[]).includes(type)) return isMember && type === 'group' ? 'a group member cannot be a group' : null;
  if (allowPluginTypes && isPluginType(type)) return null;
  return `must be one of ${FIELD_TYPES.join(', ')}`;
}

/** The members of a group: valid, of scalar types, each code once. */
export function membersProblems(members: readonly SubFieldInput[] | undefined, path: string, allowPluginTypes: boolean): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(members) || !members.length) return [{ field: path, message: 'a group needs its member fields' }];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const here = `${path}[${i}]`;
    const codeIssue = codeProblem(m?.code);
    if (codeIssue) problems.push({ field: `${here}.code`, message: codeIssue });
    else if (seen.has(m.code)) problems.push({ field: `${here}.code`, message: `"${m.code}" is used twice` });
    else seen.add(m.code);
    const nameIssue = nameProblem(m?.name);
    if (nameIssue) problems.push({ field: `${here}.name`, message: nameIssue });
    const typeIssue = typeProblem(m?.type, allowPluginTypes, true);
    if (typeIssue) problems.push({ field: `${here}.type`, message: typeIssue });
    if (TYPES_WITH_OPTIONS.has(m?.type)) optionsProblems(m.options, `${here}.options`, problems);
    else if (m?.options !== undefined) problems.push({ field: `${here}.options`, message: 'only enum and multienum fields have options' });
    if (m?.required !== undefined && typeof m.required !== 'boolean') problems.push({ field: `${here}.required`, message: 'must be true or false' });
  });
  return problems;
}

/**
 * Everything wrong with a definition, each problem naming its place (`options`, `fields[1].code`).
 * Pure. `allowPluginTypes` admits namespaced types (install data of a plugin that brings its type).
 */
export function fieldDefProblems(def: FieldInput, path = '', opts: { allowPluginTypes?: boolean } = {}): Problem[] {
  const problems: Problem[] = [];
  if (!FIELD_ENTITIES.includes(def?.entity as never)) problems.push({ field: at(path, 'entity'), message: `must be one of ${FIELD_ENTITIES.join(', ')}` });
  const codeIssue = codeProblem(def?.code);
  if (codeIssue) problems.push({ field: at(path, 'code'), message: codeIssue });
  const nameIssue = nameProblem(def?.name);
  if (nameIssue) problems.push({ field: at(path, 'name'), message: nameIssue });
  const typeIssue = typeProblem(def?.type, !!opts.allowPluginTypes, false);
  if (typeIssue) problems.push({ field: at(path, 'type'), message: typeIssue });
  if (TYPES_WITH_OPTIONS.has(def?.type)) optionsProblems(def.options, at(path, 'options'), problems);
  else if (def?.options !== undefined) problems.push({ field: at(path, 'options'), message: 'only enum and multienum fields have options' });
  if (def?.type === 'group') problems.push(...membersProblems(def.fields, at(path, 'fields'), !!opts.allowPluginTypes));
  else {
    if (def?.fields !== undefined) problems.push({ field: at(path, 'fields'), message: 'only a group has member fields' });
    if (def?.repeatable) problems.push({ field: at(path, 'repeatable'), message: 'only a group can be repeatable' });
  }
  return problems;
}

/** Options in use may be stored in records: a new list must keep every old option. */
export function droppedOptions(current: readonly string[] | null | undefined, next: readonly string[]): string[] {
  return (current ?? []).filter((o) => !next.includes(o));
}

function union(current: readonly string[] | null | undefined, more: readonly string[] | undefined): string[] {
  return [...new Set([...(current ?? []), ...(more ?? [])])];
}

export function toSubFieldDef(m: SubFieldInput): SubFieldDef {
  const d: SubFieldDef = { code: m.code, name: m.name.trim(), type: m.type, required: m.required ?? false };
  if (m.options) d.options = m.options;
  return d;
}

/**
 * An admin's edit of a group's members (PATCH): the list is the new order; members are matched by code,
 * may be renamed, gain options and change `required`, and new ones may be added — but none removed and
 * no type changed, since stored values use them.
 */
export function patchMembers(current: readonly SubFieldDef[], wanted: readonly SubFieldInput[], path = 'fields'): { members: SubFieldDef[]; problems: Problem[] } {
  const problems = membersProblems(wanted, path, true);
  const byCode = new Map(current.map((m) => [m.code, m]));
  const missing = current.filter((m) => !wanted.some((w) => w?.code === m.code)).map((m) => m.code);
  if (missing.length) problems.push({ field: path, message: `members cannot be removed (values may use them): ${missing.join(', ')}` });
  wanted.forEach((w, i) => {
    const old = byCode.get(w?.code);
    if (!old) return;
    if (old.type !== w.type) problems.push({ field: `${path}[${i}].type`, message: `a member's type cannot change (it is ${old.type})` });
    const dropped = droppedOptions(old.options, w.options ?? []);
    if (old.type === w.type && dropped.length) problems.push({ field: `${path}[${i}].options`, message: `options cannot be removed (values may use them): ${dropped.join(', ')}` });
  });
  return { members: problems.length ? [] : wanted.map(toSubFieldDef), problems };
}

/**
 * What installing `wanted` over a definition the portal already has changes: options and members are
 * only added; the portal's names and `required` flags stay. A different type (or repeatable flag) is a
 * conflict: the stored values would no longer fit.
 */
export function widenFieldDef(current: StoredFieldDef, wanted: FieldInput): { conflict?: string; options?: string[]; fields?: SubFieldDef[]; changes: string[] } {
  if (current.type !== wanted.type) return { conflict: `the portal's field is of type ${current.type}, not ${wanted.type}`, changes: [] };
  if (current.type === 'group' && current.repeatable !== !!wanted.repeatable) {
    return { conflict: `the portal's group is ${current.repeatable ? '' : 'not '}repeatable`, changes: [] };
  }
  const changes: string[] = [];
  const out: { options?: string[]; fields?: SubFieldDef[] } = {};
  if (TYPES_WITH_OPTIONS.has(current.type)) {
    const options = union(current.options, wanted.options);
    if (options.length !== (current.options ?? []).length) {
      out.options = options;
      changes.push(...options.slice((current.options ?? []).length).map((o) => `options: +${o}`));
    }
  }
  if (current.type === 'group') {
    const members = (current.fields ?? []).map((m) => ({ ...m }));
    for (const w of wanted.fields ?? []) {
      const old = members.find((m) => m.code === w.code);
      if (!old) {
        members.push(toSubFieldDef(w));
        changes.push(`fields: +${w.code}`);
        continue;
      }
      if (old.type !== w.type) return { conflict: `the portal's group member "${w.code}" is of type ${old.type}, not ${w.type}`, changes: [] };
      if (TYPES_WITH_OPTIONS.has(old.type)) {
        const options = union(old.options, w.options);
        if (options.length !== (old.options ?? []).length) {
          changes.push(...options.slice((old.options ?? []).length).map((o) => `fields.${w.code}.options: +${o}`));
          old.options = options;
        }
      }
    }
    if (changes.some((c) => c.startsWith('fields'))) out.fields = members;
  }
  return { ...out, changes };
}
