import { Injectable } from '@nestjs/common';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { PipelineEntity } from './pipeline.entity';
import { StageEntity } from './stage.entity';

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
