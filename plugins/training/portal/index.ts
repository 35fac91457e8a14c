import type { PortalPluginModule } from '@portal/portal-kit';

const portalModule: PortalPluginModule = { components: {} };
export default portalModule;
