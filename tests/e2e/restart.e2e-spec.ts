import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFreshDatabase, dropDatabase, startAppProcess } from './support/app-process';

/** Data survives a restart and migrations apply once — on the embedded default and on PostgreSQL. */
describe('database across restarts', () => {
  it('keeps a portal after a restart and applies no migration the second time', async () => {
    const env: Record<string, string> = {};
    if (process.env['E2E_MODE'] === 'external') env['DATABASE_URL'] = await createFreshDatabase(process.env['DATABASE_URL']!, 'restart');
    const first = await startAppProcess(env);
    const slug = `restart-${Date.now()}`;
    const created = await fetch(`${first.url}/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Restart', slug, admin: { email: 'r@r.test', password: 'long-password', name: 'R' } }),
    });
    expect(created.status).toBe(201);
    await first.stop();
    const firstLog = readFileSync(join(first.dataDir, 'app.log'), 'utf8');
    expect(firstLog).toMatch(/(embedded PGlite|PostgreSQL): applied \d+ migration/);

    const second = await startAppProcess(env, first.dataDir);
    try {
      const login = await fetch(`${second.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ portal: slug, email: 'r@r.test', password: 'long-password' }),
      });
      expect(login.status).toBe(200);
      const log = readFileSync(join(first.dataDir, 'app.log'), 'utf8');
      expect(log).toMatch(/schema up to date, no migration applied/);
    } finally {
      await second.stop();
      if (env['DATABASE_URL']) await dropDatabase(env['DATABASE_URL']);
    }
    // Two cold boots of the app (each may take up to startAppProcess's two minutes on a loaded machine).
  }, 240_000);
});
