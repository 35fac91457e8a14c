import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import { DealItemsService } from './deal-items.service';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('deals/:id/items')
@PluginRoute('invoices')
export class DealItemsController {
  constructor(private readonly items: DealItemsService) {}

  @Put()
  @ApiOperation({ summary: 'Replaces the deal\'s line items: [{name, quantity, unit?, price, vatRate?}]' })
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.items.replace(id, body);
  }

  @Get()
  get(@Param('id') id: string) {
    return this.items.get(id);
  }
}
