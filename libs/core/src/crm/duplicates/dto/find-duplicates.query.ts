import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DUPLICATE_ENTITIES } from '../duplicate-match';
import type { DuplicateEntity } from '../duplicate-match';

/** `GET /duplicates`: each of email, phone, taxId may be repeated; values are checked by the service (400 naming them). */
export class FindDuplicatesQuery {
  @ApiPropertyOptional({ enum: DUPLICATE_ENTITIES, description: 'Both when absent' })
  @IsOptional()
  @IsIn(DUPLICATE_ENTITIES as unknown as string[], { message: 'entity must be contact or company' })
  entity?: DuplicateEntity;
  @ApiPropertyOptional({ type: String, description: 'An e-mail (case-insensitive); may be repeated' }) @IsOptional() email?: string | string[];
  @ApiPropertyOptional({ type: String, description: "A phone in any format; a national number is read in the portal's country" })
  @IsOptional()
  phone?: string | string[];
  @ApiPropertyOptional({ description: 'Companies only; spaces are ignored' }) @IsOptional() taxId?: string;
  @ApiPropertyOptional({ description: 'Leave this record out (the one being edited)' }) @IsOptional() excludeId?: string;
}
