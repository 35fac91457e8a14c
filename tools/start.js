// `npm start`: build what is needed, then run the portal (embedded database and queue unless configured).
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { buildApi, ROOT } = require('./run');

buildApi();
const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], { stdio: 'inherit', cwd: ROOT });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
