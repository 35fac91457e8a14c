// Small helpers shared by the npm scripts in tools/: run a command, stop on failure.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...env },
  });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => join(BIN, name);

/** The API and the portal it serves. */
function buildApi() {
  run(bin('nx'), ['run-many', '-t', 'build', '-p', 'api,portal', '--outputStyle=static']);
}

module.exports = { run, bin, buildApi, ROOT };
