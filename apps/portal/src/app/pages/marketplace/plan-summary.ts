import type { I18nService } from '../../core/i18n.service';
import type { PluralKey, TextKey } from '../../core/i18n.dictionaries';

/** One line of an install plan (`POST /marketplace/:id/install?dryRun=true` → `{plan}`). */
export interface PlanStep {
  plugin: string;
  kind: 'pipeline' | 'stage' | 'field' | 'automation' | 'plugin' | 'migration' | 'demo' | string;
  action: 'create' | 'update' | 'enable' | 'conflict' | 'install' | 'upgrade' | 'apply' | string;
  code: string;
  pipeline?: string;
  entity?: string;
  changes?: string[];
  reason?: string;
  version?: string;
  from?: string | null;
  description?: string;
}

/** The kinds a plan counts, in the order a summary names them. */
export const COUNTED_KINDS = ['pipeline', 'stage', 'field', 'automation', 'demo'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];
export type KindCounts = Partial<Record<CountedKind, number>>;

export interface PlanSummary {
  /** What will be created, by kind (only kinds with at least one). */
  create: KindCounts;
  /** What the portal has and the install widens (new options, stricter stage rules). */
  update: KindCounts;
  /** What an earlier uninstall archived or disabled and the install brings back. */
  enable: KindCounts;
  /** Codes the portal (or another plugin) already uses: left as they are. */
  conflicts: KindCounts;
  conflictSteps: PlanStep[];
  /** Other plugins installed along (dependencies, first), in install order. */
  dependencies: string[];
  /** Plugins whose installed version is replaced by a newer one. */
  upgrades: { plugin: string; from: string | null; to: string | null }[];
  migrations: number;
  /** The plan installs (or upgrades) the plugin itself, i.e. it is not installed in this version yet. */
  installsPlugin: boolean;
}

function isCounted(kind: string): kind is CountedKind {
  return (COUNTED_KINDS as readonly string[]).includes(kind);
}

function ordered(counts: Record<string, number>): KindCounts {
  const out: KindCounts = {};
  for (const kind of COUNTED_KINDS) if (counts[kind]) out[kind] = counts[kind];
  return out;
}

/** Steps → counts by kind for each action, dependencies, upgrades. Pure. */
export function summarizePlan(steps: readonly PlanStep[], pluginId: string): PlanSummary {
  const by: Record<'create' | 'update' | 'enable' | 'conflict', Record<string, number>> = { create: {}, update: {}, enable: {}, conflict: {} };
  const summary: PlanSummary = { create: {}, update: {}, enable: {}, conflicts: {}, conflictSteps: [], dependencies: [], upgrades: [], migrations: 0, installsPlugin: false };
  for (const step of steps) {
    if (step.kind === 'plugin') {
      if (step.code === pluginId && (step.action === 'install' || step.action === 'upgrade')) summary.installsPlugin = true;
      if (step.code !== pluginId && (step.action === 'install' || step.action === 'upgrade') && !summary.dependencies.includes(step.code)) {
        summary.dependencies.push(step.code);
      }
      if (step.action === 'upgrade') summary.upgrades.push({ plugin: step.code, from: step.from ?? null, to: step.version ?? null });
      continue;
    }
    if (step.kind === 'migration') {
      if (step.action === 'apply') summary.migrations++;
      continue;
    }
    if (step.action === 'conflict') summary.conflictSteps.push(step);
    const bucket = by[step.action as keyof typeof by];
    if (bucket && isCounted(step.kind)) bucket[step.kind] = (bucket[step.kind] ?? 0) + 1;
  }
  summary.create = ordered(by.create);
  summary.update = ordered(by.update);
  summary.enable = ordered(by.enable);
  summary.conflicts = ordered(by.conflict);
  return summary;
}

function countList(i18n: I18nService, counts: KindCounts): string {
  return i18n.list(COUNTED_KINDS.filter((k) => counts[k]).map((k) => i18n.plural(`count.${k}` as PluralKey, counts[k] ?? 0)));
}

const isEmpty = (counts: KindCounts) => !Object.keys(counts).length;

/**
 * The plan in sentences of the current language, e.g. "Will create 3 pipelines, 14 fields, and 22
 * automation rules." `nameOf` gives a plugin's display name.
 */
export function describePlan(i18n: I18nService, summary: PlanSummary, nameOf: (pluginId: string) => string = (id) => id): string[] {
  const lines: string[] = [];
  if (summary.dependencies.length) lines.push(i18n.t('plan.dependencies', { plugins: i18n.list(summary.dependencies.map(nameOf)) }));
  for (const u of summary.upgrades) {
    lines.push(i18n.t('plan.upgrade', { name: nameOf(u.plugin), from: u.from ?? '?', to: u.to ?? '?' }));
  }
  const sentences: [TextKey, KindCounts][] = [
    ['plan.create', summary.create],
    ['plan.update', summary.update],
    ['plan.enable', summary.enable],
  ];
  for (const [key, counts] of sentences) if (!isEmpty(counts)) lines.push(i18n.t(key, { items: countList(i18n, counts) }));
  if (summary.migrations) lines.push(i18n.t('plan.migrations', { items: i18n.plural('count.migration', summary.migrations) }));
  if (!isEmpty(summary.conflicts)) lines.push(i18n.t('plan.conflicts', { items: countList(i18n, summary.conflicts) }));
  if (isEmpty(summary.create) && isEmpty(summary.update) && isEmpty(summary.enable) && !summary.migrations && !summary.dependencies.length && !summary.upgrades.length) {
    lines.push(summary.installsPlugin && !summary.conflictSteps.length ? i18n.t('plan.installOnly') : i18n.t('plan.nothing'));
  }
  return lines;
}
