import { createFreshDatabase, startAppProcess } from './app-process';

/**
 * One app for the whole run. With E2E_MODE=external (CI's first pass) it uses DATABASE_URL (a fresh database
 * is created on that server) and REDIS_URL; with E2E_MODE=embedded it runs with neither, as `npm start` does
 * on a bare machine. Every test signs up its own portal, so tests never share data.
 */
export default async function globalSetup(): Promise<void> {
  const mode = process.env['E2E_MODE'] ?? (process.env['DATABASE_URL'] ? 'external' : 'embedded');
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn' };
  if (mode === 'external') {
    if (!process.env['DATABASE_URL']) throw new Error('E2E_MODE=external needs DATABASE_URL');
    env['DATABASE_URL'] = await createFreshDatabase(process.env['DATABASE_URL']);
    env['REDIS_URL'] = process.env['REDIS_URL'];
  }
  const app = await startAppProcess(env);
  process.env['E2E_URL'] = app.url;
  process.env['E2E_MODE'] = mode;
  process.env['E2E_DATA_DIR'] = app.dataDir;
  (globalThis as { __E2E_APP__?: unknown }).__E2E_APP__ = app;
  (globalThis as { __E2E_DB__?: string }).__E2E_DB__ = env['DATABASE_URL'];
}
