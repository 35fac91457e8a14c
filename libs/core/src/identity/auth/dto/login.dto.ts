import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: 'the portal slug' }) @IsString() @IsNotEmpty() @MaxLength(63) portal: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(320) email: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}
