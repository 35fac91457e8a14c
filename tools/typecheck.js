const { run, bin } = require('./run');
for (const p of ['apps/api/tsconfig.app.json', 'libs/core/tsconfig.spec.json', 'libs/plugin-sdk/tsconfig.json', 'tests/e2e/tsconfig.json', 'tests/bench/tsconfig.json', 'tests/browser/tsconfig.json', 'apps/portal/tsconfig.app.json', 'apps/portal/tsconfig.spec.json', 'libs/contracts/tsconfig.json', 'plugins/load-balancer/tsconfig.json', 'plugins/digital-studio/tsconfig.json', 'libs/portal-kit/tsconfig.json', 'plugins/invoices/tsconfig.json', 'plugins/training/tsconfig.json']) {
  run(bin('tsc'), ['--noEmit', '-p', p]);
}
