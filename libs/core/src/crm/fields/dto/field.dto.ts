import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CODE_RE } from '../../pipelines/pipeline-definition';
import { FIELD_ENTITIES, FIELD_TYPES, PLUGIN_TYPE_RE } from '../field-types';

const CODE_MESSAGE = 'code must be lowercase letters, digits, "_" or "-"';

/** One of `types`, or a plugin's namespaced type (e.g. `np.city`: the service checks its plugin is installed). */
const typeRe = (types: readonly string[]) => new RegExp(`^(${types.join('|')})$|${PLUGIN_TYPE_RE.source}`);
const MEMBER_TYPES = FIELD_TYPES.filter((t) => t !== 'group');

export class SubFieldDto {
  @ApiProperty() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: CODE_MESSAGE }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: `${MEMBER_TYPES.join(', ')}, or a type of an installed plugin (e.g. np.city)` })
  @IsString()
  @Matches(typeRe(MEMBER_TYPES), { message: 'type of a group member must be a non-group field type' })
  type: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @IsNotEmpty({ each: true }) options?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
}

export class CreateFieldDto {
  @ApiProperty({ enum: FIELD_ENTITIES }) @IsIn(FIELD_ENTITIES as unknown as string[]) entity: 'deal' | 'contact' | 'company';
  @ApiProperty() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: CODE_MESSAGE }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: `${FIELD_TYPES.join(', ')}, or a type of an installed plugin (e.g. np.city)` })
  @IsString()
  @Matches(typeRe(FIELD_TYPES), { message: `type must be one of ${FIELD_TYPES.join(', ')} or a plugin's type` })
  type: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @IsNotEmpty({ each: true }) options?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ description: 'groups only: the value is an array of group objects' }) @IsOptional() @IsBoolean() repeatable?: boolean;
  @ApiPropertyOptional({ type: [SubFieldDto], description: 'the members of a group' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SubFieldDto)
  fields?: SubFieldDto[];
}

/** A group member in PATCH: matched by code; the type of an existing member cannot change. */
export class PatchSubFieldDto {
  @ApiProperty() @IsString() @MaxLength(63) @Matches(CODE_RE, { message: CODE_MESSAGE }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: 'a non-group field type' }) @IsString() @MaxLength(64) type: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @IsNotEmpty({ each: true }) options?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
}

export class UpdateFieldDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: [String], description: 'options can be added, never removed (values may use them)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  options?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ type: [PatchSubFieldDto], description: 'groups only, the new ordered list of members: add, rename, add options; never remove' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PatchSubFieldDto)
  fields?: PatchSubFieldDto[];
}
