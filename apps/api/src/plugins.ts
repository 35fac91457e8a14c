import { automationExtensionsOf } from '@portal/plugin-sdk';
import type { PluginManifest } from '@portal/plugin-sdk';

/** Every plugin this build ships: the marketplace's catalog. Plugins under plugins/ are added here as they arrive. */
export const PLUGINS: PluginManifest[] = [];

export const PLUGIN_AUTOMATION = automationExtensionsOf(PLUGINS);
