import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import { CompanyLookupService } from './company-lookup.service';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller()
@PluginRoute('invoices')
export class CompanyLookupController {
  constructor(private readonly lookups: CompanyLookupService) {}

  /**
   * `companies/lookup` is the API.md path; core's `GET /companies/:id` is registered first and captures it until
   * core mounts plugin routes before its own (see README, "Route precedence"). `company-registry/lookup` is the
   * same endpoint on a path nothing shadows.
   */
  @Get(['companies/lookup', 'company-registry/lookup'])
  @ApiOperation({ summary: 'Requisites from the registry: ?taxId=&country=UA|RU → {name, taxId, address, director, country, companyId}' })
  lookup(@Query() q: Record<string, unknown>) {
    return this.lookups.lookup(q);
  }
}
