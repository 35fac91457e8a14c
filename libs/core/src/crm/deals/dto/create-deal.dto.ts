import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MoneyInput } from '../../../common/money';
import { IfPresent, IsMoneyAmount, IsPlainObject, NoNul } from '../../../common/dto-validators';

export const MAX_CONTACTS_PER_DEAL = 100;

export class CreateDealDto {
  @ApiProperty({ example: 'Website redesign' }) @IsString() @IsNotEmpty() @MaxLength(500) @NoNul() title: string;
  @ApiProperty({ description: 'Pipeline id or code', example: 'sales' }) @IsString() @IsNotEmpty() @MaxLength(100) @NoNul() pipeline: string;
  @ApiPropertyOptional({ description: "Stage id or code; the pipeline's first stage when absent" })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul() stage?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true, example: '1500.00' })
  @IsOptional()
  @IsMoneyAmount({ nullable: true })
  budget?: MoneyInput | null;
  @ApiPropertyOptional({ example: 'UAH' }) @IfPresent() @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' }) currency?: string;
  @ApiPropertyOptional({ nullable: true, description: 'Defaults to the caller' }) @IsOptional() @IsUUID('all') responsibleId?: string | null;
  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS_PER_DEAL)
  @IsUUID('all', { each: true })
  contactIds?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all') companyId?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Custom field values by code' })
  @IfPresent()
  @IsPlainObject()
  fields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @NoNul({ each: true })
  tags?: string[];
  @ApiPropertyOptional({ nullable: true, description: 'Only for a deal created in a lost stage' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoNul() lostReason?: string | null;
}
