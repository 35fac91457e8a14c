import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ROOT, createFreshDatabase, dropDatabase, startAppProcess } from '../../e2e/support/app-process';
import type { RunningApp } from '../../e2e/support/app-process';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves numbered screenshots of each step under tests/browser/output/<name>/ (look at them). */
export function screenshots(name: string): (page: Page, step: string) => Promise<void> {
  const dir = join(ROOT, 'tests/browser/output', name);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n++;
    await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}

/** Collects the page's console errors and failed requests, so a test can assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export interface BrowserApp {
  app: RunningApp;
  /** The portal's address (the API's without /api/v1). */
  origin: string;
  stop(): Promise<void>;
}

/** The built app for a browser spec: on a fresh PostgreSQL database in external mode, else embedded. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn' };
  let database: string | undefined;
  if (process.env['E2E_MODE'] === 'external' && process.env['DATABASE_URL']) {
    database = await createFreshDatabase(process.env['DATABASE_URL'], 'browser');
    env['DATABASE_URL'] = database;
    env['REDIS_URL'] = process.env['REDIS_URL'];
  }
  const app = await startAppProcess(env);
  return {
    app,
    origin: app.url.replace(/\/api\/v1$/, ''),
    stop: async () => {
      await app.stop();
      if (database) await dropDatabase(database);
    },
  };
}

/** A real mouse drag between two test ids (CDK listens to pointer events), in small steps, dropping near the target's top. */
export async function drag(page: Page, from: string, to: string): Promise<void> {
  const a = await page.getByTestId(from).boundingBox();
  const b = await page.getByTestId(to).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${from} to ${to}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 20 });
  await page.mouse.up();
}
