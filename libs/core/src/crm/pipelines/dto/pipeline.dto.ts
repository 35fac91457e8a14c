import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CODE_RE } from '../pipeline-definition';

const CODE_MESSAGE = 'must be lowercase letters, digits, "_" or "-" (starting with a letter or digit)';

export class StageRulesDto {
  @ApiPropertyOptional({ type: [String], description: 'deal field codes (custom, or title, budget, responsibleId, contactIds, companyId, lostReason)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  requiredFields?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() noOpenTasks?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'stage guard codes of installed plugins, checked when a deal enters; in PATCH, rules without `guards` keep the stage\'s guards' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  guards?: string[];
}

export class StageDto {
  @ApiProperty() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ enum: ['open', 'won', 'lost'] }) @IsOptional() @IsIn(['open', 'won', 'lost']) kind?: 'open' | 'won' | 'lost';
  @ApiPropertyOptional({ type: StageRulesDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => StageRulesDto) rules?: StageRulesDto;
}

export class CreatePipelineDto {
  @ApiProperty() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: [StageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages: StageDto[];
}

/** In PATCH a stage is matched by `id` or `code`; the list is the new full order. */
export class PatchStageDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: `code ${CODE_MESSAGE}` }) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ['open', 'won', 'lost'] }) @IsOptional() @IsIn(['open', 'won', 'lost']) kind?: 'open' | 'won' | 'lost';
  @ApiPropertyOptional({ type: StageRulesDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => StageRulesDto) rules?: StageRulesDto;
}

export class UpdatePipelineDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() archived?: boolean;
  @ApiPropertyOptional({ type: [PatchStageDto], description: 'the full ordered list: matched stages are updated and reordered, new codes added, missing ones removed (if empty)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PatchStageDto)
  stages?: PatchStageDto[];
  @ApiPropertyOptional({ description: 'assignment of new deals (load-balancer plugin): {strategy, departmentId?, requiresCourseId?}' })
  @IsOptional()
  @IsObject()
  assignment?: Record<string, unknown>;
}
