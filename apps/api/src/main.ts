import { loadConfig, loadPluginPackages, startApp } from '@portal/core';
import { automationExtensionsOf } from '@portal/plugin-sdk';
import type { PluginManifest } from '@portal/plugin-sdk';
import { PLUGINS } from './plugins';

async function main(): Promise<void> {
  const config = loadConfig();
  const plugins = [...PLUGINS, ...(loadPluginPackages(config.pluginPackages, PLUGINS) as PluginManifest[])];
  await startApp({ config, plugins, automation: automationExtensionsOf(plugins) });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
