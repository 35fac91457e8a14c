import type { StageKind, StageRules } from './stage.entity';

/** Stable codes of pipelines, stages and fields: what plugins, automations and the API refer to. */
export const CODE_RE = /^[a-z0-9][a-z0-9_-]*$/;
export const CODE_MAX = 63;
export const NAME_MAX = 200;
export const STAGE_KINDS: readonly StageKind[] = ['open', 'won', 'lost'];

/**
 * Deal properties a stage rule may require besides custom fields (the deals context checks them;
 * `lostReason` is what a lost stage asks for).
 */
export const BUILT_IN_DEAL_FIELDS = ['title', 'budget', 'responsibleId', 'contactIds', 'companyId', 'lostReason'] as const;

export interface StageRulesInput {
  requiredFields?: string[];
  noOpenTasks?: boolean;
  /** Stage guard codes a plugin contributes; each must come with a plugin the portal has installed. */
  guards?: string[];
}

/** A name in the portal's languages; install data picks the portal's locale (else `name`). */
export type LocalizedNames = Partial<Record<'uk' | 'ru' | 'en', string>>;

export interface StageInput {
  code: string;
  name: string;
  names?: LocalizedNames;
  kind?: StageKind;
  rules?: StageRulesInput;
}

/** A pipeline as plugin install data describes it (structurally the SDK's PluginPipelineData). */
export interface PipelineInput {
  code: string;
  name: string;
  names?: LocalizedNames;
  stages: StageInput[];
  /** The `assignment` setting a pipeline created by install data starts with, e.g. `{strategy: "least-loaded"}`. */
  assignment?: Record<string, unknown>;
}

/** Install data in the portal's language: `names[locale]` where given, else `name`. */
export function localizePipeline(data: PipelineInput, locale: string): PipelineInput {
  const pick = (name: string, names?: LocalizedNames) => names?.[locale as keyof LocalizedNames] ?? name;
  return { ...data, name: pick(data.name, data.names), stages: data.stages.map((s) => ({ ...s, name: pick(s.name, s.names) })) };
}

export interface Problem {
  field: string;
  message: string;
}

const at = (path: string, rest: string) => (path ? `${path}${rest.startsWith('[') ? '' : '.'}${rest}` : rest.replace(/^\./, ''));

export function codeProblem(code: unknown): string | null {
  if (typeof code !== 'string' || !code) return 'must be a non-empty code';
  if (code.length > CODE_MAX) return `must be at most ${CODE_MAX} characters`;
  if (!CODE_RE.test(code)) return 'must be lowercase letters, digits, "_" or "-" (starting with a letter or digit)';
  return null;
}

export function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || !name.trim()) return 'must be a non-empty string';
  if (name.length > NAME_MAX) return `must be at most ${NAME_MAX} characters`;
  return null;
}

/**
 * Everything wrong with an ordered list of stages, each problem naming its place (`stages[2].code`):
 * malformed codes, names and kinds, a code used twice, no open stage to put deals in, and rules that
 * require a field deals do not have. Pure; `dealFields` are the portal's custom deal field codes. Whether
 * a guard is registered and available on the portal is the service's to check.
 */
export function stagesProblems(stages: readonly StageInput[], path: string, dealFields: Iterable<string>): Problem[] {
  const problems: Problem[] = [];
  const known = new Set<string>([...BUILT_IN_DEAL_FIELDS, ...dealFields]);
  const seen = new Map<string, number>();
  if (!Array.isArray(stages) || !stages.length) return [{ field: path || 'stages', message: 'a pipeline needs at least one stage' }];
  stages.forEach((s, i) => {
    const here = (rest: string) => at(path, `[${i}]${rest}`);
    const codeIssue = codeProblem(s?.code);
    if (codeIssue) problems.push({ field: here('.code'), message: codeIssue });
    else if (seen.has(s.code)) problems.push({ field: here('.code'), message: `duplicates the code of ${at(path, `[${seen.get(s.code)}]`)}` });
    else seen.set(s.code, i);
    const nameIssue = nameProblem(s?.name);
    if (nameIssue) problems.push({ field: here('.name'), message: nameIssue });
    if (s?.kind !== undefined && !STAGE_KINDS.includes(s.kind)) problems.push({ field: here('.kind'), message: `must be one of ${STAGE_KINDS.join(', ')}` });
    const rules = s?.rules;
    if (rules === undefined || rules === null) return;
    if (typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({ field: here('.rules'), message: 'must be an object' });
      return;
    }
    if (rules.noOpenTasks !== undefined && typeof rules.noOpenTasks !== 'boolean') problems.push({ field: here('.rules.noOpenTasks'), message: 'must be true or false' });
    if (rules.guards !== undefined) {
      if (!Array.isArray(rules.guards)) problems.push({ field: here('.rules.guards'), message: 'must be an array of stage guard codes' });
      else {
        (rules.guards as unknown[]).forEach((code, j) => {
          if (typeof code !== 'string' || !code.trim()) problems.push({ field: here(`.rules.guards[${j}]`), message: 'must be a stage guard code' });
        });
      }
    }
    if (rules.requiredFields === undefined) return;
    if (!Array.isArray(rules.requiredFields)) {
      problems.push({ field: here('.rules.requiredFields'), message: 'must be an array of deal field codes' });
      return;
    }
    (rules.requiredFields as unknown[]).forEach((code, j) => {
      if (typeof code !== 'string' || !known.has(code)) problems.push({ field: here(`.rules.requiredFields[${j}]`), message: `"${String(code)}" is not a deal field` });
    });
  });
  if (Array.isArray(stages) && !stages.some((s) => (s?.kind ?? 'open') === 'open')) problems.push({ field: path || 'stages', message: 'a pipeline needs at least one open stage' });
  return problems;
}

/**
 * Rules as stored: required fields and guards without repeats. Rules that do not list `guards` keep
 * `keptGuards` (the stage's current ones), so an edit of the other rules never drops a plugin's guard.
 */
export function normalizeRules(rules: StageRulesInput | undefined, keptGuards?: StageRules['guards']): StageRules {
  const out: StageRules = { requiredFields: [...new Set(rules?.requiredFields ?? [])], noOpenTasks: rules?.noOpenTasks ?? false };
  const guards = [...new Set(rules?.guards ?? keptGuards ?? [])];
  if (guards.length) out.guards = guards;
  return out;
}

/** What installing adds to a stage the portal already has: more required fields and guards, never fewer. */
export function widenRules(current: StageRules | undefined, wanted: StageRulesInput | undefined): StageRules {
  return normalizeRules({
    requiredFields: [...(current?.requiredFields ?? []), ...(wanted?.requiredFields ?? [])],
    noOpenTasks: !!current?.noOpenTasks || !!wanted?.noOpenTasks,
    guards: [...(current?.guards ?? []), ...(wanted?.guards ?? [])],
  });
}

/**
 * The stage order after adding the `wanted` codes the pipeline lacks, keeping the portal's own order:
 * a new stage goes right after the wanted stage before it, or else right before the wanted stage after it.
 */
export function mergeStageOrder(existing: readonly string[], wanted: readonly string[]): string[] {
  const order = [...existing];
  wanted.forEach((code, i) => {
    if (order.includes(code)) return;
    const prev = wanted
      .slice(0, i)
      .reverse()
      .find((c) => order.includes(c));
    if (prev !== undefined) return void order.splice(order.indexOf(prev) + 1, 0, code);
    const next = wanted.slice(i + 1).find((c) => order.includes(c));
    if (next !== undefined) return void order.splice(order.indexOf(next), 0, code);
    order.push(code);
  });
  return order;
}

/** One line of an install plan: what installing data creates or widens (nothing is ever removed). */
export interface InstallStep {
  kind: 'pipeline' | 'stage' | 'field';
  action: 'create' | 'update';
  code: string;
  /** The pipeline of a stage. */
  pipeline?: string;
  /** The entity of a field. */
  entity?: string;
  /** For an update: what widens, e.g. `options: +SMM`, `requiredFields: +brief`. */
  changes?: string[];
}
