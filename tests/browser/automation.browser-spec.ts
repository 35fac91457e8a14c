import type { Browser, Page } from 'playwright-core';
import { launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * Automations on a sandbox portal, in a real browser: a rule made in the form ("the deal entered «Бриф» →
 * a task after 1 day"), seen in the list, edited as JSON; the deal moved through the API; the test clock
 * advanced one day in its panel; the run in the run log with its task. Screenshots of each step are saved.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
let dealId = '';
const shot = screenshots('automation');

const call = (method: string, path: string, body?: unknown): Promise<any> => apiCall(server.app.url, token, method, path, body);

beforeAll(async () => {
  server = await startBrowserApp();
  const slug = `auto-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Агенція', slug, locale: 'uk', timezone: 'Europe/Kyiv', sandbox: true, admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Марина' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'browser-password-1' })).accessToken;
  await call('POST', '/pipelines', {
    code: 'warm',
    name: 'Теплі клієнти',
    stages: [
      { code: 'new', name: 'Нова заявка' },
      { code: 'brief_wait', name: 'Очікування брифу' },
      { code: 'won', name: 'Успішно', kind: 'won' },
      { code: 'lost', name: 'Провал', kind: 'lost' },
    ],
  });
  dealId = (await call('POST', '/deals', { title: 'Кампанія для кав’ярні', pipeline: 'warm' })).id;
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1440, height: 1000 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id: string) => page.getByTestId(id);

it('creates a rule in the form: the deal enters the brief stage → a task after 1 day', async () => {
  await page.goto(`${server.origin}/settings/automations`);
  await byId('automations-empty').waitFor();
  await shot(page, 'empty-list');
  await byId('rule-new').click();
  await byId('rule-editor').waitFor();
  await byId('rule-name').fill('Нагадати про бриф');
  await byId('rule-code').fill('brief-reminder');
  await byId('trigger-type').selectOption('stage.entered');
  await byId('trigger-pipeline').selectOption('warm');
  await byId('trigger-stage').selectOption('brief_wait');
  await byId('delay-unit').selectOption('days');
  await byId('delay-amount').fill('1');
  await byId('actions-0-title').fill('Зателефонувати щодо брифу');
  await byId('actions-0-assignee').selectOption('responsible');
  await shot(page, 'form-filled');
  await byId('rule-save').click();
  await byId('rule-row-brief-reminder').waitFor();
  await expect(byId('rule-trigger-brief-reminder').textContent()).resolves.toContain('Очікування брифу');
  await expect(byId('rule-delay-brief-reminder').textContent()).resolves.toContain('1 день');
  await shot(page, 'list');
});

it('edits the rule as JSON: a parse error at its line, an API error naming the path, then saved', async () => {
  await byId('rule-edit-brief-reminder').click();
  await byId('rule-editor').waitFor();
  await byId('mode-json').click();
  const json = byId('rule-json');
  const text = await json.inputValue();
  const rule = JSON.parse(text);
  await json.fill(text.replace('"Зателефонувати щодо брифу"', '"Зателефонувати щодо брифу",'));
  await byId('rule-save').click();
  await byId('json-parse-error').waitFor();
  await shot(page, 'json-parse-error');
  rule.actions[0].title = '';
  await json.fill(JSON.stringify(rule, null, 2));
  await byId('rule-save').click();
  await byId('rule-problem').first().waitFor();
  await expect(byId('rule-error').textContent()).resolves.toContain('actions[0].title');
  await shot(page, 'json-api-error');
  rule.actions[0].title = 'Зателефонувати щодо брифу';
  rule.actions[0].code = 'call-brief';
  rule.name = 'Нагадати про бриф (JSON)';
  await json.fill(JSON.stringify(rule, null, 2));
  await byId('rule-save').click();
  await byId('rule-row-brief-reminder').waitFor();
  await expect(byId('rule-edit-brief-reminder').textContent()).resolves.toContain('(JSON)');
  await shot(page, 'list-after-json');
});

it('the deal moves through the API; the test clock advances a day; the run is in the log', async () => {
  await call('PATCH', `/deals/${dealId}`, { stage: 'brief_wait' });
  await page.goto(`${server.origin}/settings/test-clock`);
  await byId('clock-now').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="clock-now"]')?.textContent?.includes('…'));
  await shot(page, 'test-clock');
  await byId('clock-plus-day').click();
  await byId('clock-done').waitFor({ timeout: 60_000 });
  await shot(page, 'clock-advanced');
  await byId('clock-runs-link').click();
  await page.locator('[data-testid="run-row"][data-rule="brief-reminder"][data-status="done"]').first().waitFor();
  await shot(page, 'run-log');
  const tasks = await call('GET', `/tasks?dealId=${dealId}`);
  const list = Array.isArray(tasks) ? tasks : tasks.items;
  expect(list.some((t: { title: string }) => t.title === 'Зателефонувати щодо брифу')).toBe(true);
  // The one failed request is the rule saved without a title on purpose (the 400 shown in words above).
  expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
  expect(errors.filter((e) => e.includes('400 (Bad Request)'))).toHaveLength(1);
});
