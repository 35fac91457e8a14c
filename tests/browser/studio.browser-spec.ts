import type { Browser, Page } from 'playwright-core';
import { launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * The digital studio's portal UI: installed from the marketplace, a head tracks time on a project task with the
 * top bar's timer and in "My time", and the project's deal card shows the figures change and the amber alert
 * appear once the margin falls below the threshold; leadership's report flags the project.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
let slug = '';
let adminId = '';
let dealId = '';
let taskId = '';
const shot = screenshots('studio');

const call = (method: string, path: string, body?: unknown, as = token): Promise<any> => apiCall(server.app.url, as, method, path, body);

const byId = (id: string) => page.getByTestId(id);
/** Intl puts (narrow) no-break spaces in money: compare with plain spaces. */
const text = async (id: string) => ((await byId(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  server = await startBrowserApp();
  slug = `ds-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Студія «Піксель»', slug, locale: 'uk', timezone: 'Europe/Kyiv', admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Олена Коваль' } });
  const login = await call('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'browser-password-1' }, '');
  token = login.accessToken;
  adminId = login.user.id;
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1440, height: 900 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('installs the studio from the marketplace: its timer, menu and pages appear', async () => {
  await page.goto(`${server.origin}/marketplace`);
  await byId('plugin-install-digital-studio').click();
  await byId('install-confirm').click();
  await byId('nav-plugin-studio/my-time').waitFor();
  await byId('ds-timer-start').waitFor();
  expect(await byId('nav-plugin-studio/projects').count()).toBe(1);
  await shot(page, 'installed');

  // A project: budget 10 000.00, a two-hour task for me, and my cost of 5 000.00 an hour, so that
  // 97 minutes or more leave less than 20 % margin (the warning threshold).
  const validFrom = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await call('PUT', `/users/${adminId}/cost-rate`, { hourlyCost: '5000.00', currency: 'UAH', validFrom });
  dealId = (await call('POST', '/deals', { title: 'Сайт «Кав’ярня на розі»', pipeline: 'studio_projects', stage: 'development', budget: '10000.00', responsibleId: adminId })).id;
  taskId = (await call('POST', '/tasks', { title: 'Верстка головної сторінки', assigneeId: adminId, dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), dealId, estimateMinutes: 120 })).id;
});

it('starts the timer on a task from the top bar, ticks, and stops into an entry', async () => {
  await page.goto(`${server.origin}/dashboard`);
  await byId('ds-timer-start').click();
  await byId('ds-timer-panel').waitFor();
  await byId(`ds-timer-task-${taskId}`).waitFor();
  await shot(page, 'timer-pick');
  await byId(`ds-timer-task-${taskId}`).click();
  await byId('ds-timer-elapsed').waitFor();
  expect(await text('ds-timer-title')).toBe('Верстка головної сторінки');
  const first = await text('ds-timer-elapsed');
  expect(first).toMatch(/^0:00:0\d$/);
  await page.waitForFunction((before) => document.querySelector('[data-testid="ds-timer-elapsed"]')?.textContent?.trim() !== before, first, { timeout: 5000 });
  await shot(page, 'timer-running');

  await byId('ds-timer-stop').click();
  await byId('ds-timer-logged').waitFor();
  expect(await text('ds-timer-logged')).toContain('0:01');
  expect(await byId('ds-timer-start').isVisible()).toBe(true);
  await shot(page, 'timer-stopped');
});

it('shows the project’s figures on its deal card, without an alert yet', async () => {
  await page.goto(`${server.origin}/deals/${dealId}`);
  await byId('ds-profit').waitFor();
  expect(await text('ds-profit-revenue')).toBe('10 000,00 грн');
  expect(await text('ds-profit-labor')).toBe('83,33 грн');
  expect(await text('ds-profit-gp')).toBe('9 916,67 грн');
  expect(await text('ds-profit-hours')).toContain('0:01 / 2:00');
  await byId('ds-profit-ok').waitFor();
  await byId('ds-profit-chart').waitFor();
  await shot(page, 'deal-card-before');
});

it('logs time in "My time", and the deal card turns amber', async () => {
  await byId('nav-plugin-studio/my-time').click();
  await byId('ds-mytime-grid').waitFor();
  const row = `t:${taskId}`;
  await byId(`ds-mytime-row-total-${row}`).waitFor();
  expect(await text(`ds-mytime-row-total-${row}`)).toBe('0:01');
  // Today's cell: the last one of the row that is not in the future.
  await page.locator(`[data-testid^="ds-mytime-cell-${row}-"]:not([disabled])`).last().click();
  await byId('ds-entry-editor').waitFor();
  await byId('ds-entry-minutes').fill('1:40');
  await byId('ds-entry-note').fill('Адаптивна верстка');
  await shot(page, 'my-time-entry');
  await byId('ds-entry-add').click();
  await byId('ds-entry-editor').waitFor({ state: 'detached' });
  await page.waitForFunction((id) => document.querySelector(`[data-testid="ds-mytime-row-total-${id}"]`)?.textContent?.trim() === '1:41', row);
  expect(await text('ds-mytime-total')).toBe('1:41');
  await shot(page, 'my-time');

  await page.goto(`${server.origin}/deals/${dealId}`);
  await byId('ds-profit').waitFor();
  await byId('ds-profit-alert-margin').waitFor();
  expect(await byId('ds-profit-alert-margin').getAttribute('data-level')).toBe('warning');
  // Each entry is costed and rounded on its own: 83.33 + 8 333.33.
  expect(await text('ds-profit-labor')).toBe('8 416,66 грн');
  expect(await text('ds-profit-gp')).toBe('1 583,34 грн');
  expect(await text('ds-profit-margin')).toBe('15,83 %');
  expect(await text('ds-profit-alert-margin')).toContain('нижча за поріг 20 %');
  await shot(page, 'deal-card-alert');
});

it('flags the project amber in the leadership report', async () => {
  await byId('nav-plugin-studio/projects').click();
  await byId(`ds-report-row-${dealId}`).waitFor();
  expect(await byId(`ds-report-row-${dealId}`).getAttribute('data-flag')).toBe('warning');
  await byId('ds-report-chart').waitFor();
  await shot(page, 'report');
  expect(errors).toEqual([]);
});
