/**
 * The server-side building blocks of a plugin's own Nest module: the portal's database (queries are scoped
 * by the caller, in the request's transaction when there is one), who is asking, the role guard, the
 * plugin-installed guard, errors that become the API's 4xx answers, and the plugin's settings.
 */
export type { AppConfig, PluginNotification } from '@portal/core';
export { Clock, Db as PluginDatabase, PluginInstallations, PluginServices, ForbiddenError, PluginRoute, Public, Roles, APP_CONFIG, TestClockListeners, ValidationFailedError, NotFoundError, UnprocessableError, ConflictError, PortalContext } from '@portal/core';
export { packageFile } from './package-files';
export { Problems, UUID_RE, body, decodeCursor, encodeCursor, isUuid, onlyKeys, parseLimit, queryParam } from './request-input';
export type { FieldProblem } from './request-input';
