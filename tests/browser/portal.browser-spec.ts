import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../e2e/support/app-process';
import { launch, screenshots, startBrowserApp, watchErrors } from './support/browser';
import type { BrowserApp } from './support/browser';

/**
 * A new company in a real browser: signs up, lands in the marketplace, installs a plugin after reading the
 * plan, watches it install, and switches the interface language. Screenshots of each step are saved.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
const shot = screenshots('portal');
const slug = `browser-${Date.now().toString(36)}`;

beforeAll(async () => {
  server = await startBrowserApp();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'uk-UA' });
  errors = watchErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const origin = () => server.origin;
const byId = (id: string) => page.getByTestId(id);

it('signs up a new portal and lands in the marketplace', async () => {
  await page.goto(`${origin()}/signup`);
  await shot(page, 'signup');
  await byId('signup-name').fill('Студія Браузер');
  await byId('signup-slug').fill(slug);
  await byId('signup-admin-name').fill('Олена Адмін');
  await byId('signup-email').fill(`admin@${slug}.test`);
  await byId('signup-password').fill('browser-password-1');
  await byId('signup-locale').selectOption('uk');
  await byId('signup-timezone').selectOption('Europe/Kyiv');
  await byId('signup-submit').click();
  await page.waitForURL(/\/marketplace$/);
  await byId('plugin-card-load-balancer').waitFor();
  await expect(byId('page-title').textContent()).resolves.toContain('Маркетплейс');
  await shot(page, 'marketplace');
});

it('refuses a taken address next to the field', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const other = await context.newPage();
  await other.goto(`${origin()}/signup`);
  await other.getByTestId('signup-name').fill('Дубль');
  await other.getByTestId('signup-slug').fill(slug);
  await other.getByTestId('signup-admin-name').fill('Хтось');
  await other.getByTestId('signup-email').fill(`x@${slug}.test`);
  await other.getByTestId('signup-password').fill('browser-password-1');
  await other.getByTestId('signup-submit').click();
  await other.getByTestId('error-slug').waitFor();
  await other.screenshot({ path: join(ROOT, 'tests/browser/output/portal/slug-taken.png') });
  await context.close();
});

it('installs a plugin: the plan first, then a progress bar, then it is installed', async () => {
  await byId('plugin-install-load-balancer').click();
  await byId('install-plan').waitFor();
  await expect(byId('install-plan-summary').textContent()).resolves.toBeTruthy();
  await shot(page, 'install-plan');
  await byId('install-confirm').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="install-progress"]') || document.querySelector('[data-testid="plugin-uninstall-load-balancer"]'), null, { timeout: 30_000 });
  await byId('plugin-uninstall-load-balancer').waitFor();
  await shot(page, 'installed');
});

it('switches the interface language', async () => {
  await byId('lang-switch').selectOption('en');
  await expect(byId('page-title').textContent()).resolves.toContain('Marketplace');
  await shot(page, 'english');
  await byId('lang-switch').selectOption('ru');
  await expect(byId('page-title').textContent()).resolves.toContain('Маркетплейс');
  await shot(page, 'russian');
  expect(errors).toEqual([]);
});
