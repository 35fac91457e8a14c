import type { PortalPluginModule } from '@portal/portal-kit';
import { MyTimePage } from './my-time.page';
import { ProfitWidget } from './profit.widget';
import { ProjectsPage } from './projects.page';
import { TimerWidget } from './timer.widget';
import { WorstProjectsWidget } from './worst.widget';

/** The digital studio's portal module: the components its manifest's `ui` names. */
const portalModule: PortalPluginModule = { components: { TimerWidget, MyTimePage, ProfitWidget, ProjectsPage, WorstProjectsWidget } };
export default portalModule;
