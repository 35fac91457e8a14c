// `npm test`: lint (module boundaries), type-check, unit + integration tests on a real database, then the
// black-box e2e suite against the built app — on DATABASE_URL/REDIS_URL when set, and always once on the
// embedded default (PGlite + in-process queue), which is what `npm start` runs on a bare machine.
const { existsSync } = require('node:fs');
const { run, bin, buildApi } = require('./run');

const vm = { NODE_OPTIONS: '--experimental-vm-modules --no-warnings' };
run(bin('nx'), ['run-many', '-t', 'lint', '--outputStyle=static']);
require('./typecheck');
run(bin('jest'), ['-c', 'jest.config.ts', '--runInBand', '--ci', '--forceExit'], vm);
// The portal's component tests: Angular is ESM-only, which the VM-modules flag (needed by PGlite) breaks.
run(bin('jest'), ['-c', 'apps/portal/jest.config.cts', '--ci']);
buildApi();
if (process.env.DATABASE_URL) run(bin('jest'), ['-c', 'tests/e2e/jest.config.cts', '--ci', '--forceExit'], { E2E_MODE: 'external' });
run(bin('jest'), ['-c', 'tests/e2e/jest.config.cts', '--ci', '--forceExit'], { E2E_MODE: 'embedded', DATABASE_URL: '', REDIS_URL: '' });
// The portal in a real browser (Debian's Chromium; .ci/run installs it). Without it, say so loudly and go on.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) run(bin('jest'), ['-c', 'tests/browser/jest.config.cts', '--ci', '--forceExit'], { E2E_MODE: process.env.DATABASE_URL ? 'external' : 'embedded' });
else console.warn(`\n! Browser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
