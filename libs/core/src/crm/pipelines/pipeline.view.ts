import type { PipelineView, StageView } from '@portal/contracts';
import type { PipelineWithStages } from './pipelines.service';
import type { StageEntity } from './stage.entity';

export function stageView(s: StageEntity): StageView {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    position: s.position,
    kind: s.kind,
    rules: { requiredFields: s.rules?.requiredFields ?? [], noOpenTasks: s.rules?.noOpenTasks ?? false },
  };
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
