// `npm run bench`: build the server, then run every benchmark in tests/bench and plugins/*/bench (they print
// ratios, never assert times).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { run, bin, buildApi, ROOT } = require('./run');

buildApi();
for (const f of readdirSync(join(ROOT, 'tests/bench')).filter((f) => f.endsWith('.bench.ts'))) {
  run(bin('ts-node'), ['--transpile-only', '-P', 'tests/bench/tsconfig.json', join('tests/bench', f)]);
}
// A plugin's own benchmarks boot the portal through the SDK's test kit, so they resolve the workspace's paths.
for (const plugin of readdirSync(join(ROOT, 'plugins'))) {
  const dir = join('plugins', plugin, 'bench');
  if (!existsSync(join(ROOT, dir))) continue;
  for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.bench.ts'))) {
    run(bin('ts-node'), ['--transpile-only', '-r', 'tsconfig-paths/register', '-P', join('plugins', plugin, 'tsconfig.json'), join(dir, f)]);
  }
}
