import { moveItemInArray } from '@angular/cdk/drag-drop';
import type { TextKey } from '../../../core/i18n.dictionaries';
import { CODE_RE, codeFromName } from './setup.types';
import type { Assignment, LocalizedName, PipelineView, StageKind } from './setup.types';
import './setup.i18n';

/** The deal properties a stage may require besides custom fields (as the API names them). */
export const BUILT_IN_DEAL_FIELDS = ['title', 'budget', 'responsibleId', 'contactIds', 'companyId', 'lostReason'] as const;

/** Assignment strategies: core's `round-robin` and the load-balancer plugin's `least-loaded` (the API lists none). */
export const KNOWN_STRATEGIES = ['round-robin', 'least-loaded'] as const;

/** One stage as the editor holds it; `key` stays the same while it is renamed and moved. */
export interface StageDraft {
  key: string;
  /** Set for a stage the pipeline already has. */
  id?: string;
  code: string;
  /** The admin typed the code: renaming no longer changes it. */
  codeTouched: boolean;
  name: string;
  /** The stored name (maybe per language): sent again only when the text was changed. */
  originalName?: LocalizedName;
  kind: StageKind;
  requiredFields: string[];
  noOpenTasks: boolean;
  /** Plugins' guards: kept as they are (PATCH without `guards` keeps them). */
  guards: string[];
}

export interface PipelineDraft {
  name: string;
  originalName?: LocalizedName;
  stages: StageDraft[];
  /** '' = new deals keep their creator as responsible. */
  strategy: string;
  departmentId: string;
}

/** A problem found before sending, named like the API names it (`stages[2].code`). */
export interface DraftProblem {
  field: string;
  key: TextKey;
  params?: Record<string, string>;
}

let seq = 0;
const newKey = () => `s${++seq}`;

type Localize = (name: unknown) => string;

export function draftFromPipeline(p: PipelineView, localize: Localize): PipelineDraft {
  return {
    name: localize(p.name),
    originalName: p.name,
    strategy: p.assignment?.strategy ?? '',
    departmentId: p.assignment?.departmentId ?? '',
    stages: [...p.stages]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: newKey(),
        id: s.id,
        code: s.code,
        codeTouched: true,
        name: localize(s.name),
        originalName: s.name,
        kind: s.kind,
        requiredFields: [...(s.rules?.requiredFields ?? [])],
        noOpenTasks: !!s.rules?.noOpenTasks,
        guards: [...(s.rules?.guards ?? [])],
      })),
  };
}

/** A code from the name not used by the other stages (`new`, `new_2`, …). */
export function uniqueCode(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || 'stage';
  if (!used.has(root)) return root;
  for (let i = 2; ; i++) if (!used.has(`${root}_${i}`)) return `${root}_${i}`;
}

export function newStage(name: string, kind: StageKind, taken: Iterable<string>): StageDraft {
  return { key: newKey(), code: uniqueCode(codeFromName(name), taken), codeTouched: false, name, kind, requiredFields: [], noOpenTasks: false, guards: [] };
}

/** Adds an open stage before the first won/lost one (where new work goes), or at the end. */
export function addStage(draft: PipelineDraft, name: string, kind: StageKind = 'open'): PipelineDraft {
  const stage = newStage(name, kind, draft.stages.map((s) => s.code));
  const stages = [...draft.stages];
  const closed = kind === 'open' ? stages.findIndex((s) => s.kind !== 'open') : -1;
  stages.splice(closed < 0 ? stages.length : closed, 0, stage);
  return { ...draft, stages };
}

export function moveStage(draft: PipelineDraft, from: number, to: number): PipelineDraft {
  if (from === to) return draft;
  const stages = [...draft.stages];
  moveItemInArray(stages, from, to);
  return { ...draft, stages };
}

export function removeStage(draft: PipelineDraft, key: string): PipelineDraft {
  return { ...draft, stages: draft.stages.filter((s) => s.key !== key) };
}

export function updateStage(draft: PipelineDraft, key: string, change: Partial<StageDraft>): PipelineDraft {
  return {
    ...draft,
    stages: draft.stages.map((s) => {
      if (s.key !== key) return s;
      const next = { ...s, ...change };
      // A new stage's code follows its name until the admin types one.
      if (change.name !== undefined && !s.id && !s.codeTouched && change.code === undefined) {
        next.code = uniqueCode(codeFromName(change.name), draft.stages.filter((o) => o.key !== key).map((o) => o.code));
      }
      if (change.code !== undefined) next.codeTouched = true;
      return next;
    }),
  };
}

/** Toggles one required field of a stage. */
export function toggleRequired(draft: PipelineDraft, key: string, code: string, on: boolean): PipelineDraft {
  const stage = draft.stages.find((s) => s.key === key);
  if (!stage) return draft;
  const has = stage.requiredFields.includes(code);
  if (has === on) return draft;
  return updateStage(draft, key, { requiredFields: on ? [...stage.requiredFields, code] : stage.requiredFields.filter((c) => c !== code) });
}

/** What the API would refuse, found before sending: empty names, bad or repeated codes, no open stage. */
export function draftProblems(draft: Pick<PipelineDraft, 'name' | 'stages'>, opts: { code?: string } = {}): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (opts.code !== undefined && !CODE_RE.test(opts.code)) problems.push({ field: 'code', key: 'setup.err.code' });
  if (!draft.name.trim()) problems.push({ field: 'name', key: 'setup.err.nameRequired' });
  if (!draft.stages.length) problems.push({ field: 'stages', key: 'setup.err.noStages' });
  const seen = new Set<string>();
  draft.stages.forEach((s, i) => {
    if (!s.name.trim()) problems.push({ field: `stages[${i}].name`, key: 'setup.err.nameRequired' });
    if (!CODE_RE.test(s.code) || s.code.length > 63) problems.push({ field: `stages[${i}].code`, key: 'setup.err.code' });
    else if (seen.has(s.code)) problems.push({ field: `stages[${i}].code`, key: 'setup.err.codeDuplicate' });
    seen.add(s.code);
  });
  if (draft.stages.length && !draft.stages.some((s) => s.kind === 'open')) problems.push({ field: 'stages', key: 'setup.err.needOpen' });
  return problems;
}

function nameChanged(text: string, original: LocalizedName | undefined, localize: Localize): boolean {
  return original === undefined || text.trim() !== localize(original);
}

function sameAssignment(a: Assignment | null | undefined, strategy: string, departmentId: string): boolean {
  return (a?.strategy ?? '') === strategy && (a?.departmentId ?? '') === (strategy ? departmentId : '');
}

/**
 * The one `PATCH /pipelines/:id` of an edit: the name and assignment when changed, and the full ordered
 * list of stages (kept ones by id; names only when retyped, so names per language survive).
 */
export function toPatch(draft: PipelineDraft, original: PipelineView, localize: Localize): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (nameChanged(draft.name, draft.originalName, localize)) body['name'] = draft.name.trim();
  if (!sameAssignment(original.assignment, draft.strategy, draft.departmentId)) {
    body['assignment'] = draft.strategy ? { strategy: draft.strategy, ...(draft.departmentId ? { departmentId: draft.departmentId } : {}) } : null;
  }
  body['stages'] = draft.stages.map((s) => {
    const out: Record<string, unknown> = s.id ? { id: s.id } : { code: s.code, name: s.name.trim() };
    const stored = s.id ? original.stages.find((o) => o.id === s.id) : undefined;
    if (s.id && stored?.code !== s.code) out['code'] = s.code;
    if (s.id && nameChanged(s.name, s.originalName, localize)) out['name'] = s.name.trim();
    out['kind'] = s.kind;
    out['rules'] = { requiredFields: s.requiredFields, noOpenTasks: s.noOpenTasks };
    return out;
  });
  return body;
}

/** `POST /pipelines` of a new pipeline. */
export function toCreate(code: string, draft: PipelineDraft): Record<string, unknown> {
  return {
    code,
    name: draft.name.trim(),
    stages: draft.stages.map((s) => ({ code: s.code, name: s.name.trim(), kind: s.kind, rules: { requiredFields: s.requiredFields, noOpenTasks: s.noOpenTasks } })),
  };
}

/** Whether the draft differs from what is stored. */
export function isDirty(draft: PipelineDraft, original: PipelineView, localize: Localize): boolean {
  const fresh = draftFromPipeline(original, localize);
  const strip = (d: PipelineDraft) =>
    JSON.stringify({ ...d, originalName: undefined, stages: d.stages.map((s) => ({ ...s, key: undefined, originalName: undefined, codeTouched: undefined })) });
  return strip(draft) !== strip(fresh);
}

/** Errors by place: the pipeline's own (`name`, `assignment`, `stages`), and each stage's by its key. */
export interface PlacedErrors {
  pipeline: Record<string, string>;
  stages: Record<string, string[]>;
}

/** Puts messages named by path (`stages[2].rules.requiredFields[0]`) on the stage at that index of the list sent. */
export function placeErrors(messages: Record<string, string>, stages: readonly StageDraft[]): PlacedErrors {
  const placed: PlacedErrors = { pipeline: {}, stages: {} };
  for (const [path, message] of Object.entries(messages)) {
    const m = /^stages\[(\d+)\]/.exec(path);
    const stage = m ? stages[Number(m[1])] : undefined;
    if (stage) (placed.stages[stage.key] ??= []).push(message);
    else {
      const top = path.split(/[.[]/)[0] || 'general';
      placed.pipeline[top] = placed.pipeline[top] ? `${placed.pipeline[top]} ${message}` : message;
    }
  }
  return placed;
}
