import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject } from 'class-validator';
import { CreateDealDto } from './create-deal.dto';

export const MAX_IMPORT_ITEMS = 1000;

/** Each item is a create body; items are validated one by one so errors name `items[3].budget`. */
export class ImportDealsDto {
  @ApiProperty({ type: [CreateDealDto], maxItems: MAX_IMPORT_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ITEMS)
  @IsObject({ each: true, message: 'each item must be an object' })
  items: Record<string, unknown>[];
}
