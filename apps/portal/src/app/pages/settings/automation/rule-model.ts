import './automation.i18n';
/**
 * Automation rules as the API keeps them, and the editor's form model over the same object: conversion both
 * ways (exact for everything the form can show; anything else is reported so the rule opens as JSON), JSON
 * parse errors at their line, and the API's 400 details placed on the part of the rule they name.
 */

export interface Condition {
  field: string;
  op: string;
  value?: unknown;
}

export interface RuleDefinition {
  code: string;
  name: string;
  enabled?: boolean;
  trigger: { type: string; [key: string]: unknown };
  delay?: Record<string, unknown> | null;
  conditions?: Condition[];
  actions: { type: string; [key: string]: unknown }[];
  repeat?: Record<string, unknown> | null;
}

export interface RuleView extends RuleDefinition {
  id: string;
  pluginId: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export const CONDITION_OPS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty', 'contains'] as const;
export const CONDITION_FIELDS = ['stage', 'pipeline', 'tags', 'budget', 'responsibleId', 'openTasks', 'title', 'companyId'];
export const RUN_STATUSES = ['scheduled', 'pending', 'running', 'done', 'skipped', 'failed', 'cancelled'] as const;
export const COPYABLE = ['fields', 'budget', 'contacts', 'files', 'tags'];
export const RULE_KEYS = ['code', 'name', 'enabled', 'trigger', 'delay', 'conditions', 'actions', 'repeat'];

/** How a parameter is edited in the form. */
export type ParamKind =
  | 'text'
  | 'textarea'
  | 'pipeline'
  | 'stage'
  | 'assignee'
  | 'recipient'
  | 'channel'
  | 'field'
  | 'list'
  | 'copy'
  | 'int'
  | 'offsetDays'
  | 'due'
  | 'value'
  | 'json';

export interface ParamSpec {
  key: string;
  kind: ParamKind;
  required?: boolean;
}

const pipelineStage = (stageRequired: boolean): ParamSpec[] => [
  { key: 'pipeline', kind: 'pipeline', required: true },
  { key: 'stage', kind: 'stage', required: stageRequired },
];

/** The parameters of core's trigger types; other types (plugins') take their parameters as JSON. */
export const TRIGGER_PARAMS: Record<string, ParamSpec[]> = {
  'deal.created': [{ key: 'pipeline', kind: 'pipeline' }],
  'stage.entered': pipelineStage(true),
  'stage.left': pipelineStage(true),
  'field.changed': [{ key: 'field', kind: 'field', required: true }],
  'file.attached': [{ key: 'namePattern', kind: 'text', required: true }],
  'task.completed': [
    { key: 'taskCode', kind: 'text' },
    { key: 'result', kind: 'text' },
  ],
  'date.reached': [
    { key: 'field', kind: 'field', required: true },
    { key: 'offset', kind: 'offsetDays' },
  ],
  schedule: [
    { key: 'cron', kind: 'text', required: true },
    { key: 'pipeline', kind: 'pipeline' },
    { key: 'stage', kind: 'stage' },
  ],
};

export const ACTION_PARAMS: Record<string, ParamSpec[]> = {
  'task.create': [
    { key: 'title', kind: 'text', required: true },
    { key: 'assignee', kind: 'assignee', required: true },
    { key: 'due', kind: 'due' },
    { key: 'code', kind: 'text' },
    { key: 'resultOptions', kind: 'list' },
    { key: 'estimateMinutes', kind: 'int' },
    { key: 'description', kind: 'textarea' },
  ],
  'message.send': [
    { key: 'channel', kind: 'channel', required: true },
    { key: 'to', kind: 'recipient', required: true },
    { key: 'subject', kind: 'text' },
    { key: 'template', kind: 'textarea', required: true },
  ],
  'field.set': [
    { key: 'field', kind: 'field', required: true },
    { key: 'value', kind: 'value', required: true },
  ],
  'deal.move': [
    { key: 'pipeline', kind: 'pipeline' },
    { key: 'stage', kind: 'stage', required: true },
    { key: 'lostReason', kind: 'text' },
  ],
  'deal.createLinked': [
    { key: 'pipeline', kind: 'pipeline', required: true },
    { key: 'stage', kind: 'stage' },
    { key: 'copy', kind: 'copy' },
    { key: 'responsible', kind: 'assignee' },
    { key: 'tags', kind: 'list' },
    { key: 'title', kind: 'text' },
  ],
  'tag.add': [{ key: 'tags', kind: 'list', required: true }],
  'tag.remove': [{ key: 'tags', kind: 'list', required: true }],
  notify: [
    { key: 'to', kind: 'assignee', required: true },
    { key: 'text', kind: 'textarea', required: true },
  ],
  'webhook.call': [
    { key: 'url', kind: 'text', required: true },
    { key: 'body', kind: 'json' },
  ],
};

/** Every parameter a type takes: its known ones, or one JSON object of parameters for a type we do not know. */
export function paramsOf(kind: 'trigger' | 'action', type: string): ParamSpec[] {
  return (kind === 'trigger' ? TRIGGER_PARAMS : ACTION_PARAMS)[type] ?? [{ key: '*', kind: 'json' }];
}

export type DelayUnit = 'none' | 'minutes' | 'hours' | 'days' | 'businessDays';

export interface DelayForm {
  unit: DelayUnit;
  amount: string;
  at: string;
  workingHoursOnly: boolean;
}

/** A trigger or an action in the form: its type and its parameters as the controls hold them. */
export interface PartForm {
  type: string;
  /** Texts per parameter key (`*`: the JSON of a type we do not know); `due` holds a DelayForm. */
  values: Record<string, string | DelayForm>;
  /** Keys whose value was a number and goes back as one. */
  numeric: string[];
}

export interface ConditionForm {
  field: string;
  op: string;
  value: string;
  numeric: boolean;
}

export interface RuleForm {
  code: string;
  name: string;
  enabled: boolean;
  trigger: PartForm;
  delay: DelayForm;
  conditions: ConditionForm[];
  actions: PartForm[];
}

/** Why a rule cannot be shown in the form: the path of the part that does not fit and what is wrong with it. */
export interface Unsupported {
  path: string;
  why: 'unknownKey' | 'repeat' | 'delay' | 'value';
}

export type FormResult = { ok: true; form: RuleForm } | { ok: false; unsupported: Unsupported[] };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const NUMBER_RE = /^-?\d+(\.\d+)?$/;

export function emptyDelay(): DelayForm {
  return { unit: 'none', amount: '', at: '', workingHoursOnly: false };
}

export function emptyPart(kind: 'trigger' | 'action', type: string): PartForm {
  const values: PartForm['values'] = {};
  for (const p of paramsOf(kind, type)) values[p.key] = p.kind === 'due' ? emptyDelay() : p.kind === 'json' && p.key === '*' ? '{}' : '';
  return { type, values, numeric: [] };
}

export function emptyForm(): RuleForm {
  return {
    code: '',
    name: '',
    enabled: true,
    trigger: emptyPart('trigger', 'stage.entered'),
    delay: emptyDelay(),
    conditions: [],
    actions: [emptyPart('action', 'task.create')],
  };
}

function delayToForm(d: unknown, path: string, out: Unsupported[]): DelayForm {
  const form = emptyDelay();
  if (d === null || d === undefined) return form;
  if (!isObject(d)) {
    out.push({ path, why: 'delay' });
    return form;
  }
  const amounts = ['minutes', 'days', 'businessDays'].filter((k) => d[k] !== undefined);
  const bad =
    amounts.length > 1 ||
    amounts.some((k) => !Number.isInteger(d[k])) ||
    (d['at'] !== undefined && typeof d['at'] !== 'string') ||
    (d['workingHoursOnly'] !== undefined && typeof d['workingHoursOnly'] !== 'boolean') ||
    Object.keys(d).some((k) => !['minutes', 'days', 'businessDays', 'at', 'workingHoursOnly'].includes(k));
  if (bad) {
    out.push({ path, why: 'delay' });
    return form;
  }
  const key = amounts[0];
  if (key) {
    const n = d[key] as number;
    if (key === 'minutes' && n > 0 && n % 60 === 0) {
      form.unit = 'hours';
      form.amount = String(n / 60);
    } else {
      form.unit = key as DelayUnit;
      form.amount = String(n);
    }
  }
  form.at = (d['at'] as string | undefined) ?? '';
  form.workingHoursOnly = d['workingHoursOnly'] === true;
  // `workingHoursOnly: false` is not the same object as its absence: keep exactness by refusing it.
  if (d['workingHoursOnly'] === false) out.push({ path: `${path}.workingHoursOnly`, why: 'delay' });
  return form;
}

/** The delay object of a DelayForm, or null for "no delay". Amounts that are not numbers go as typed (the API names them). */
export function delayFromForm(f: DelayForm): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const amount = f.amount.trim();
  if (f.unit !== 'none' && amount !== '') {
    const n = NUMBER_RE.test(amount) ? Number(amount) : amount;
    if (f.unit === 'hours') out['minutes'] = typeof n === 'number' ? Math.round(n * 60) : n;
    else out[f.unit] = n;
  }
  if (f.at.trim()) out['at'] = f.at.trim();
  if (f.workingHoursOnly) out['workingHoursOnly'] = true;
  return Object.keys(out).length ? out : null;
}

function partToForm(kind: 'trigger' | 'action', spec: Record<string, unknown>, path: string, out: Unsupported[]): PartForm {
  const type = String(spec['type'] ?? '');
  const params = paramsOf(kind, type);
  const form: PartForm = { type, values: {}, numeric: [] };
  const { type: _t, ...rest } = spec;
  if (params[0]?.key === '*') {
    form.values['*'] = JSON.stringify(rest, null, 2);
    return form;
  }
  for (const key of Object.keys(rest)) if (!params.some((p) => p.key === key)) out.push({ path: `${path}.${key}`, why: 'unknownKey' });
  for (const p of params) {
    const v = rest[p.key];
    const at = `${path}.${p.key}`;
    switch (p.kind) {
      case 'due':
        if (isObject(v) && 'field' in v) {
          out.push({ path: at, why: 'value' });
          form.values[p.key] = emptyDelay();
        } else form.values[p.key] = delayToForm(v, at, out);
        break;
      case 'list':
      case 'copy':
        if (v === undefined) form.values[p.key] = '';
        else if (Array.isArray(v) && v.every((x) => typeof x === 'string' && !x.includes(','))) form.values[p.key] = v.join(', ');
        else {
          out.push({ path: at, why: 'value' });
          form.values[p.key] = '';
        }
        break;
      case 'json':
        form.values[p.key] = v === undefined ? '' : JSON.stringify(v, null, 2);
        break;
      case 'offsetDays':
        if (v === undefined) form.values[p.key] = '';
        else if (isObject(v) && Object.keys(v).length === 1 && Number.isInteger(v['days'])) form.values[p.key] = String(v['days']);
        else {
          out.push({ path: at, why: 'value' });
          form.values[p.key] = '';
        }
        break;
      case 'int':
      case 'value':
        if (v === undefined) form.values[p.key] = '';
        else if (typeof v === 'number') {
          form.values[p.key] = String(v);
          form.numeric.push(p.key);
        } else if (typeof v === 'string' && (p.kind === 'value' || !NUMBER_RE.test(v))) form.values[p.key] = v;
        else {
          out.push({ path: at, why: 'value' });
          form.values[p.key] = '';
        }
        break;
      default:
        if (v === undefined) form.values[p.key] = '';
        else if (typeof v === 'string' && (v !== '' || !p.required)) form.values[p.key] = v;
        else {
          out.push({ path: at, why: 'value' });
          form.values[p.key] = '';
        }
    }
  }
  return form;
}

/** A rule as the form shows it, or why it cannot be (the rule then opens as JSON). */
export function ruleToForm(input: unknown): FormResult {
  const out: Unsupported[] = [];
  if (!isObject(input)) return { ok: false, unsupported: [{ path: '', why: 'value' }] };
  for (const key of Object.keys(input)) if (!RULE_KEYS.includes(key)) out.push({ path: key, why: 'unknownKey' });
  if (input['repeat'] !== undefined && input['repeat'] !== null) out.push({ path: 'repeat', why: 'repeat' });
  const str = (k: string) => {
    const v = input[k];
    if (v === undefined) return '';
    if (typeof v === 'string') return v;
    out.push({ path: k, why: 'value' });
    return '';
  };
  const enabled = input['enabled'];
  if (enabled !== undefined && typeof enabled !== 'boolean') out.push({ path: 'enabled', why: 'value' });
  const trigger = isObject(input['trigger']) && typeof input['trigger']['type'] === 'string' ? partToForm('trigger', input['trigger'], 'trigger', out) : null;
  if (!trigger) out.push({ path: 'trigger', why: 'value' });
  const conditions: ConditionForm[] = [];
  const rawConditions = input['conditions'];
  if (rawConditions !== undefined && rawConditions !== null && !Array.isArray(rawConditions)) out.push({ path: 'conditions', why: 'value' });
  for (const [i, c] of (Array.isArray(rawConditions) ? rawConditions : []).entries()) {
    const at = `conditions[${i}]`;
    if (!isObject(c) || typeof c['field'] !== 'string' || typeof c['op'] !== 'string') {
      out.push({ path: at, why: 'value' });
      continue;
    }
    for (const key of Object.keys(c)) if (!['field', 'op', 'value'].includes(key)) out.push({ path: `${at}.${key}`, why: 'unknownKey' });
    const v = c['value'];
    let value = '';
    let numeric = false;
    if (v === undefined) value = '';
    else if (typeof v === 'string') value = v;
    else if (typeof v === 'number') {
      value = String(v);
      numeric = true;
    } else if ((c['op'] === 'in' || c['op'] === 'nin') && Array.isArray(v) && v.every((x) => typeof x === 'string' && !x.includes(','))) value = v.join(', ');
    else out.push({ path: `${at}.value`, why: 'value' });
    if ((c['op'] === 'in' || c['op'] === 'nin') && !Array.isArray(v)) out.push({ path: `${at}.value`, why: 'value' });
    if ((c['op'] === 'empty' || c['op'] === 'notEmpty') && v !== undefined) out.push({ path: `${at}.value`, why: 'value' });
    conditions.push({ field: c['field'], op: c['op'], value, numeric });
  }
  const actions: PartForm[] = [];
  const rawActions = input['actions'];
  if (!Array.isArray(rawActions)) out.push({ path: 'actions', why: 'value' });
  for (const [i, a] of (Array.isArray(rawActions) ? rawActions : []).entries()) {
    if (!isObject(a) || typeof a['type'] !== 'string') out.push({ path: `actions[${i}]`, why: 'value' });
    else actions.push(partToForm('action', a, `actions[${i}]`, out));
  }
  const delay = delayToForm(input['delay'], 'delay', out);
  if (out.length || !trigger) return { ok: false, unsupported: out };
  return { ok: true, form: { code: str('code'), name: str('name'), enabled: enabled !== false, trigger, delay, conditions, actions } };
}

/** Problems the form finds itself before sending (JSON parameters that do not parse), by path. */
export interface LocalProblem {
  path: string;
  message: string;
}

function partFromForm(kind: 'trigger' | 'action', f: PartForm, path: string, problems: LocalProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = { type: f.type };
  for (const p of paramsOf(kind, f.type)) {
    const raw = f.values[p.key];
    if (p.kind === 'due') {
      const d = raw && typeof raw === 'object' ? delayFromForm(raw) : null;
      if (d) out[p.key] = d;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (p.kind === 'json') {
      if (!text.trim()) continue;
      const parsed = parseJson(text);
      if (!parsed.ok) {
        problems.push({ path: p.key === '*' ? path : `${path}.${p.key}`, message: parsed.error.message });
        continue;
      }
      if (p.key === '*') {
        if (isObject(parsed.value)) Object.assign(out, parsed.value, { type: f.type });
        else problems.push({ path, message: 'not an object' });
      } else out[p.key] = parsed.value;
      continue;
    }
    if (p.kind === 'list' || p.kind === 'copy') {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length || p.required) out[p.key] = items;
      continue;
    }
    if (p.kind === 'offsetDays') {
      if (text.trim()) out[p.key] = { days: NUMBER_RE.test(text.trim()) ? Number(text.trim()) : text.trim() };
      continue;
    }
    if (p.kind === 'int') {
      if (text.trim()) out[p.key] = NUMBER_RE.test(text.trim()) ? Number(text.trim()) : text.trim();
      continue;
    }
    if (p.kind === 'value') {
      out[p.key] = f.numeric.includes(p.key) && NUMBER_RE.test(text.trim()) ? Number(text.trim()) : text;
      continue;
    }
    if (text !== '') out[p.key] = text;
  }
  return out;
}

/** The rule the form describes, and any problem found before sending. */
export function formToRule(f: RuleForm): { rule: RuleDefinition; problems: LocalProblem[] } {
  const problems: LocalProblem[] = [];
  const rule: RuleDefinition = {
    code: f.code.trim(),
    name: f.name.trim(),
    enabled: f.enabled,
    trigger: partFromForm('trigger', f.trigger, 'trigger', problems) as RuleDefinition['trigger'],
    delay: delayFromForm(f.delay),
    conditions: f.conditions.map((c) => {
      if (c.op === 'empty' || c.op === 'notEmpty') return { field: c.field.trim(), op: c.op };
      if (c.op === 'in' || c.op === 'nin') {
        return {
          field: c.field.trim(),
          op: c.op,
          value: c.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        };
      }
      return { field: c.field.trim(), op: c.op, value: c.numeric && NUMBER_RE.test(c.value.trim()) ? Number(c.value.trim()) : c.value };
    }),
    actions: f.actions.map((a, i) => partFromForm('action', a, `actions[${i}]`, problems) as RuleDefinition['actions'][number]),
  };
  return { rule, problems };
}

/** The rule's own definition: what the editor shows and sends (no id, owner, dates; no empty repeat). */
export function definitionOf(view: Partial<RuleView>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of RULE_KEYS) {
    const v = (view as Record<string, unknown>)[key];
    if (v === undefined || (key === 'repeat' && v === null)) continue;
    out[key] = v;
  }
  return out;
}

export interface JsonError {
  message: string;
  line: number;
  column: number;
}

/** JSON.parse with the place of the error: line and column (1-based), from the engine's position. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: JsonError } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    let line = 0;
    let column = 0;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else {
      const at = pos ? Number(pos[1]) : text.length;
      const before = text.slice(0, at);
      line = before.split('\n').length;
      column = at - before.lastIndexOf('\n');
    }
    const clean = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*in JSON at position \d+/, '')
      .replace(/^JSON\.parse: /, '');
    return { ok: false, error: { message: clean, line: Math.max(1, line), column: Math.max(1, column) } };
  }
}

/** One segment of a problem's path: `actions[0]` → {key: 'actions', index: 0}. */
export interface PathPart {
  key: string;
  index?: number;
}

export function splitPath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  for (const seg of path.split('.').filter(Boolean)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(seg);
    if (!m) {
      parts.push({ key: seg });
      continue;
    }
    const indexes = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    if (!indexes.length) parts.push({ key: m[1] });
    else indexes.forEach((index, i) => parts.push({ key: i === 0 ? m[1] : '', index }));
  }
  return parts;
}

/**
 * Where a problem belongs in the form: `code`, `name`, `trigger.<key>` (or `trigger.type`), `delay`,
 * `conditions.<i>`, `actions.<i>.<key>` (`actions.<i>.*` for a plugin type's JSON), or null (general).
 */
export function formSlot(path: string, form: RuleForm | null): string | null {
  const parts = splitPath(path);
  const [first, second] = parts;
  if (!first) return null;
  if (first.key === 'code' || first.key === 'name' || first.key === 'enabled') return first.key;
  if (first.key === 'delay') return 'delay';
  if (first.key === 'trigger') {
    if (!second || second.key === 'type') return 'trigger.type';
    const params = paramsOf('trigger', form?.trigger.type ?? '');
    if (params[0]?.key === '*') return 'trigger.*';
    return params.some((p) => p.key === second.key) ? `trigger.${second.key}` : 'trigger.type';
  }
  if (first.key === 'conditions') return first.index === undefined ? 'conditions' : `conditions.${first.index}`;
  if (first.key === 'actions') {
    if (first.index === undefined) return 'actions';
    if (!second || second.key === 'type') return `actions.${first.index}.type`;
    const params = paramsOf('action', form?.actions[first.index]?.type ?? '');
    if (params[0]?.key === '*') return `actions.${first.index}.*`;
    return params.some((p) => p.key === second.key) ? `actions.${first.index}.${second.key}` : `actions.${first.index}.type`;
  }
  return null;
}

/** Converts a local date-time ("2025-05-01T10:00") in a time zone to an ISO timestamp with that zone's offset. */
export function zonedIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (ms: number) => {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
      return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - ms) / 60_000;
    } catch {
      return 0;
    }
  };
  let offset = offsetAt(asUtc);
  offset = offsetAt(asUtc - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
