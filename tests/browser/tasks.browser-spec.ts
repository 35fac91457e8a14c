import type { Browser, Page } from 'playwright-core';
import { launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * "My tasks" in a real browser: three tasks of the signed-in user (overdue, today, upcoming with result
 * options) grouped by the portal's day in Kyiv; one completed with a result; a deadline moved, where the
 * reason is required; the move on the task's history. Screenshots of each step are saved.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
const ids = { overdue: '', today: '', upcoming: '' };
const shot = screenshots('tasks');

const call = (method: string, path: string, body?: unknown): Promise<any> => apiCall(server.app.url, token, method, path, body);

/** Milliseconds left of today in Kyiv. */
function leftOfKyivDay(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Kyiv', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(now);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return (24 * 3600 - (n('hour') * 3600 + n('minute') * 60 + n('second'))) * 1000;
}

beforeAll(async () => {
  server = await startBrowserApp();
  const slug = `tasks-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Агенція', slug, locale: 'uk', timezone: 'Europe/Kyiv', admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Марина' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'browser-password-1' })).accessToken;
  const me = await call('GET', '/me');
  await call('POST', '/pipelines', { code: 'sales', name: 'Продажі', stages: [{ code: 'new', name: 'Нова' }, { code: 'won', name: 'Успіх', kind: 'won' }, { code: 'lost', name: 'Провал', kind: 'lost' }] });
  const dealId = (await call('POST', '/deals', { title: 'Кампанія для кав’ярні', pipeline: 'sales' })).id;
  const now = Date.now();
  const task = (title: string, dueAt: number, extra: object = {}) => call('POST', '/tasks', { title, assigneeId: me.id, dueAt: new Date(dueAt).toISOString(), dealId, ...extra });
  ids.overdue = (await task('Надіслати комерційну пропозицію', now - 3 * 3600_000)).id;
  ids.today = (await task('Зателефонувати клієнту', now + Math.min(30 * 60_000, leftOfKyivDay(new Date(now)) / 2))).id;
  ids.upcoming = (await task('Погодити бриф', now + 3 * 86_400_000, { resultOptions: ['Погоджено', 'Не погоджено'] })).id;
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1280, height: 900 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id: string) => page.getByTestId(id);
const origin = () => server.origin;
const text = async (id: string) => ((await byId(id).textContent()) ?? '').trim();

it('opens My tasks from the top bar: overdue, today and upcoming with counts', async () => {
  await page.goto(`${origin()}/deals`);
  await byId('nav-tasks').click();
  await page.waitForURL(/\/tasks$/);
  await byId(`task-${ids.upcoming}`).waitFor();
  expect(await text('tasks-count-overdue')).toBe('1');
  expect(await text('tasks-count-today')).toBe('1');
  expect(await text('tasks-count-upcoming')).toBe('1');
  await expect(byId('tasks-section-overdue').textContent()).resolves.toContain('Надіслати комерційну пропозицію');
  await expect(byId(`task-deal-${ids.today}`).textContent()).resolves.toContain('Кампанія для кав’ярні');
  await shot(page, 'sections');
});

it('completes the upcoming task with a result', async () => {
  await byId(`task-complete-${ids.upcoming}`).click();
  await byId(`task-result-error-${ids.upcoming}`).waitFor();
  await shot(page, 'result-required');
  await byId(`task-result-${ids.upcoming}`).selectOption('Погоджено');
  await byId(`task-comment-${ids.upcoming}`).fill('Клієнт погодив без правок');
  await byId(`task-complete-${ids.upcoming}`).click();
  await byId(`task-${ids.upcoming}`).waitFor({ state: 'detached' });
  await byId('tasks-done-toggle').click();
  await page.locator(`[data-testid="tasks-section-done"] [data-testid="task-outcome-${ids.upcoming}"]`).waitFor();
  await expect(byId(`task-outcome-${ids.upcoming}`).textContent()).resolves.toContain('Погоджено');
  expect(await byId('tasks-section-upcoming').count()).toBe(0);
  await shot(page, 'completed');
});

it('moves the overdue deadline to tomorrow: the reason is required, then kept in the history', async () => {
  await byId(`task-move-${ids.overdue}`).click();
  await byId('task-move-dialog').waitFor();
  await byId('task-move-quick-tomorrow').click();
  await byId('task-move-submit').click();
  await byId('task-move-comment-error').waitFor();
  await expect(byId('task-move-comment-error').textContent()).resolves.toContain('коментар обов’язковий');
  await shot(page, 'move-comment-required');
  await byId('task-move-comment').fill('Клієнт у відпустці до завтра');
  await byId('task-move-submit').click();
  await byId('task-move-dialog').waitFor({ state: 'detached' });
  await page.locator(`[data-testid="tasks-section-upcoming"] [data-testid="task-${ids.overdue}"]`).waitFor();
  expect(await byId('tasks-section-overdue').count()).toBe(0);
  await byId(`task-history-toggle-${ids.overdue}`).click();
  await page.locator(`[data-testid="task-history-${ids.overdue}"] [data-testid="task-history-entry"]`).nth(1).waitFor();
  await expect(byId(`task-history-${ids.overdue}`).textContent()).resolves.toContain('Клієнт у відпустці до завтра');
  await shot(page, 'moved');
  expect(errors).toEqual([]);
});
