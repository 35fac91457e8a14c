// `npm run bench`: build the server, then run every benchmark in tests/bench (they print ratios, never assert times).
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { run, bin, buildApi, ROOT } = require('./run');

buildApi();
for (const f of readdirSync(join(ROOT, 'tests/bench')).filter((f) => f.endsWith('.bench.ts'))) {
  run(bin('ts-node'), ['--transpile-only', '-P', 'tests/bench/tsconfig.json', join('tests/bench', f)]);
}
