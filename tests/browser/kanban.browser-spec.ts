import type { Browser, Page } from 'playwright-core';
import { drag, launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * Seed 000's agency in a real browser: a deal dragged across the kanban into «Получение брифа», whose rules
 * ask for the brief and the bloggers (a repeatable group, «Добавить блогера»); the move on the deal's
 * timeline; a task completed with a result; the language switched. Screenshots of each step are saved.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
let dealId = '';
let taskId = '';
const shot = screenshots('kanban');

const call = (method: string, path: string, body?: unknown): Promise<any> => apiCall(server.app.url, token, method, path, body);

beforeAll(async () => {
  server = await startBrowserApp();
  const slug = `agency-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Агенція', slug, locale: 'uk', admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Марина' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'browser-password-1' })).accessToken;
  await call('POST', '/fields', { entity: 'deal', code: 'brief', name: 'Бриф', type: 'text' });
  await call('POST', '/fields', {
    entity: 'deal',
    code: 'bloggers',
    name: 'Блогери',
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'name', name: 'Блогер', type: 'string' },
      { code: 'reach', name: 'Охоплення', type: 'number' },
    ],
  });
  await call('POST', '/pipelines', {
    code: 'agency',
    name: 'Агенція',
    stages: [
      { code: 'new', name: 'Нова заявка' },
      { code: 'brief', name: 'Отримання брифу', rules: { requiredFields: ['brief', 'bloggers'] } },
      { code: 'offer', name: 'Комерційна пропозиція' },
      { code: 'won', name: 'Успішно', kind: 'won' },
      { code: 'lost', name: 'Провал', kind: 'lost' },
    ],
  });
  dealId = (await call('POST', '/deals', { title: 'Кампанія для кав’ярні', pipeline: 'agency', budget: '24000.00' })).id;
  taskId = (await call('POST', '/tasks', { title: 'Зателефонувати клієнту', assigneeId: (await call('GET', '/me')).id, dueAt: new Date(Date.now() + 86_400_000).toISOString(), dealId, resultOptions: ['Поговорив', 'Не відповів'] })).id;
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1440, height: 900 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id: string) => page.getByTestId(id);
const origin = () => server.origin;

it('shows the pipeline as a kanban with counts and sums', async () => {
  await page.goto(`${origin()}/deals?pipeline=agency`);
  await byId(`deal-card-${dealId}`).waitFor();
  await expect(byId('column-count-new').textContent()).resolves.toContain('1');
  await shot(page, 'kanban');
});

it('drags the deal into the brief stage: the dialog asks for the brief and the bloggers, then it moves', async () => {
  await drag(page, `deal-card-${dealId}`, 'kanban-column-brief');
  await byId('stage-rules-dialog').waitFor();
  await shot(page, 'rules-dialog');
  await byId('rule-field-brief').locator('textarea, input').first().fill('Запуск сезонного меню, молодь 18–25');
  await byId('rule-group-add-bloggers').click();
  await page.locator('[data-testid="stage-rules-dialog"] input').nth(0).waitFor();
  const inputs = page.locator('[data-testid="rule-field-bloggers"] input');
  await inputs.nth(0).fill('@kyiv_food');
  await inputs.nth(1).fill('120000');
  await shot(page, 'rules-filled');
  await byId('stage-rules-submit').click();
  await byId('stage-rules-dialog').waitFor({ state: 'detached' });
  await page.locator(`[data-testid="kanban-column-brief"] [data-testid="deal-card-${dealId}"]`).waitFor();
  await shot(page, 'moved');
});

it('shows the move on the deal card timeline and completes the task with a result', async () => {
  await byId(`deal-card-${dealId}`).click();
  await page.waitForURL(new RegExp(`/deals/${dealId}$`));
  await page.locator('[data-testid="timeline-entry"][data-kind="stage_moved"]').first().waitFor();
  await shot(page, 'deal-card');
  await byId(`task-result-${taskId}`).selectOption('Поговорив');
  await byId(`task-complete-${taskId}`).click();
  await page.locator('[data-testid="timeline-entry"][data-kind="task_completed"]').first().waitFor();
  await shot(page, 'task-done');
});

it('switches the language on the deal card', async () => {
  await byId('lang-switch').selectOption('en');
  await page.locator('[data-testid="timeline-entry"][data-kind="stage_moved"]').first().waitFor();
  await shot(page, 'english');
  expect(errors).toEqual([]);
});
