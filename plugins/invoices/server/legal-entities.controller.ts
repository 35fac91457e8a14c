import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import { LegalEntitiesService } from './legal-entities.service';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('legal-entities')
@PluginRoute('invoices')
export class LegalEntitiesController {
  constructor(private readonly entities: LegalEntitiesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'An own legal entity (admin): {name, country, legalForm?, taxId, vatPayer, vatRate?, pricesIncludeVat?, iban | bik+account+corrAccount, bankName, address, signatory, …}' })
  create(@Body() body: unknown) {
    return this.entities.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'The portal\'s legal entities, the default first (?archived=true includes archived ones)' })
  list(@Query() q: Record<string, unknown>) {
    return this.entities.list(q);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.entities.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes any field (admin); isDefault: true makes it the default instead of the current one' })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.entities.update(id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archives (admin): issued invoices keep it; the default passes to the oldest remaining entity' })
  archive(@Param('id') id: string) {
    return this.entities.archive(id);
  }
}
