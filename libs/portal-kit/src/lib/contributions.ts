/** Text a plugin gives in the portal's languages; `en` is the fallback. A plain string is shown as is. */
export type LocalizedText = string | { en: string; uk?: string; ru?: string };

export interface PluginRouteContribution {
  /** Relative to the portal's root, e.g. "load-balancer/loads". */
  path: string;
  /** A component name the plugin's portal module exports. */
  component: string;
  title: LocalizedText;
  roles?: string[];
}

export interface PluginMenuContribution {
  route: string;
  label: LocalizedText;
  icon?: string;
  roles?: string[];
}

export interface PluginWidgetContribution {
  id: string;
  component: string;
  title: LocalizedText;
  roles?: string[];
  /** Deal-card widgets: only on deals of these pipelines (codes); all when absent. */
  pipelines?: string[];
}

/** One installed plugin's contributions, as `GET /marketplace/ui` lists them. */
export interface PluginUi {
  plugin: string;
  /** The portal module that holds the components (a key of the portal's plugin loaders). */
  module?: string;
  routes?: PluginRouteContribution[];
  menu?: PluginMenuContribution[];
  dealCardWidgets?: PluginWidgetContribution[];
  dashboardWidgets?: PluginWidgetContribution[];
  topBarWidgets?: PluginWidgetContribution[];
}

export type WidgetSlot = 'dealCard' | 'dashboard' | 'topBar';

export const SLOT_FIELD = { dealCard: 'dealCardWidgets', dashboard: 'dashboardWidgets', topBar: 'topBarWidgets' } as const satisfies Record<WidgetSlot, keyof PluginUi>;

/** Whether a user with `roles` may see an item limited to `allowed` (no limit: everyone). */
export function allowedFor(allowed: string[] | undefined, roles: readonly string[]): boolean {
  return !allowed?.length || allowed.some((r) => roles.includes(r));
}

/** The path part of a router URL, without leading slash, query or fragment. */
export function routePath(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '');
}
