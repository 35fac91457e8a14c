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

  // API.md: an array in, "the deal's line items" out — the same array, numbered and with each line's exact amount.
  @Put()
  @ApiOperation({ summary: "Replaces the deal's line items: [{name, quantity, unit?, price, vatRate?}] → [{position, name, quantity, unit, price, vatRate, amount}]" })
  async replace(@Param('id') id: string, @Body() body: unknown) {
    return (await this.items.replace(id, body)).items;
  }

  @Get()
  @ApiOperation({ summary: "The deal's line items: [{position, name, quantity, unit, price, vatRate, amount}]" })
  async get(@Param('id') id: string) {
    return (await this.items.get(id)).items;
  }
}
