import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NoNul } from '../../../common/dto-validators';

export class ListDealsQuery {
  @ApiPropertyOptional({ description: 'Pipeline id or code' }) @IsOptional() @IsString() @MaxLength(100) @NoNul() pipeline?: string;
  @ApiPropertyOptional({ description: 'Stage id or code' }) @IsOptional() @IsString() @MaxLength(100) @NoNul() stage?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') responsibleId?: string;
  @ApiPropertyOptional({ description: 'Deals carrying this tag (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(100) @NoNul() tag?: string;
  @ApiPropertyOptional({ description: 'Search in the title' }) @IsOptional() @IsString() @MaxLength(200) @NoNul() q?: string;
  @ApiPropertyOptional({ description: '1..200, default 50' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

export class PageQuery {
  @ApiPropertyOptional({ description: '1..200' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

export class TimelineQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries of this kind (stage_moved, field_changed, note, file, …)' }) @IsOptional() @IsString() @MaxLength(40) @NoNul() kind?: string;
}

/** GET /deals/summary: the list's filters, for one pipeline. */
export class DealsSummaryQuery {
  @ApiPropertyOptional({ description: 'Pipeline id or code (required)' }) @IsOptional() @IsString() @MaxLength(100) @NoNul() pipeline?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') responsibleId?: string;
  @ApiPropertyOptional({ description: 'Deals carrying this tag (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(100) @NoNul() tag?: string;
  @ApiPropertyOptional({ description: 'Search in the title' }) @IsOptional() @IsString() @MaxLength(200) @NoNul() q?: string;
}
