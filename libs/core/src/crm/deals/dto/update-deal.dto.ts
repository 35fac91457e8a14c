import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MoneyInput } from '../../../common/money';
import { MAX_CONTACTS_PER_DEAL } from './create-deal.dto';
import { IfPresent, IsMoneyAmount, IsPlainObject, NoNul } from '../../../common/dto-validators';

/** Any create field plus `stage` (a move, checked against the stage's rules) and `lostReason`. */
export class UpdateDealDto {
  @ApiPropertyOptional() @IfPresent() @IsString() @IsNotEmpty() @MaxLength(500) @NoNul() title?: string;
  @ApiPropertyOptional({ description: "Pipeline id or code: moves the deal to that pipeline (its first stage unless `stage` says otherwise)" })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul() pipeline?: string;
  @ApiPropertyOptional({ description: 'Stage id or code: moves the deal' }) @IfPresent() @IsString() @IsNotEmpty() @MaxLength(100) @NoNul() stage?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true, example: '1500.00' })
  @IfPresent()
  @IsMoneyAmount({ nullable: true })
  budget?: MoneyInput | null;
  @ApiPropertyOptional() @IfPresent() @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' }) currency?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all') responsibleId?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the contacts' })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS_PER_DEAL)
  @IsUUID('all', { each: true })
  contactIds?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all') companyId?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A partial patch: a null value clears that field' })
  @IfPresent()
  @IsPlainObject()
  fields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the tags' }) @IfPresent() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @NoNul({ each: true }) tags?: string[];
  @ApiPropertyOptional({ nullable: true, description: 'Why the deal was lost (a deal in, or moving to, a lost stage)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoNul() lostReason?: string | null;
}
