import { Global, Module } from '@nestjs/common';
import { PipelinesController } from './pipelines.controller';
import { PipelinesRepository, StagesRepository } from './pipelines.repository';
import { PipelinesService } from './pipelines.service';

/** Pipelines, ordered stages and their rules. */
@Global()
@Module({ controllers: [PipelinesController], providers: [PipelinesRepository, StagesRepository, PipelinesService], exports: [PipelinesService, PipelinesRepository, StagesRepository] })
export class PipelinesModule {}
