import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { MAX_COMMENT_LENGTH, MAX_RESULT_LENGTH } from '../task-rules';

export class CompleteTaskDto {
  @ApiPropertyOptional({ maxLength: MAX_RESULT_LENGTH, description: 'Required, and one of `resultOptions`, when the task has them' })
  @IsOptional()
  @IsString()
  result?: string | null;
  @ApiPropertyOptional({ maxLength: MAX_COMMENT_LENGTH }) @IsOptional() @IsString() comment?: string | null;
}
