import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { of } from 'rxjs';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import type { FakeCall } from '../../testing/fake-fetch';
import { providePluginUi } from '../../plugins/portal-host';
import { DealCardPage } from './deal-card.page';

jest.setTimeout(30_000);

const DEAL = {
  id: 'd1',
  title: 'Campaign for Acme',
  pipeline: { id: 'p1', code: 'warm' },
  stage: { id: 's2', code: 'brief', kind: 'open' },
  budget: '1500.00',
  currency: 'UAH',
  responsibleId: 'u1',
  fields: { pay_type: 'Prepaid', bloggers: [{ blogger: 'Buzova', platform: 'Instagram' }] },
  tags: ['A'],
  contactIds: [],
  companyId: null,
  createdAt: '',
  updatedAt: '',
};

describe('DealCardPage', () => {
  let timeline: unknown[];
  let completeAnswer: { status?: number; body?: unknown };
  let completed = false;

  async function render() {
    localStorage.clear();
    timeline = [
      { id: 'e1', kind: 'stage_moved', data: { from: { stageName: 'New' }, to: { stageName: 'Brief' } }, actorId: 'u1', createdAt: '2026-12-01T10:00:00Z' },
      { id: 'e2', kind: 'note', data: { text: 'Key client', pinned: true }, actorId: 'u1', createdAt: '2026-11-30T10:00:00Z' },
      { id: 'e3', kind: 'automation_run', data: { ruleName: 'Letters', status: 'skipped', reason: 'no e-mail' }, actorId: null, createdAt: '2026-11-29T10:00:00Z' },
    ];
    completeAnswer = { body: {} };
    completed = false;
    const fake = fakeFetch({
      'GET /deals/d1': () => ({ body: DEAL }),
      'GET /pipelines': () => ({ body: [{ id: 'p1', code: 'warm', name: 'Warm', stages: [{ id: 's2', code: 'brief', name: 'Brief', position: 1, kind: 'open' }] }] }),
      'GET /fields?entity=deal': () => ({
        body: [
          { code: 'pay_type', name: 'Payment type', type: 'enum', options: ['Prepaid'] },
          { code: 'bloggers', name: 'Services', type: 'group', repeatable: true, fields: [{ code: 'blogger', name: 'Blogger', type: 'string' }, { code: 'platform', name: 'Platform', type: 'enum' }] },
        ],
      }),
      'GET /users?limit=200': () => ({ body: { items: [{ id: 'u1', name: 'Ivan' }] } }),
      'GET /deals/d1/timeline*': () => ({ body: { items: timeline, nextCursor: null } }),
      'GET /tasks?dealId=d1*': (c: FakeCall) => ({
        body: { items: completed || c.url.includes('status=done') ? [] : [{ id: 't1', title: 'Approve the offer', assigneeId: 'u1', dueAt: null, dealId: 'd1', status: 'open', resultOptions: ['Approved', 'Rejected'], result: null }] },
      }),
      'POST /deals/d1/notes': (c: FakeCall) => {
        timeline = [{ id: 'e4', kind: 'note', data: c.body as object, actorId: 'u1', createdAt: '2026-12-01T11:00:00Z' }, ...timeline];
        return { status: 201, body: {} };
      },
      'POST /tasks/t1/complete': () => {
        completed = (completeAnswer.status ?? 200) < 300;
        return completeAnswer;
      },
      'GET /deals/d1/files*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /marketplace/ui': () => ({ body: [] }),
      'PATCH /deals/d1': (c: FakeCall) => {
        timeline = [{ id: 'e5', kind: 'field_changed', data: { field: 'budget', from: '1500.00', to: '2000.00' }, actorId: 'u1', createdAt: '2026-12-01T12:00:00Z' }, ...timeline];
        return { body: { ...DEAL, ...(c.body as object) } };
      },
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [DealCardPage],
      providers: [
        provideRouter([]),
        providePluginUi(),
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'd1' })) } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(DealCardPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { root: fixture.nativeElement as HTMLElement, fake, step };
  }

  afterEach(() => TestBed.inject(OverlayContainer).ngOnDestroy());

  it('shows the fields with their names and the timeline in words, pinned notes first', async () => {
    const { root } = await render();
    expect(byTestId(root, 'deal-title')?.textContent).toBe('Campaign for Acme');
    expect(byTestId(root, 'deal-stage')?.textContent).toContain('Warm → Brief');
    expect(byTestId(root, 'deal-responsible')?.textContent).toBe('Ivan');
    expect(byTestId(root, 'deal-field-pay_type')?.textContent?.trim()).toBe('Prepaid');
    expect(byTestId(root, 'deal-field-bloggers')?.textContent?.trim()).toBe('Blogger: Buzova; Platform: Instagram');
    const entries = Array.from(root.querySelectorAll('[data-testid="timeline-entry"]'));
    expect(entries.map((e) => e.getAttribute('data-kind'))).toEqual(['note', 'stage_moved', 'automation_run']);
    expect(entries[0].textContent).toContain('Pinned note: Key client');
    expect(entries[2].textContent).toContain('Automation rule “Letters” was skipped. Why: no e-mail');
  });

  it('edits the fields in place: only the change is sent, the timeline reloads', async () => {
    const { root, fake, step } = await render();
    expect(byTestId(root, 'no-files')).not.toBeNull();
    expect(byTestId(root, 'no-company')).not.toBeNull();
    byTestId(root, 'deal-edit')!.click();
    await step();
    expect((byTestId(root, 'edit-title') as HTMLInputElement).value).toBe('Campaign for Acme');
    expect((byTestId(root, 'edit-field-bloggers-0-blogger') as HTMLInputElement).value).toBe('Buzova');
    fill(root, 'edit-budget', '2000');
    byTestId(root, 'edit-save')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ budget: '2000' });
    expect(byTestId(root, 'deal-editor')).toBeNull();
    expect(byTestId(root, 'deal-budget')?.textContent).toContain('2,000.00');
    expect(root.querySelector('[data-testid="timeline-entry"][data-kind="field_changed"]')).not.toBeNull();
  });

  it('adds a note, pinned, and shows it', async () => {
    const { root, fake, step } = await render();
    fill(root, 'note-text', 'Call on Friday');
    (byTestId(root, 'note-pinned') as HTMLInputElement).click();
    byTestId(root, 'note-submit')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ text: 'Call on Friday', pinned: true });
    expect(root.querySelector('[data-testid="timeline-entry"]')?.textContent).toContain('Call on Friday');
    expect((byTestId(root, 'note-text') as HTMLTextAreaElement).value).toBe('');
  });

  it('completes a task with its result; errors stay next to the task', async () => {
    const { root, fake, step } = await render();
    byTestId(root, 'task-complete-t1')!.click();
    await step();
    expect(byTestId(root, 'task-result-error-t1')?.textContent).toBe('Choose the result first.');
    expect(fake.calls.some((c) => c.url.includes('/complete'))).toBe(false);

    fill(root, 'task-result-t1', 'Approved');
    completeAnswer = { status: 400, body: { error: 'validation_failed', message: 'bad', details: [{ field: 'result', message: 'result must be one of: "Approved", "Rejected"' }] } };
    byTestId(root, 'task-complete-t1')!.click();
    await step();
    expect(byTestId(root, 'task-result-error-t1')?.textContent).toContain('Approved');

    completeAnswer = { body: { id: 't1', title: 'Approve the offer', assigneeId: 'u1', dueAt: null, dealId: 'd1', status: 'done', resultOptions: ['Approved', 'Rejected'], result: 'Approved' } };
    byTestId(root, 'task-complete-t1')!.click();
    await step();
    expect(fake.calls.filter((c) => c.url.includes('/complete')).pop()?.body).toEqual({ result: 'Approved' });
    expect(byTestId(root, 'task-t1')).toBeNull();
  });
});
