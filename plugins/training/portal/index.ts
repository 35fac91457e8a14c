import type { PortalPluginModule } from '@portal/portal-kit';
import { AuthoringPage } from './authoring.page';
import { CatalogPage } from './catalog.page';
import { CoursePage } from './course.page';
import { EditPage } from './edit.page';
import { TeamPage } from './team.page';
import { TestPage } from './test.page';

export { helpLinkFor } from './help-link';
export type { TrainingHelp } from './help-link';

/** The training plugin's portal module: the components its manifest's `ui` names. */
const portalModule: PortalPluginModule = { components: { CatalogPage, CoursePage, TestPage, TeamPage, AuthoringPage, EditPage } };
export default portalModule;
