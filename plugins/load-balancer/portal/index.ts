import type { PortalPluginModule } from '@portal/portal-kit';
import { LoadsPage } from './loads.page';
import { TeamLoadWidget } from './team-load.widget';

/** The load-balancer's portal module: the components its manifest's `ui` names. */
const portalModule: PortalPluginModule = { components: { LoadsPage, TeamLoadWidget } };
export default portalModule;
