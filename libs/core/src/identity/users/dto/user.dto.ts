import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BUILT_IN_ROLES } from '../../roles';

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty({ enum: BUILT_IN_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(BUILT_IN_ROLES as unknown as string[], { each: true, message: `each role must be one of ${BUILT_IN_ROLES.join(', ')}` })
  roles: string[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: ['uk', 'ru', 'en'] }) @IsOptional() @IsIn(['uk', 'ru', 'en']) locale?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional({ minLength: 8 }) @IsOptional() @IsString() @MinLength(8) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ enum: BUILT_IN_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BUILT_IN_ROLES as unknown as string[], { each: true, message: `each role must be one of ${BUILT_IN_ROLES.join(', ')}` })
  roles?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() departmentId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: ['uk', 'ru', 'en'] }) @IsOptional() @IsIn(['uk', 'ru', 'en']) locale?: string;
}

export class CreateAbsenceDto {
  @ApiProperty({ example: '2026-12-01' }) @IsDateString({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-14' }) @IsDateString({ strict: true }) to: string;
  @ApiProperty({ example: 'vacation' }) @IsString() @IsNotEmpty() @MaxLength(200) reason: string;
}
