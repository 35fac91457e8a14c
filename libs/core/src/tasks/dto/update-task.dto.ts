import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_ESTIMATE_MINUTES, MAX_TITLE_LENGTH } from '../task-rules';
import { IfPresent } from './create-task.dto';

/** An edit of an open task. Moving `dueAt` needs a `comment`; changing `assigneeId` is for admins. */
export class UpdateTaskDto {
  @ApiPropertyOptional({ description: 'A new deadline (ISO 8601 with offset); needs `comment`', example: '2026-01-16T10:00:00+02:00' })
  @IfPresent()
  @IsString()
  dueAt?: string;
  @ApiPropertyOptional({ maxLength: MAX_COMMENT_LENGTH, description: 'Why: required when the deadline moves; kept on the task history' })
  @IsOptional()
  @IsString()
  comment?: string | null;
  @ApiPropertyOptional({ maxLength: MAX_TITLE_LENGTH }) @IfPresent() @IsString() title?: string;
  @ApiPropertyOptional({ nullable: true, maxLength: MAX_DESCRIPTION_LENGTH }) @IsOptional() @IsString() description?: string | null;
  @ApiPropertyOptional({ description: 'Moves the task to another user (admin only)' }) @IfPresent() @IsUUID('all') assigneeId?: string;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: MAX_ESTIMATE_MINUTES }) @IsOptional() @IsInt() @Min(0) estimateMinutes?: number | null;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the result options ([] removes them)' }) @IfPresent() @IsArray() resultOptions?: string[];
}
