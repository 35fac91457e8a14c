import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ListContactsQuery {
  @ApiPropertyOptional({ description: "Part of the name or an e-mail, a phone in any format, digits of a phone" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ description: 'Contacts carrying this tag (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(100) tag?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') responsibleId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') companyId?: string;
  @ApiPropertyOptional({ description: '1..200, default 50' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

/** The paging of a sub-list (`GET /companies/:id/contacts`). */
export class ContactsPageQuery {
  @ApiPropertyOptional({ description: '1..200, default 50' }) @IsOptional() @IsString() limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}
