import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IfPresent, NoNul } from '../../../common/dto-validators';

export const BULK_ACTIONS = ['setResponsible', 'setStage', 'addTags', 'removeTags', 'addTask', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_IDS = 500;

export class BulkTaskDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) @NoNul() title: string;
  @ApiProperty({ example: '2026-01-15T10:00:00+02:00' }) @IsDateString({ strict: true }) dueAt: string;
  @ApiPropertyOptional({ description: "Defaults to each deal's responsible" }) @IsOptional() @IsUUID('all') assigneeId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NoNul({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  resultOptions?: string[];
}

/** One action over many deals; the params an action needs are checked by the service (400 naming them). */
export class BulkDealsDto {
  @ApiProperty({ type: [String], maxItems: MAX_BULK_IDS }) @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_BULK_IDS) @IsString({ each: true }) ids: string[];
  @ApiProperty({ enum: BULK_ACTIONS }) @IsIn(BULK_ACTIONS as unknown as string[], { message: `action must be one of ${BULK_ACTIONS.join(', ')}` }) action: BulkAction;
  @ApiPropertyOptional({ description: 'setResponsible' }) @IfPresent() @IsUUID('all') responsibleId?: string;
  @ApiPropertyOptional({ description: 'setStage: pipeline id or code (default: each deal\'s own pipeline)' })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul() pipeline?: string;
  @ApiPropertyOptional({ description: 'setStage: stage id or code' }) @IfPresent() @IsString() @IsNotEmpty() @MaxLength(100) @NoNul() stage?: string;
  @ApiPropertyOptional({ description: 'setStage into a lost stage' }) @IfPresent() @IsString() @MaxLength(500) @NoNul() lostReason?: string;
  @ApiPropertyOptional({ type: [String], description: 'addTags / removeTags' })
  @IfPresent()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @NoNul({ each: true })
  tags?: string[];
  @ApiPropertyOptional({ type: BulkTaskDto, description: 'addTask' })
  @IfPresent()
  @ValidateNested()
  @Type(() => BulkTaskDto)
  task?: BulkTaskDto;
}
