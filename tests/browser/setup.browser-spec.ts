import type { Browser, Page } from 'playwright-core';
import { launch, screenshots, startBrowserApp } from './support/browser';
import type { BrowserApp } from './support/browser';
import { apiCall, signedInPage } from './support/portal';

/**
 * An administrator sets the portal up in a real browser: custom deal fields (a text and a repeatable group
 * with two members), a new pipeline with three stages reordered by drag and drop, a stage that requires
 * those fields, the working hours and a company day off. Each step is checked through the API and
 * screenshotted.
 */

let server: BrowserApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
const year = new Date().getFullYear();
const shot = screenshots('setup');

const call = (method: string, path: string, body?: unknown): Promise<any> => apiCall(server.app.url, token, method, path, body);

beforeAll(async () => {
  server = await startBrowserApp();
  const slug = `setup-${Date.now().toString(36)}`;
  await call('POST', '/portals', { name: 'Студія', slug, locale: 'uk', timezone: 'Europe/Kyiv', admin: { email: `a@${slug}.test`, password: 'browser-password-1', name: 'Олена' } });
  token = (await call('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'browser-password-1' })).accessToken;
  browser = await launch();
  ({ page, errors } = await signedInPage(browser, token, { width: 1440, height: 1000 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byId = (id: string) => page.getByTestId(id);
const origin = () => server.origin;

/** A real mouse drag by the handle (CDK listens to pointer events), in small steps. */
async function drag(handle: string, onto: string) {
  const a = await byId(handle).boundingBox();
  const b = await byId(onto).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${handle} onto ${onto}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 - 8, { steps: 4 });
  await page.mouse.move(a.x + a.width / 2, b.y + 10, { steps: 20 });
  await page.waitForTimeout(150);
  await page.mouse.up();
}

it('creates custom deal fields: a text and a repeatable group with two members', async () => {
  await page.goto(`${origin()}/settings/fields`);
  await byId('fields-empty').waitFor();
  await shot(page, 'fields-empty');

  await byId('field-new').click();
  await byId('field-name').fill('Бриф');
  await byId('field-code').fill('brief');
  await byId('field-type').selectOption('text');
  await byId('field-save').click();
  await byId('field-row-brief').waitFor();

  await byId('field-new').click();
  await byId('field-name').fill('Блогери');
  await byId('field-code').fill('bloggers');
  await byId('field-type').selectOption('group');
  await byId('field-repeatable').check();
  await byId('member-name-0').fill('Блогер');
  await byId('member-code-0').fill('name');
  await byId('member-required-0').check();
  await byId('member-add').click();
  await byId('member-name-1').fill('Охоплення');
  await byId('member-code-1').fill('reach');
  await byId('member-type-1').selectOption('number');
  await shot(page, 'group-form');
  await byId('field-save').click();
  await byId('field-row-bloggers').waitFor();
  await shot(page, 'fields-created');

  const fields = await call('GET', '/fields?entity=deal');
  expect(fields.find((f: any) => f.code === 'brief')).toMatchObject({ name: 'Бриф', type: 'text' });
  expect(fields.find((f: any) => f.code === 'bloggers')).toMatchObject({
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'name', name: 'Блогер', type: 'string', required: true },
      { code: 'reach', name: 'Охоплення', type: 'number', required: false },
    ],
  });
});

it('creates a pipeline with three stages', async () => {
  await page.goto(`${origin()}/settings/pipelines`);
  await byId('pipeline-new').click();
  await byId('pipeline-create-name').fill('Агенція');
  await byId('pipeline-create-code').fill('agency');
  await byId('pipeline-create-stage-name-0').fill('Нова заявка');
  await byId('pipeline-create-stage-code-0').fill('new');
  await byId('pipeline-create-stage-name-1').fill('Отримання брифу');
  await byId('pipeline-create-stage-code-1').fill('brief');
  await byId('pipeline-create-stage-kind-1').selectOption('open');
  await byId('pipeline-create-stage-name-2').fill('Комерційна пропозиція');
  await byId('pipeline-create-stage-code-2').fill('offer');
  await byId('pipeline-create-stage-kind-2').selectOption('open');
  await shot(page, 'pipeline-create');
  await byId('pipeline-create-submit').click();
  await byId('pipeline-editor').waitFor();
  await byId('stage-offer').waitFor();
  await shot(page, 'pipeline-created');

  const p = await call('GET', '/pipelines/agency');
  expect(p.name).toBe('Агенція');
  expect(p.stages.map((s: any) => [s.code, s.name, s.kind])).toEqual([
    ['new', 'Нова заявка', 'open'],
    ['brief', 'Отримання брифу', 'open'],
    ['offer', 'Комерційна пропозиція', 'open'],
  ]);
});

it('reorders the stages by drag and drop and requires the custom fields on a stage', async () => {
  await drag('stage-handle-offer', 'stage-brief');
  await page.locator('.cdk-drag-preview').waitFor({ state: 'detached' });
  await expect(page.locator('[data-testid="stage-list"] > [data-stage-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).resolves.toEqual([
    'stage-new',
    'stage-offer',
    'stage-brief',
  ]);
  await shot(page, 'stages-reordered');

  await byId('stage-required-brief').click();
  await byId('required-option-brief').click();
  await byId('required-option-bloggers').click();
  await page.keyboard.press('Escape');
  await byId('stage-no-open-tasks-brief').check();
  await byId('stage-name-offer').fill('Комерційна пропозиція (КП)');
  await shot(page, 'stage-rules');
  await byId('pipeline-save').click();
  await byId('pipeline-saved').waitFor();
  await shot(page, 'pipeline-saved');

  const p = await call('GET', '/pipelines/agency');
  expect(p.stages.map((s: any) => s.code)).toEqual(['new', 'offer', 'brief']);
  expect(p.stages[1].name).toBe('Комерційна пропозиція (КП)');
  expect(p.stages[2].rules).toEqual({ requiredFields: ['brief', 'bloggers'], noOpenTasks: true });
});

it('edits the working hours and adds a company day off', async () => {
  await page.goto(`${origin()}/settings/calendar`);
  await byId('calendar-day-mon').waitFor();
  await expect(byId('calendar-timezone').textContent()).resolves.toContain('Europe/Kyiv');
  await shot(page, 'calendar');

  await byId('calendar-end-fri-0').fill('17:00');
  await byId('calendar-end-fri-0').press('Tab');
  await byId('calendar-working-sat').check();
  await byId('calendar-start-sat-0').fill('10:00');
  await byId('calendar-start-sat-0').press('Tab');
  await byId('calendar-end-sat-0').fill('14:00');
  await byId('calendar-end-sat-0').press('Tab');
  await byId('calendar-save').click();
  await byId('calendar-saved').waitFor();

  await byId('holiday-date').fill(`${year}-12-29`);
  await byId('holiday-name').fill('Корпоратив');
  await byId('holiday-add').click();
  await byId(`holiday-${year}-12-29`).waitFor();
  await byId(`holiday-${year}-12-29`).scrollIntoViewIfNeeded();
  await shot(page, 'calendar-saved');

  const cal = await call('GET', `/calendar?year=${year}`);
  expect(cal.workingHours.fri).toEqual([['10:00', '17:00']]);
  expect(cal.workingHours.sat).toEqual([['10:00', '14:00']]);
  expect(cal.workingHours.sun).toEqual([]);
  expect(cal.holidays).toContainEqual({ date: `${year}-12-29`, name: 'Корпоратив', source: 'portal' });
  expect(errors).toEqual([]);
});
