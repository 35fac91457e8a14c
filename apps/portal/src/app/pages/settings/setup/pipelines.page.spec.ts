import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { CdkDragDrop } from '@angular/cdk/drag-drop';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import type { FakeCall } from '../../../testing/fake-fetch';
import { PipelinesSettingsPage } from './pipelines.page';

const PIPELINE = {
  id: 'p1',
  code: 'sales',
  name: { en: 'Sales', uk: 'Продажі', ru: 'Продажи' },
  archived: false,
  assignment: null,
  stages: [
    { id: 's1', code: 'new', name: 'New', position: 0, kind: 'open', rules: { requiredFields: [], noOpenTasks: false } },
    { id: 's2', code: 'offer', name: 'Offer', position: 1, kind: 'open', rules: { requiredFields: [], noOpenTasks: false, guards: ['np.ttn'] } },
    { id: 's3', code: 'won', name: 'Won', position: 2, kind: 'won', rules: { requiredFields: [], noOpenTasks: false } },
  ],
};

jest.setTimeout(30_000);

describe('PipelinesSettingsPage', () => {
  let patchAnswer: (c: FakeCall) => { status?: number; body?: unknown };

  async function render() {
    localStorage.clear();
    const fake = fakeFetch({
      'GET /pipelines?archived=true': () => ({ body: [PIPELINE] }),
      'GET /fields?entity=deal': () => ({ body: [{ id: 'f1', entity: 'deal', code: 'bloggers', name: 'Bloggers', type: 'group', required: false, repeatable: true, fields: [] }] }),
      'GET /departments': () => ({ body: { items: [{ id: 'd1', name: 'Sales team' }], nextCursor: null } }),
      'PATCH /pipelines/p1': (c) => patchAnswer(c),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [PipelinesSettingsPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(PipelinesSettingsPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { fixture, root: fixture.nativeElement as HTMLElement, fake, step, page: fixture.componentInstance };
  }

  const order = (root: HTMLElement) => Array.from(root.querySelectorAll('[data-stage-key]')).map((e) => e.getAttribute('data-testid'));

  it('shows the stages with their rules; a drop reorders them; an added stage and a required group field are saved in one PATCH', async () => {
    patchAnswer = (c) => {
      const body = c.body as { stages: Record<string, unknown>[] };
      return { body: { ...PIPELINE, stages: body.stages.map((s, i) => ({ id: (s['id'] as string) ?? `new${i}`, code: s['code'] ?? PIPELINE.stages.find((x) => x.id === s['id'])?.code, name: 'x', position: i, kind: s['kind'], rules: s['rules'] })) } };
    };
    const { root, fake, step, page } = await render();
    expect(order(root)).toEqual(['stage-new', 'stage-offer', 'stage-won']);
    expect(byTestId(root, 'stage-guards-offer')?.textContent).toContain('np.ttn');
    expect((byTestId(root, 'pipeline-name') as HTMLInputElement).value).toBe('Sales');
    expect((byTestId(root, 'pipeline-save') as HTMLButtonElement).disabled).toBe(true);

    page.drop({ previousIndex: 0, currentIndex: 1 } as CdkDragDrop<unknown>);
    await step();
    expect(order(root)).toEqual(['stage-offer', 'stage-new', 'stage-won']);

    fill(root, 'stage-add-name', 'Contract signed');
    (byTestId(root, 'stage-add') as HTMLButtonElement).click();
    await step();
    expect(order(root)).toEqual(['stage-offer', 'stage-new', 'stage-contract_signed', 'stage-won']);

    const key = root.querySelector('[data-testid="stage-new"]')?.getAttribute('data-stage-key') ?? '';
    (page as unknown as { stage: (k: string, c: object) => void }).stage(key, { requiredFields: ['bloggers', 'budget'] });
    (byTestId(root, 'stage-no-open-tasks-new') as HTMLInputElement).click();
    await step();
    expect(byTestId(root, 'pipeline-dirty')).not.toBeNull();

    (byTestId(root, 'pipeline-save') as HTMLButtonElement).click();
    await step();
    const patch = fake.calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      stages: [
        { id: 's2', kind: 'open', rules: { requiredFields: [], noOpenTasks: false } },
        { id: 's1', kind: 'open', rules: { requiredFields: ['bloggers', 'budget'], noOpenTasks: true } },
        { code: 'contract_signed', name: 'Contract signed', kind: 'open', rules: { requiredFields: [], noOpenTasks: false } },
        { id: 's3', kind: 'won', rules: { requiredFields: [], noOpenTasks: false } },
      ],
    });
    expect(byTestId(root, 'pipeline-saved')).not.toBeNull();
  });

  it("shows the API's validation errors next to the stage they name, and the assignment's in words", async () => {
    patchAnswer = () => ({
      status: 400,
      body: {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Validation failed',
        details: [
          { field: 'stages[1].rules.requiredFields[0]', message: '"ghost" is not a deal field' },
          { field: 'assignment.strategy', message: 'unknown assignment strategy "least-loaded" (known: round-robin)' },
        ],
      },
    });
    const { root, step } = await render();
    fill(root, 'pipeline-strategy', 'least-loaded');
    await step();
    (byTestId(root, 'pipeline-save') as HTMLButtonElement).click();
    await step();
    expect(byTestId(root, 'stage-error-offer')?.textContent).toContain('“ghost” is not a field of deals');
    expect(byTestId(root, 'stage-error-new')).toBeNull();
    expect(byTestId(root, 'pipeline-error-assignment')?.textContent).toContain('is not available on this portal (available: round-robin)');
  });

  it('refuses to save a stage without a name, before any request', async () => {
    patchAnswer = () => ({ body: PIPELINE });
    const { root, fake, step } = await render();
    fill(root, 'stage-name-won', ' ');
    await step();
    (byTestId(root, 'pipeline-save') as HTMLButtonElement).click();
    await step();
    expect(byTestId(root, 'stage-error-won')?.textContent).toContain('Enter a name');
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('puts back a removed stage that still holds deals, with the reason', async () => {
    patchAnswer = () => ({ status: 409, body: { statusCode: 409, error: 'stage_has_deals', message: 'x', details: [{ stage: 'offer', deals: 3 }] } });
    const { root, step } = await render();
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    (byTestId(root, 'stage-remove-offer') as HTMLButtonElement).click();
    await step();
    expect(order(root)).toEqual(['stage-new', 'stage-won']);
    (byTestId(root, 'pipeline-save') as HTMLButtonElement).click();
    await step();
    expect(order(root)).toEqual(['stage-new', 'stage-offer', 'stage-won']);
    expect(byTestId(root, 'stage-error-offer')?.textContent).toContain('still holds 3 deals');
    confirm.mockRestore();
  });
});
