import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** `?allowDuplicate=true` saves a contact / company even when it shares an e-mail, phone or tax id. */
export class AllowDuplicateQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'allowDuplicate must be true or false' })
  allowDuplicate?: 'true' | 'false';
}
