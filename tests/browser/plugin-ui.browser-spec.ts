import type { Browser, Page } from 'playwright-core';
import { launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * Plugin UI through libs/portal-kit: before the load-balancer is installed the portal shows none of its UI
 * and its address leads home; installed, its "Team load" menu item, page and dashboard widget appear for
 * an admin, and not for a manager.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
let slug = '';
const shot = screenshots('plugin-ui');

const call = (method: string, path: string, body?: unknown, as = token): Promise<any> => apiCall(server.app.url, as, method, path, body);

async function signIn(email: string): Promise<string> {
  return (await call('POST', '/auth/login', { portal: slug, email, password: 'browser-password-1' }, '')).accessToken;
}

beforeAll(async () => {
  server = await startBrowserApp();
  slug = `lb-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Студія', slug, locale: 'uk', admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Олена' } });
  token = await signIn(`a@${slug}.test`);
  const dept = await call('POST', '/departments', { name: 'Продажі' });
  const ids: string[] = [];
  for (const [i, name] of ['Іван', 'Марта', 'Петро'].entries()) {
    ids.push((await call('POST', '/users', { email: `m${i}@${slug}.test`, name, password: 'browser-password-1', roles: ['manager'], departmentId: dept.id })).id);
  }
  await call('POST', '/pipelines', { code: 'sales', name: 'Продажі', stages: [{ code: 'new', name: 'Нова' }, { code: 'won', name: 'Успіх', kind: 'won' }] });
  for (let i = 0; i < 3; i++) await call('POST', '/deals', { title: `Угода ${i + 1}`, pipeline: 'sales', responsibleId: ids[0] });
  await call('POST', '/deals', { title: 'Угода 4', pipeline: 'sales', responsibleId: ids[1] });
  await call('POST', '/tasks', { title: 'Підготувати КП', assigneeId: ids[1], dueAt: new Date(Date.now() + 86_400_000).toISOString(), estimateMinutes: 60 });
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1440, height: 900 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id: string) => page.getByTestId(id);

it('shows no plugin UI before the plugin is installed', async () => {
  await page.goto(`${server.origin}/dashboard`);
  await byId('dashboard-empty').waitFor();
  expect(await byId('nav-plugin-load-balancer/loads').count()).toBe(0);
  await page.goto(`${server.origin}/load-balancer/loads`);
  await page.waitForURL((url) => !url.pathname.startsWith('/load-balancer'));
  await shot(page, 'not-installed');
});

it('adds the Team load menu item, page and dashboard widget once installed', async () => {
  await page.goto(`${server.origin}/marketplace`);
  await byId('plugin-install-load-balancer').click();
  await byId('install-confirm').click();
  await byId('nav-plugin-load-balancer/loads').waitFor();
  await shot(page, 'installed');

  await byId('nav-plugin-load-balancer/loads').click();
  await byId('lb-loads').waitFor();
  expect(await byId('page-title').textContent()).toContain('Навантаження команди');
  expect(await page.locator('[data-testid^="lb-row-"]').count()).toBe(4);
  // Least loaded first: the admin and Петро have nothing open, Іван with three deals is last.
  expect(await page.locator('[data-testid^="lb-row-"]').last().textContent()).toContain('Іван');
  await shot(page, 'loads');

  await byId('nav-dashboard').click();
  await byId('plugin-widget-team-load').waitFor();
  await page.locator('[data-testid="lb-widget-row"]').first().waitFor();
  await shot(page, 'dashboard');
  expect(errors).toEqual([]);
});

it('keeps it from a manager, whom the plugin does not show it to', async () => {
  const managerToken = await signIn(`m0@${slug}.test`);
  const { context: other, page: managerPage } = await signedInPage(browser, managerToken);
  await managerPage.goto(`${server.origin}/dashboard`);
  await managerPage.getByTestId('dashboard-empty').waitFor();
  expect(await managerPage.getByTestId('nav-plugin-load-balancer/loads').count()).toBe(0);
  await other.close();
});
