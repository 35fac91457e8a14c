import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DuplicatesService } from './duplicates.service';
import { FindDuplicatesQuery } from './dto/find-duplicates.query';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('duplicates')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  /** Contacts / companies already holding one of these values, so the UI can warn before saving. */
  @Get()
  async find(@Query() query: FindDuplicatesQuery) {
    return { items: await this.duplicates.search(query) };
  }
}
