/** Text in the portal's languages; `en` is the fallback. */
export type LocalizedText = { en: string; uk?: string; ru?: string };

/**
 * A plugin's contributions to the portal (libs/portal-kit's UI registry mounts them). Declarative: the
 * portal loads a plugin's UI bundle by `module`, and shows the items only where the plugin is installed.
 */
export interface PluginUiContributions {
  /** Lazy-loaded entry of the plugin's Angular code (e.g. "load-balancer"), resolved by the portal build. */
  module?: string;
  routes?: { path: string; component: string; title: LocalizedText; roles?: string[] }[];
  menu?: { route: string; label: LocalizedText; icon?: string; roles?: string[] }[];
  dealCardWidgets?: { id: string; component: string; title: LocalizedText; pipelines?: string[]; roles?: string[] }[];
  dashboardWidgets?: { id: string; component: string; title: LocalizedText; roles?: string[] }[];
  /** Small controls in the portal's top bar (e.g. a running timer), for the roles named. */
  topBarWidgets?: { id: string; component: string; title: LocalizedText; roles?: string[] }[];
}
