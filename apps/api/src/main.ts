import { loadConfig, startApp } from '@portal/core';
import { PLUGINS, PLUGIN_AUTOMATION } from './plugins';

async function main(): Promise<void> {
  const config = loadConfig();
  await startApp({ config, plugins: PLUGINS, automation: PLUGIN_AUTOMATION });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
