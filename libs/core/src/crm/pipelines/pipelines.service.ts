import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { PipelineEntity } from './pipeline.entity';
import { StageEntity } from './stage.entity';

export type PipelineWithStages = PipelineEntity & { stages: StageEntity[] };

@Injectable()
export class PipelinesRepository extends PortalScopedRepository<PipelineEntity> {
  protected readonly entity = PipelineEntity;
  protected readonly label = 'Pipeline';
}

@Injectable()
export class StagesRepository extends PortalScopedRepository<StageEntity> {
  protected readonly entity = StageEntity;
  protected readonly label = 'Stage';
}

/** Pipelines and their ordered stages; references accept the id or the stable code. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly pipelines: PipelinesRepository,
    private readonly stages: StagesRepository,
    private readonly db: Db,
  ) {}

  async findPipeline(ref: string): Promise<PipelineWithStages | null> {
    const qb = this.pipelines.qb('p');
    if (isUuid(ref)) qb.andWhere('p.id = :ref', { ref });
    else qb.andWhere('p.code = :ref', { ref });
    const p = await qb.getOne();
    if (!p) return null;
    return { ...p, stages: await this.stagesOf(p.id) } as PipelineWithStages;
  }

  /** For a reference inside a request body or query: unknown → 400 naming the field. */
  async resolvePipeline(ref: string, field = 'pipeline'): Promise<PipelineWithStages> {
    const p = typeof ref === 'string' && ref ? await this.findPipeline(ref) : null;
    if (!p) throw ValidationFailedError.field(field, `unknown pipeline "${ref}"`);
    return p;
  }

  /** For a reference in the path: unknown → 404. */
  async getPipeline(ref: string): Promise<PipelineWithStages> {
    const p = await this.findPipeline(ref);
    if (!p) throw new NotFoundError('Pipeline', ref);
    return p;
  }

  resolveStage(pipeline: PipelineWithStages, ref: string, field = 'stage'): StageEntity {
    const s = pipeline.stages.find((st) => st.id === ref || st.code === ref);
    if (!s) throw ValidationFailedError.field(field, `unknown stage "${ref}" in pipeline "${pipeline.code}"`);
    return s;
  }

  firstStage(pipeline: PipelineWithStages): StageEntity {
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    return open[0] ?? pipeline.stages[0];
  }

  stagesOf(pipelineId: string): Promise<StageEntity[]> {
    return this.stages.qb('s').andWhere('s.pipeline_id = :pipelineId', { pipelineId }).orderBy('s.position', 'ASC').getMany();
  }

  /** Every pipeline of the portal with its stages, in two queries. */
  async listWithStages(includeArchived = false): Promise<PipelineWithStages[]> {
    const qb = this.pipelines.qb('p').orderBy('p.position', 'ASC').addOrderBy('p.created_at', 'ASC');
    if (!includeArchived) qb.andWhere('p.archived = false');
    const pipelines = await qb.getMany();
    const stages = await this.stages.qb('s').orderBy('s.position', 'ASC').getMany();
    return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }) as PipelineWithStages);
  }

  async getStage(id: string): Promise<StageEntity> {
    return this.stages.get(id);
  }
}
