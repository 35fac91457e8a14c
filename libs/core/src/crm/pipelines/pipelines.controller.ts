import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../identity/auth/auth.decorators';
import { CreatePipelineDto, UpdatePipelineDto } from './dto/pipeline.dto';
import { pipelineView } from './pipeline.view';
import { PipelinesService } from './pipelines.service';

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiQuery({ name: 'archived', required: false, enum: ['true', 'false'] })
  async list(@Query('archived') archived?: string) {
    return (await this.pipelines.listWithStages(archived === 'true')).map(pipelineView);
  }

  @Get(':ref')
  async get(@Param('ref') ref: string) {
    return pipelineView(await this.pipelines.getPipeline(ref));
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreatePipelineDto) {
    return pipelineView(await this.pipelines.create(dto));
  }

  @Roles('admin')
  @Patch(':ref')
  async update(@Param('ref') ref: string, @Body() dto: UpdatePipelineDto) {
    return pipelineView(await this.pipelines.update(ref, dto));
  }
}
