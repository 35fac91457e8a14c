import type { PortalPluginModule } from '@portal/portal-kit';

/** The digital studio's portal module: the components its manifest's `ui` names. */
const portalModule: PortalPluginModule = { components: {} };
export default portalModule;
