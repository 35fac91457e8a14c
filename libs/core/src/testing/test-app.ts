import { INestApplication, Type } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MixedList } from 'typeorm';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import type { AutomationExtensions } from '../automation/automation.types';
import type { PluginDescriptor } from '../marketplace/plugin-descriptor';

export interface TestApp {
  app: INestApplication;
  /** Base URL of the API, ending in /api/v1. */
  url: string;
  close(): Promise<void>;
}

async function freshDatabase(url: string): Promise<string> {
  const name = `it_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Boots the whole app against a real database for integration tests: a fresh database on the server of
 * DATABASE_URL when it is set, otherwise an in-memory embedded PGlite. Never a mock.
 */
export async function bootTestApp(opts: { entities?: MixedList<Function>; migrations?: Function[]; modules?: Type<unknown>[]; automation?: AutomationExtensions[]; plugins?: PluginDescriptor[]; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-it-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, PORT: '0', JWT_SECRET: 'integration-test-secret', ...opts.env };
  if (process.env['DATABASE_URL']) env['DATABASE_URL'] = await freshDatabase(process.env['DATABASE_URL']);
  const config = loadConfig(env);
  if (!process.env['DATABASE_URL']) config.dataDir = dataDir;
  const app = await createApp({ config, logger: ['error', 'fatal'], ...opts });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/api/v1`, close: () => app.close() };
}
