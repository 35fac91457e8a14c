import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TASK_STATUSES } from '../task-rules';
import type { TaskStatus } from '../task-rules';

export class ListTasksQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') dealId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') assigneeId?: string;
  @ApiPropertyOptional({
    enum: TASK_STATUSES,
    description: 'open: not done (overdue ones included), ordered by deadline; overdue: open with the deadline passed, by deadline; done: newest first',
  })
  @IsOptional()
  @IsIn(TASK_STATUSES as unknown as string[], { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus;
  @ApiPropertyOptional({ description: 'Deadline at or after (ISO 8601 with offset)' }) @IsOptional() @IsString() @MaxLength(64) from?: string;
  @ApiPropertyOptional({ description: 'Deadline before (ISO 8601 with offset)' }) @IsOptional() @IsString() @MaxLength(64) to?: string;
  @ApiPropertyOptional({ description: '1..200, default 50' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

/** `GET /tasks/:id/history`. */
export class TaskHistoryQuery {
  @ApiPropertyOptional({ description: 'e.g. created, deadline_moved, completed' }) @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @ApiPropertyOptional({ description: '1..200, default 100' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}
