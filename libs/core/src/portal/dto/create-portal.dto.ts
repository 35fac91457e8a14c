import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class PortalAdminDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

export class CreatePortalDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: 'lowercase letters, digits and dashes' })
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, { message: 'slug must be 3–63 lowercase letters, digits or dashes' })
  slug: string;
  @ApiProperty({ type: PortalAdminDto }) @IsObject() @ValidateNested() @Type(() => PortalAdminDto) admin: PortalAdminDto;
  @ApiPropertyOptional({ enum: ['uk', 'ru', 'en'] }) @IsOptional() @IsIn(['uk', 'ru', 'en']) locale?: 'uk' | 'ru' | 'en';
  @ApiPropertyOptional({ example: 'Europe/Kyiv' }) @IsOptional() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sandbox?: boolean;
}
