import type { PipelineAssignment, PipelineView, StageRulesView, StageView } from '@portal/contracts';
import type { PipelineWithStages } from './pipelines.service';
import type { StageEntity } from './stage.entity';

/** A stage's rules show `guards` only when plugins' guards are set. */
export function stageView(s: StageEntity): StageView {
  const rules: StageRulesView = { requiredFields: s.rules?.requiredFields ?? [], noOpenTasks: s.rules?.noOpenTasks ?? false };
  if (s.rules?.guards?.length) rules.guards = s.rules.guards;
  return { id: s.id, code: s.code, name: s.name, position: s.position, kind: s.kind, rules };
}

export function pipelineView(p: PipelineWithStages): PipelineView & { archived: boolean; assignment: PipelineAssignment | null } {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    archived: p.archived,
    assignment: (p.settings?.['assignment'] as PipelineAssignment | undefined) ?? null,
    stages: p.stages.map(stageView),
  };
}
