import { join } from 'node:path';
import { loadConfig, loadPluginPackages, startApp } from '@portal/core';
import { automationExtensionsOf } from '@portal/plugin-sdk';
import type { PluginManifest } from '@portal/plugin-sdk';
import { PLUGINS } from './plugins';

async function main(): Promise<void> {
  const config = loadConfig();
  const plugins = [...PLUGINS, ...(loadPluginPackages(config.pluginPackages, PLUGINS) as PluginManifest[])];
  // The portal's build sits beside the API's (dist/apps/portal/browser next to dist/apps/api/main.js).
  await startApp({ config, plugins, automation: automationExtensionsOf(plugins), portalDir: join(__dirname, '..', 'portal', 'browser') });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
