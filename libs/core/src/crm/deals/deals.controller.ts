import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DealBulkService } from './deal-bulk.service';
import { DealsService } from './deals.service';
import { BulkDealsDto } from './dto/bulk-deals.dto';
import { CopyDealDto } from './dto/copy-deal.dto';
import { CreateDealDto } from './dto/create-deal.dto';
import { ImportDealsDto } from './dto/import-deals.dto';
import { DealsSummaryQuery, ListDealsQuery, TimelineQuery } from './dto/list-deals.query';
import { UpdateDealDto } from './dto/update-deal.dto';
import { validateEach } from './dto/validate-items';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly bulkActions: DealBulkService,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateDealDto) {
    return this.deals.create(dto);
  }

  @Get()
  list(@Query() query: ListDealsQuery) {
    return this.deals.list(query);
  }

  @Get('summary')
  @ApiOperation({ summary: "Per stage of a pipeline: the number of deals and their budget sums (per currency), with the list's filters" })
  summary(@Query() query: DealsSummaryQuery) {
    return this.deals.summary(query);
  }

  @Post('bulk')
  @HttpCode(200)
  bulk(@Body() dto: BulkDealsDto) {
    return this.bulkActions.run(dto);
  }

  @Post('import')
  @HttpCode(201)
  async import(@Body() dto: ImportDealsDto) {
    return this.deals.importMany(await validateEach(CreateDealDto, dto.items));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.deals.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateDealDto) {
    return this.deals.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.deals.remove(id);
  }

  @Post(':id/copy')
  @HttpCode(201)
  copy(@Param('id') id: string, @Body() dto: CopyDealDto) {
    return this.deals.copy(id, dto);
  }

  @Get(':id/timeline')
  timeline(@Param('id') id: string, @Query() query: TimelineQuery) {
    return this.deals.timelineOf(id, query);
  }
}
