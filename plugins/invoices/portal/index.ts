import type { PortalPluginModule } from '@portal/portal-kit';
import { DealInvoicesWidget } from './deal-invoices.widget';
import { InvoicesPage } from './invoices.page';
import { LegalEntitiesPage } from './legal-entities.page';

/** The invoices plugin's portal module: the components its manifest's `ui` names. */
const portalModule: PortalPluginModule = { components: { InvoicesPage, LegalEntitiesPage, DealInvoicesWidget } };
export default portalModule;
