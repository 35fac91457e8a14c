import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { bindInvoicesService, unbindInvoicesService } from './automation';
import { CompanyLookupController } from './company-lookup.controller';
import { CompanyLookupService } from './company-lookup.service';
import { DealItemsController } from './deal-items.controller';
import { DealItemsService } from './deal-items.service';
import { InvoicesContext } from './invoices-context';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';
import { LegalEntitiesController } from './legal-entities.controller';
import { LegalEntitiesService } from './legal-entities.service';
import { registryFromEnv } from './registry/http.registry';
import { COMPANY_REGISTRY } from './registry/registry.port';

/** Legal entities, deal items, invoices and the registry lookup of the invoices plugin. */
@Module({
  controllers: [CompanyLookupController, LegalEntitiesController, DealItemsController, InvoicesController],
  providers: [
    InvoicesContext,
    LegalEntitiesService,
    DealItemsService,
    InvoicesService,
    CompanyLookupService,
    // The driver is chosen once, at boot, from REGISTRY_API_URL.
    { provide: COMPANY_REGISTRY, useFactory: () => registryFromEnv() },
  ],
})
export class InvoicesModule implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly invoices: InvoicesService) {}

  onModuleInit(): void {
    bindInvoicesService(this.invoices);
  }

  onModuleDestroy(): void {
    unbindInvoicesService(this.invoices);
  }
}
