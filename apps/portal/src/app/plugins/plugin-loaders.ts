import type { PortalPluginLoader } from '@portal/portal-kit';

/**
 * The plugins whose portal code this build bundles (the portal's counterpart of apps/api's PLUGINS). Each
 * is a separate lazy chunk, loaded only when an installed plugin's route or widget is first shown.
 */
export const PLUGIN_LOADERS: Record<string, PortalPluginLoader> = {
  'load-balancer': () => import('@portal/plugin-load-balancer/portal').then((m) => m.default),
  'digital-studio': () => import('@portal/plugin-digital-studio/portal').then((m) => m.default),
  invoices: () => import('@portal/plugin-invoices/portal').then((m) => m.default),
  training: () => import('@portal/plugin-training/portal').then((m) => m.default),
};
