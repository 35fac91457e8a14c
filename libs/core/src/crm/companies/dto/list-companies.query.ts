import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ListCompaniesQuery {
  @ApiPropertyOptional({ description: 'Part of the name or an e-mail, a phone in any format, digits of a phone, the tax id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ description: 'Companies carrying this tag (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(100) tag?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') responsibleId?: string;
  @ApiPropertyOptional({ description: 'Companies with exactly this tax id (spaces ignored)' }) @IsOptional() @IsString() @MaxLength(64) taxId?: string;
  @ApiPropertyOptional({ description: '1..200, default 50' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}
