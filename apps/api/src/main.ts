import { loadConfig, startApp } from '@portal/core';

async function main(): Promise<void> {
  const config = loadConfig();
  await startApp({ config });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
