import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, IsUUID, Min, ValidateIf } from 'class-validator';
import { MAX_DESCRIPTION_LENGTH, MAX_ESTIMATE_MINUTES, MAX_RESULT_LENGTH, MAX_RESULT_OPTIONS, MAX_TITLE_LENGTH } from '../task-rules';

/** Present (null included) → validated; absent → skipped. */
export const IfPresent = () => ValidateIf((_o, v) => v !== undefined);

/** Types are checked here; lengths, the deadline's format and the options by the service, which names each field. */
export class CreateTaskDto {
  @ApiProperty({ maxLength: MAX_TITLE_LENGTH }) @IsString() title: string;
  @ApiProperty({ description: 'An active user of the portal' }) @IsUUID('all') assigneeId: string;
  @ApiProperty({ description: 'ISO 8601 date-time with an offset', example: '2026-01-15T10:00:00+02:00' }) @IsString() dueAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'A deal of the portal' }) @IsOptional() @IsUUID('all') dealId?: string | null;
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_RESULT_OPTIONS,
    description: `Answers the task must be completed with (e.g. "Approved", "Not approved"); unique, each at most ${MAX_RESULT_LENGTH} characters`,
  })
  @IfPresent()
  @IsArray()
  resultOptions?: string[];
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: MAX_ESTIMATE_MINUTES, description: 'Planned effort in whole minutes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  estimateMinutes?: number | null;
  @ApiPropertyOptional({ nullable: true, maxLength: MAX_DESCRIPTION_LENGTH }) @IsOptional() @IsString() description?: string | null;
}
