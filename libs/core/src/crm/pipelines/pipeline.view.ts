import type { PipelineView, StageRulesView, StageView } from '@portal/contracts';
import type { PipelineWithStages } from './pipelines.service';
import type { StageEntity } from './stage.entity';

/** A stage's rules show `guards` only when plugins' guards are set. */
export type StageWithGuardsView = StageView & { rules: StageRulesView & { guards?: string[] } };

export function stageView(s: StageEntity): StageWithGuardsView {
  const rules: StageWithGuardsView['rules'] = { requiredFields: s.rules?.requiredFields ?? [], noOpenTasks: s.rules?.noOpenTasks ?? false };
  if (s.rules?.guards?.length) rules.guards = s.rules.guards;
  return { id: s.id, code: s.code, name: s.name, position: s.position, kind: s.kind, rules };
}

export function pipelineView(p: PipelineWithStages): PipelineView & { archived: boolean; assignment: unknown } {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    archived: p.archived,
    assignment: (p.settings?.['assignment'] as unknown) ?? null,
    stages: p.stages.map(stageView),
  };
}
