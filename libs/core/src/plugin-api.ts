/**
 * What core lends the SDK for plugins' own server code (libs/plugin-sdk re-exports it; plugins never import
 * core directly). Kept small on purpose: growing it is a decision, not an accident.
 */
import { Clock } from './common/clock';
import { RequestContext } from './common/request-context';

export { Db } from './database/db';
export { Clock } from './common/clock';
export { PluginInstallations } from './marketplace/plugin-installations';
export { PluginServices } from './marketplace/plugin-services';
export type { PluginNotification } from './marketplace/plugin-services';
export { ForbiddenError } from './common/errors';
export { Public, Roles } from './identity/auth/auth.decorators';
/** The app's configuration (e.g. `publicUrl`, the address users reach the portal at), injected with `@Inject(APP_CONFIG)`. */
export { APP_CONFIG } from './config/app-config';
export { TestClockListeners } from './common/test-clock-listeners';
export type { AppConfig } from './config/app-config';
export { ConflictError, NotFoundError, UnprocessableError, ValidationFailedError } from './common/errors';
export type { PluginUiContributions } from './marketplace/plugin-ui';

/** Who the current request acts for, and the portal's "now" (a sandbox portal's test clock). */
export const PortalContext = {
  portalId: (): string => RequestContext.portalId(),
  userId: (): string | undefined => RequestContext.userId(),
  hasRole: (...roles: string[]): boolean => RequestContext.hasRole(...roles),
  now: (): Date => new Clock().now(),
};
