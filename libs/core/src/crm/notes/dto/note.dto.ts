import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IfPresent, NoNul } from '../../../common/dto-validators';

export const MAX_NOTE_LENGTH = 20000;

export class CreateNoteDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(MAX_NOTE_LENGTH) @NoNul() text: string;
  @ApiPropertyOptional({ default: false }) @IfPresent() @IsBoolean() pinned?: boolean;
}

export class UpdateNoteDto {
  @ApiPropertyOptional() @IfPresent() @IsString() @IsNotEmpty() @MaxLength(MAX_NOTE_LENGTH) @NoNul() text?: string;
  @ApiPropertyOptional() @IfPresent() @IsBoolean() pinned?: boolean;
}
