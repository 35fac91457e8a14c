import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import type { FakeCall } from '../../../testing/fake-fetch';
import { AutomationsPage } from './automations.page';
import { TestClockPage } from './test-clock.page';

jest.setTimeout(30_000);

const ME = { id: 'u1', email: 'a@b.c', name: 'Boss', roles: ['admin'], portal: { id: 'p', slug: 'acme', name: 'Acme', locale: 'en', timezone: 'UTC', sandbox: true } };
const PIPELINES = [
  {
    id: 'p1',
    code: 'warm',
    name: 'Warm clients',
    stages: [
      { id: 's1', code: 'new', name: 'New', position: 0, kind: 'open' },
      { id: 's2', code: 'brief', name: 'Brief', position: 1, kind: 'open' },
    ],
  },
];
const SIMPLE = {
  id: 'r1',
  pluginId: null,
  code: 'remind',
  name: 'Remind',
  enabled: true,
  trigger: { type: 'stage.entered', pipeline: 'warm', stage: 'brief' },
  delay: { days: 1 },
  conditions: [],
  actions: [{ type: 'task.create', title: 'Call', assignee: 'responsible' }],
  repeat: null,
};
const REPEATING = { ...SIMPLE, id: 'r2', code: 'autocall', name: 'Auto call', pluginId: 'agency', repeat: { everyMinutes: 60 } };
const VALIDATION = {
  status: 400,
  body: { statusCode: 400, error: 'validation_failed', message: 'Validation failed', details: [{ field: 'actions[0].title', message: 'is required' }, { field: 'repeat.everyMinutes', message: 'must be a whole number of minutes between 5 and 10080' }] },
};

async function setup(routes: Record<string, (c: FakeCall) => { status?: number; body?: unknown }>, component: Type<unknown> = AutomationsPage) {
  localStorage.clear();
  const fake = fakeFetch({
    'GET /me': () => ({ body: ME }),
    'GET /automations': () => ({ body: { items: [SIMPLE, REPEATING], nextCursor: null } }),
    'GET /automations/types': () => ({ body: { triggers: ['deal.created', 'stage.entered', 'stage.left'], actions: ['task.create', 'message.send', 'field.set'] } }),
    'GET /pipelines': () => ({ body: PIPELINES }),
    'GET /users?limit=200': () => ({ body: [{ id: 'u1', name: 'Boss' }] }),
    'GET /fields?entity=deal': () => ({ body: [] }),
    'GET /deals*': () => ({ body: { items: [{ id: 'd1', title: 'Coffee shop' }], nextCursor: null } }),
    ...routes,
  });
  (globalThis as { fetch: unknown }).fetch = fake.fetch;
  TestBed.configureTestingModule({ imports: [component], providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
  TestBed.inject(I18nService).choose('en');
  TestBed.inject(ApiService).setToken('tok');
  await TestBed.inject(SessionService).load();
  const fixture = TestBed.createComponent(component);
  const step = async () => {
    await settle(10);
    await fixture.whenStable();
  };
  await step();
  return { root: fixture.nativeElement as HTMLElement, fake, step };
}

const click = (root: HTMLElement, id: string) => {
  const el = byTestId(root, id);
  if (!el) throw new Error(`no ${id}`);
  el.click();
};

describe('AutomationsPage', () => {
  it('lists rules in words: trigger, delay, actions, source, on/off', async () => {
    const { root } = await setup({});
    expect(byTestId(root, 'rule-trigger-remind')?.textContent).toContain('The deal enters «Brief» (Warm clients)');
    expect(byTestId(root, 'rule-delay-remind')?.textContent).toContain('after 1 day');
    expect(byTestId(root, 'rule-source-remind')?.textContent).toContain('administrator');
    expect(byTestId(root, 'rule-source-autocall')?.textContent).toContain('plugin agency');
  });

  it('a rule the form cannot show opens as JSON with a note naming the part', async () => {
    const { root, step } = await setup({});
    click(root, 'rule-edit-autocall');
    await step();
    expect(byTestId(root, 'json-only-note')?.textContent).toContain('repeat');
    expect(byTestId(root, 'rule-json')).not.toBeNull();
    // Back to the form is refused while the rule has a repeat.
    click(root, 'mode-form');
    await step();
    expect(byTestId(root, 'rule-json')).not.toBeNull();
  });

  it('switching form → JSON → form keeps the rule, edits included', async () => {
    const { root, step } = await setup({});
    click(root, 'rule-edit-remind');
    await step();
    fill(root, 'rule-name', 'Remind again');
    await step();
    click(root, 'mode-json');
    await step();
    const json = JSON.parse((byTestId(root, 'rule-json') as HTMLTextAreaElement).value);
    expect(json).toEqual({ ...SIMPLE, id: undefined, pluginId: undefined, repeat: undefined, name: 'Remind again', conditions: [] } as unknown as object);
    fill(root, 'rule-json', JSON.stringify({ ...json, delay: { businessDays: 2, at: '10:00' } }));
    await step();
    click(root, 'mode-form');
    await step();
    expect((byTestId(root, 'rule-name') as HTMLInputElement).value).toBe('Remind again');
    expect((byTestId(root, 'delay-unit') as HTMLSelectElement).value).toBe('businessDays');
    expect((byTestId(root, 'delay-amount') as HTMLInputElement).value).toBe('2');
  });

  it('the API 400 is placed next to the control in the form, and listed with its path in JSON', async () => {
    let sent: unknown = null;
    const { root, step } = await setup({
      'PATCH /automations/r1': (c) => {
        sent = c.body;
        return VALIDATION;
      },
    });
    click(root, 'rule-edit-remind');
    await step();
    fill(root, 'actions-0-title', '');
    await step();
    click(root, 'rule-save');
    await step();
    expect((sent as { actions: unknown[] }).actions[0]).toEqual({ type: 'task.create', assignee: 'responsible' });
    expect(byTestId(root, 'rule-error-actions-0-title')?.textContent).toBe('is required');
    expect(byTestId(root, 'rule-error')?.textContent?.replace(/\s+/g, ' ')).toContain('Repeat → every, minutes (repeat.everyMinutes)');
    click(root, 'mode-json');
    await step();
    click(root, 'rule-save');
    await step();
    const items = Array.from(root.querySelectorAll('[data-testid="rule-problem"]')).map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toBe('Action 1 (Create a task) → Title (actions[0].title): is required');
  });

  it('a JSON error is shown at its line and nothing is sent', async () => {
    const { root, step, fake } = await setup({});
    click(root, 'rule-edit-remind');
    await step();
    click(root, 'mode-json');
    await step();
    fill(root, 'rule-json', '{\n  "code": "remind",\n  "name": \n}');
    click(root, 'rule-save');
    await step();
    expect(byTestId(root, 'json-parse-error')?.textContent).toContain('line 4');
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('dry run sends the deal and shows the verdict', async () => {
    const { root, step, fake } = await setup({
      'POST /automations/r1/dry-run': () => ({
        body: { wouldRun: false, reasons: ['the deal left the stage "brief" (now in "new")'], firesAt: '2025-05-02T10:00:00.000Z', now: '2025-05-01T10:00:00.000Z', scheduled: [], conditions: [], actions: [{ type: 'task.create', description: 'create the task "Call" for responsible', ok: true }] },
      }),
    });
    click(root, 'rule-edit-remind');
    await step();
    fill(root, 'dry-run-deal', 'd1');
    await step();
    click(root, 'dry-run');
    await step();
    expect(fake.calls.find((c) => c.url.endsWith('/dry-run'))?.body).toEqual({ dealId: 'd1' });
    expect(byTestId(root, 'dry-run-result')?.textContent).toContain('the deal left the stage “brief” (it is now in “new”)');
  });

  it('deletes only after confirmation', async () => {
    const { root, step, fake } = await setup({ 'DELETE /automations/r1': () => ({ status: 204 }) });
    click(root, 'rule-delete-remind');
    await step();
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(false);
    click(root, 'rule-delete-yes-remind');
    await step();
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(true);
    expect(byTestId(root, 'rule-row-remind')).toBeNull();
  });
});

describe('TestClockPage', () => {
  it('explains a live portal (404)', async () => {
    const { root } = await setup({ 'GET /test-clock': () => ({ status: 404, body: { statusCode: 404, error: 'not_found', message: 'Test clock not found' } }) }, TestClockPage);
    expect(byTestId(root, 'clock-live')?.textContent).toContain('real time');
  });

  it('advances by a day and says what ran', async () => {
    const { root, step, fake } = await setup(
      {
        'GET /test-clock': () => ({ body: { now: '2025-05-01T10:00:00.000Z' } }),
        'POST /test-clock/advance': () => ({ body: { now: '2025-05-02T10:00:00.000Z', fired: 2 } }),
      },
      TestClockPage,
    );
    click(root, 'clock-plus-day');
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ days: 1 });
    expect(byTestId(root, 'clock-done')?.textContent).toContain('2 timers fired.');
    expect(byTestId(root, 'clock-now')?.textContent).toContain('May 2');
  });
});
