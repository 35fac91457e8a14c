import { ApiError } from '../../core/api.service';
import type { I18nService } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import type { Deal, FieldDef, Stage, StageRuleDetail } from './deals.types';

/** How one field is asked for. */
export type InputKind = 'text' | 'textarea' | 'number' | 'money' | 'date' | 'datetime' | 'select' | 'multiselect' | 'checkbox' | 'user' | 'contacts' | 'company' | 'group';

export interface RuleField {
  code: string;
  label: string;
  kind: InputKind;
  /** A property of the deal itself (`budget`), not one of `fields`. */
  builtIn: boolean;
  options: string[];
  /** A group: its members; `repeatable` groups take a list of rows ("add another"). */
  members: RuleField[];
  repeatable: boolean;
}

/** What a stage asks for before a deal may enter it. */
export interface RulesModel {
  fields: RuleField[];
  /** Open tasks that must be completed first (`noOpenTasks`). */
  taskIds: string[];
  /** Plugins' guards that refused, with their messages. */
  guards: { guard: string; message: string }[];
}

export type Row = Record<string, unknown>;
export type RuleValues = Record<string, unknown>;

/** The built-in properties of a deal a stage may require, and how each is asked for. */
export const BUILT_IN_FIELDS: Record<string, InputKind> = {
  title: 'text',
  budget: 'money',
  responsibleId: 'user',
  contactIds: 'contacts',
  companyId: 'company',
  lostReason: 'textarea',
};

type Words = Pick<I18nService, 't' | 'localized'>;

const KIND_OF_TYPE: Record<string, InputKind> = {
  string: 'text',
  text: 'textarea',
  url: 'text',
  phone: 'text',
  email: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  boolean: 'checkbox',
  enum: 'select',
  multienum: 'multiselect',
  user: 'user',
  group: 'group',
};

function customField(def: FieldDef, words: Words): RuleField {
  const kind = KIND_OF_TYPE[def.type] ?? 'text';
  return {
    code: def.code,
    label: words.localized(def.name) || def.code,
    kind,
    builtIn: false,
    options: def.options ?? [],
    members: kind === 'group' ? (def.fields ?? []).map((m) => customField(m, words)) : [],
    repeatable: kind === 'group' && def.repeatable === true,
  };
}

function fieldFor(code: string, defs: FieldDef[], words: Words): RuleField {
  const builtIn = BUILT_IN_FIELDS[code];
  if (builtIn) return { code, label: words.t(`deal.field.${code}` as TextKey), kind: builtIn, builtIn: true, options: [], members: [], repeatable: false };
  const def = defs.find((d) => d.code === code);
  // A field the definitions do not know (removed meanwhile): still asked for, as text.
  return def ? customField(def, words) : { code, label: code, kind: 'text', builtIn: false, options: [], members: [], repeatable: false };
}

/**
 * The form a 422 `stage_rules_unmet` asks for: exactly the missing required fields (with their names and
 * types from the field definitions), the open tasks and the guards' messages. A move to a lost stage always
 * asks for the loss reason, first.
 */
export function buildRulesModel(details: unknown[], defs: FieldDef[], words: Words, opts: { lost?: boolean } = {}): RulesModel {
  const model: RulesModel = { fields: [], taskIds: [], guards: [] };
  const codes: string[] = opts.lost ? ['lostReason'] : [];
  for (const raw of details) {
    const d = raw as StageRuleDetail;
    if (!d || typeof d !== 'object') continue;
    if (d.rule === 'requiredField' && typeof d.field === 'string') codes.push(d.field);
    else if (d.rule === 'noOpenTasks' && Array.isArray(d.taskIds)) model.taskIds.push(...d.taskIds.filter((id) => !model.taskIds.includes(id)));
    else if (d.rule === 'guard') model.guards.push({ guard: String(d.guard ?? ''), message: String(d.message ?? '') });
  }
  for (const code of new Set(codes)) model.fields.push(fieldFor(code, defs, words));
  return model;
}

/** A later answer of the API (after a submit) added to the form: fields stay, tasks and guards are the new ones. */
export function mergeRulesModel(model: RulesModel, next: RulesModel): RulesModel {
  const known = new Set(model.fields.map((f) => f.code));
  return { fields: [...model.fields, ...next.fields.filter((f) => !known.has(f.code))], taskIds: next.taskIds, guards: next.guards };
}

export function emptyRow(group: RuleField): Row {
  return Object.fromEntries(group.members.map((m) => [m.code, emptyValue(m)]));
}

export function emptyValue(f: RuleField): unknown {
  switch (f.kind) {
    case 'group':
      return f.repeatable ? [emptyRow(f)] : emptyRow(f);
    case 'checkbox':
      return false;
    case 'multiselect':
    case 'contacts':
      return [];
    default:
      return '';
  }
}

/** Start values for new fields; the values already entered are kept. */
export function initialValues(model: RulesModel, current: RuleValues = {}): RuleValues {
  const values: RuleValues = {};
  for (const f of model.fields) values[f.code] = f.code in current ? current[f.code] : emptyValue(f);
  return values;
}

function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

function rowBlank(group: RuleField, row: Row): boolean {
  return group.members.every((m) => m.kind === 'checkbox' ? row[m.code] !== true : isBlank(row[m.code]));
}

/** One value as the API takes it; undefined leaves it out. */
export function toApiValue(f: RuleField, v: unknown): unknown {
  switch (f.kind) {
    case 'group': {
      if (f.repeatable) {
        const rows = (Array.isArray(v) ? (v as Row[]) : []).filter((r) => !rowBlank(f, r)).map((r) => groupRow(f, r));
        return rows.length ? rows : undefined;
      }
      const row = (v ?? {}) as Row;
      return rowBlank(f, row) ? undefined : groupRow(f, row);
    }
    case 'checkbox':
      return v === true;
    case 'number': {
      if (isBlank(v)) return undefined;
      const n = Number(String(v).trim().replace(',', '.'));
      return Number.isFinite(n) ? n : String(v);
    }
    case 'money':
      return isBlank(v) ? undefined : String(v).trim().replace(',', '.');
    case 'datetime':
      if (isBlank(v)) return undefined;
      return Number.isNaN(Date.parse(String(v))) ? String(v) : new Date(String(v)).toISOString();
    case 'multiselect':
    case 'contacts':
      return Array.isArray(v) && v.length ? v : undefined;
    default:
      return isBlank(v) ? undefined : typeof v === 'string' ? v.trim() : v;
  }
}

function groupRow(group: RuleField, row: Row): Row {
  const out: Row = {};
  for (const m of group.members) {
    const value = toApiValue(m, row[m.code]);
    if (value !== undefined) out[m.code] = value;
  }
  return out;
}

/** The codes of the fields still empty (checked before anything is sent). */
export function missingFields(model: RulesModel, values: RuleValues): string[] {
  return model.fields.filter((f) => f.kind !== 'checkbox' && toApiValue(f, values[f.code]) === undefined).map((f) => f.code);
}

/** The one `PATCH /deals/:id` of the form: the stage, the built-in properties and `fields`. */
export function buildPatch(stage: string, model: RulesModel, values: RuleValues): Record<string, unknown> {
  const body: Record<string, unknown> = { stage };
  const fields: Record<string, unknown> = {};
  for (const f of model.fields) {
    const value = toApiValue(f, values[f.code]);
    if (value === undefined) continue;
    if (f.builtIn) body[f.code] = value;
    else fields[f.code] = value;
  }
  if (Object.keys(fields).length) body['fields'] = fields;
  return body;
}

/**
 * The API's field errors placed on the form's fields: `fields.bloggers[0].platform` and `bloggers` both
 * belong to `bloggers`. Those that fit no field are returned apart.
 */
export function placeFieldErrors(err: ApiError, model: RulesModel): { byField: Record<string, string>; unplaced: string[] } {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  const codes = new Set(model.fields.map((f) => f.code));
  for (const [path, message] of Object.entries(err.fieldErrors)) {
    const code = path.replace(/^fields\./, '').split(/[.[]/)[0];
    if (codes.has(code)) byField[code] = byField[code] ? `${byField[code]}; ${message}` : message;
    else unplaced.push(message);
  }
  return { byField, unplaced };
}

function filled(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * The required fields of a stage the deal visibly lacks, as the API's `requiredField` details: the dialog
 * can ask for them before any request (tasks and guards are left to the API).
 */
export function missingRequiredFields(stage: Stage, deal: Deal): StageRuleDetail[] {
  const missing: StageRuleDetail[] = [];
  for (const field of new Set(stage.rules?.requiredFields ?? [])) {
    const value = field in BUILT_IN_FIELDS ? (deal as unknown as Record<string, unknown>)[field] : deal.fields?.[field];
    if (!filled(value)) missing.push({ rule: 'requiredField', field });
  }
  return missing;
}
