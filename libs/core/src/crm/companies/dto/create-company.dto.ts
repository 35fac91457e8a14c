import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import { IfPresent, IsPlainObject } from '../../../common/dto-validators';

/** Types are checked here; lengths, tax id, e-mails, phones and tags by the service, which names `emails[1]`, `taxId`, … */
export class CreateCompanyDto {
  @ApiProperty({ maxLength: 300 }) @IsString() name: string;
  @ApiPropertyOptional({ nullable: true, description: 'Ukraine: ЄДРПОУ (8 digits) or РНОКПП (10 digits), spaces ignored' })
  @IsOptional()
  @IsString()
  taxId?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Trimmed and lower-cased; at most 20' }) @IfPresent() @IsArray() emails?: string[];
  @ApiPropertyOptional({ type: [String], description: "E.164, or national in the portal's country; at most 20" }) @IfPresent() @IsArray() phones?: string[];
  @ApiPropertyOptional({ nullable: true, maxLength: 500 }) @IsOptional() @IsString() web?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 1000 }) @IsOptional() @IsString() address?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Defaults to the creating user' }) @IsOptional() @IsUUID('all') responsibleId?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Custom field values by code' })
  @IfPresent()
  @IsPlainObject()
  fields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: 'Trimmed, each once (case-insensitively); at most 50' }) @IfPresent() @IsArray() tags?: string[];
}
