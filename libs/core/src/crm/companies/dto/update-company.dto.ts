import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import { IfPresent, IsPlainObject } from '../../../common/dto-validators';

/** Any field of the create body; arrays replace, `fields` is a partial patch (a null value clears that field). */
export class UpdateCompanyDto {
  @ApiPropertyOptional({ maxLength: 300 }) @IfPresent() @IsString() name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() taxId?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the e-mails' }) @IfPresent() @IsArray() emails?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Replaces the phones' }) @IfPresent() @IsArray() phones?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() web?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() address?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all') responsibleId?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A partial patch: a null value clears that field' })
  @IfPresent()
  @IsPlainObject()
  fields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the tags' }) @IfPresent() @IsArray() tags?: string[];
}
