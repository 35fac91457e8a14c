import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `GET /contacts/:id/timeline`, `GET /companies/:id/timeline`. */
export class TimelineQuery {
  @ApiPropertyOptional({ description: 'e.g. created, field_changed' }) @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @ApiPropertyOptional({ description: '1..200, default 100' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}
