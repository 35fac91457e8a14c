import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IfPresent, NoNul } from '../../../common/dto-validators';

export const COPY_PARTS = ['fields', 'tags', 'files', 'contacts'] as const;
export type CopyPart = (typeof COPY_PARTS)[number];

/** Title, budget, currency, responsible and company are always copied; `include` adds the rest. */
export class CopyDealDto {
  @ApiPropertyOptional({ description: "Pipeline id or code (default: the source deal's)" })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul() pipeline?: string;
  @ApiPropertyOptional({ description: "Stage id or code (default: the pipeline's first stage)" })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul() stage?: string;
  @ApiPropertyOptional({ enum: COPY_PARTS, isArray: true })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(COPY_PARTS.length)
  @IsIn(COPY_PARTS as unknown as string[], { each: true, message: `each of include must be one of ${COPY_PARTS.join(', ')}` })
  include?: CopyPart[];
}
