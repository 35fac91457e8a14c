import type { ApiError } from '../../../core/api.service';
import type { I18nService } from '../../../core/i18n.service';
import type { Deal, FieldDef } from '../deals.types';
import { buildRulesModel, emptyRow, toApiValue } from '../rules-form';
import type { Row, RuleField } from '../rules-form';
import './card.i18n';

/** The currencies offered first; the deal's own is always offered too. */
export const CURRENCIES = ['UAH', 'USD', 'EUR', 'PLN', 'GBP'] as const;

/** What the edit form holds: the deal's own properties and the custom fields as the inputs take them. */
export interface EditValues {
  title: string;
  budget: string;
  currency: string;
  responsibleId: string;
  tags: string[];
  fields: Record<string, unknown>;
}

type Words = Pick<I18nService, 't' | 'localized'>;

/**
 * The custom fields of deals as form fields (names, kinds, options, group members), in the order the API
 * lists them. The form model of the stage-rules dialog is reused: every definition is asked for.
 */
export function editableFields(defs: FieldDef[], words: Words): RuleField[] {
  const model = buildRulesModel(
    defs.map((d) => ({ rule: 'requiredField', field: d.code })),
    defs,
    words,
  );
  // A custom field whose code is also a deal property's name is still the custom field.
  return model.fields.map((f) => (f.builtIn ? { ...f, builtIn: false, kind: 'text' as const } : f));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO timestamp as `<input type="datetime-local">` shows it (local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One stored value as its input holds it. */
export function toFormValue(f: RuleField, v: unknown): unknown {
  if (f.kind === 'group') {
    if (f.repeatable) {
      const rows = Array.isArray(v) ? v.filter((r) => r && typeof r === 'object').map((r) => groupRowForm(f, r as Row)) : [];
      return rows.length ? rows : [emptyRow(f)];
    }
    return v && typeof v === 'object' && !Array.isArray(v) ? groupRowForm(f, v as Row) : emptyRow(f);
  }
  if (v === null || v === undefined) return f.kind === 'checkbox' ? false : f.kind === 'multiselect' ? [] : '';
  switch (f.kind) {
    case 'checkbox':
      return v === true;
    case 'multiselect':
      return Array.isArray(v) ? v.map(String) : [String(v)];
    case 'datetime':
      return typeof v === 'string' ? toLocalInput(v) : '';
    case 'number':
    case 'money':
      return String(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

function groupRowForm(group: RuleField, row: Row): Row {
  return Object.fromEntries(group.members.map((m) => [m.code, toFormValue(m, row[m.code])]));
}

/** The form's start: the deal as it is. */
export function initialEditValues(deal: Deal, fields: RuleField[]): EditValues {
  return {
    title: deal.title,
    budget: deal.budget ?? '',
    currency: deal.currency ?? 'UAH',
    responsibleId: deal.responsibleId ?? '',
    tags: [...(deal.tags ?? [])],
    fields: Object.fromEntries(fields.map((f) => [f.code, toFormValue(f, deal.fields?.[f.code])])),
  };
}

/** A deep copy of the form's values (plain JSON data). */
export function cloneValues(v: EditValues): EditValues {
  return JSON.parse(JSON.stringify(v)) as EditValues;
}

/** "1500", "1500.0" and "1500.00" are the same amount; anything not a plain amount stays as typed. */
function moneyKey(v: unknown): unknown {
  const s = typeof v === 'string' ? v.trim().replace(',', '.').replace(/\s/g, '') : v;
  return typeof s === 'string' && /^-?\d+(\.\d+)?$/.test(s) ? Number(s).toFixed(2) : s;
}

/** A value put in a form comparable with another (money by amount, object keys sorted). */
function comparable(f: RuleField, v: unknown): string {
  const norm = (field: RuleField, x: unknown): unknown => {
    if (x === undefined || x === null) return null;
    if (field.kind === 'money') return moneyKey(x);
    if (field.kind === 'group') {
      const row = (r: unknown) => Object.fromEntries(field.members.map((m) => [m.code, norm(m, (r as Row)?.[m.code])]).sort(([a], [b]) => String(a).localeCompare(String(b))));
      return Array.isArray(x) ? x.map(row) : row(x);
    }
    return x;
  };
  return JSON.stringify(norm(f, toApiValue(f, v)));
}

/**
 * The `PATCH /deals/:id` body of what the user changed, and only that: built-in properties by name, custom
 * fields under `fields` (a cleared one as null). Empty when nothing changed.
 */
export function buildDealPatch(fields: RuleField[], before: EditValues, after: EditValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const title = after.title.trim();
  if (title !== before.title.trim()) body['title'] = title;
  const budget = after.budget.trim().replace(',', '.').replace(/\s/g, '');
  if (moneyKey(budget || null) !== moneyKey(before.budget.trim() || null)) body['budget'] = budget === '' ? null : budget;
  if (after.currency && after.currency !== before.currency) body['currency'] = after.currency;
  if (after.responsibleId !== before.responsibleId) body['responsibleId'] = after.responsibleId || null;
  const tags = after.tags.map((t) => t.trim()).filter(Boolean);
  if (tags.length !== before.tags.length || tags.some((t, i) => t !== before.tags[i])) body['tags'] = tags;
  const changed: Record<string, unknown> = {};
  for (const f of fields) {
    if (comparable(f, before.fields[f.code]) === comparable(f, after.fields[f.code])) continue;
    const value = toApiValue(f, after.fields[f.code]);
    changed[f.code] = value === undefined ? null : value;
  }
  if (Object.keys(changed).length) body['fields'] = changed;
  return body;
}

/** Where an API field error belongs in the editor. */
export interface PlacedErrors {
  /** By place: `title`, `budget`, `tags`, `fields.code`, `fields.code[1].sub`, `fields.code.sub`. */
  byPlace: Record<string, string>;
  /** Messages no field of the form takes. */
  unplaced: string[];
}

const BUILT_IN_PLACES = ['title', 'budget', 'currency', 'responsibleId', 'tags'];

/**
 * The API's field errors put next to the input they name: a group member of one row (`fields.bloggers[1].name`),
 * a whole field (`fields.brief`), a deal property (`budget`, `tags[2]` → `tags`).
 */
export function placeEditErrors(err: ApiError, fields: RuleField[], text: (path: string) => string): PlacedErrors {
  const byPlace: Record<string, string> = {};
  const unplaced: string[] = [];
  const add = (place: string, message: string) => (byPlace[place] = byPlace[place] ? `${byPlace[place]}; ${message}` : message);
  for (const path of Object.keys(err.fieldErrors)) {
    const message = text(path);
    const base = path.split(/[.[]/)[0];
    if (BUILT_IN_PLACES.includes(base)) {
      add(base, message);
      continue;
    }
    const m = /^fields\.([^.[]+)(?:\[(\d+)\])?(?:\.([^.[]+))?/.exec(path);
    const field = m ? fields.find((f) => f.code === m[1]) : undefined;
    if (!m || !field) {
      unplaced.push(message);
      continue;
    }
    const [, code, index, member] = m;
    if (field.kind === 'group' && member && field.members.some((x) => x.code === member)) {
      add(field.repeatable ? `fields.${code}[${index ?? 0}].${member}` : `fields.${code}.${member}`, message);
    } else {
      add(`fields.${code}`, message);
    }
  }
  return { byPlace, unplaced };
}
