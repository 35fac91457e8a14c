import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import type { FakeCall } from '../../testing/fake-fetch';
import { DealTasksComponent } from './deal-tasks.component';
import type { TaskChange } from './tasks.types';

const TASK = {
  id: 't1',
  code: null,
  title: 'Approve the offer',
  description: null,
  assigneeId: 'u1',
  dueAt: '2099-01-01T10:00:00Z',
  dealId: 'd1',
  status: 'open',
  resultOptions: ['Approved', 'Rejected'],
  result: null,
  comment: null,
  estimateMinutes: null,
  createdBy: 'automation',
  creatorId: null,
  completedAt: null,
  createdAt: '',
  updatedAt: '',
};

@Component({
  imports: [DealTasksComponent],
  template: `<app-deal-tasks [dealId]="dealId()" dealTitle="Campaign" (changed)="changes.push($event)" />`,
})
class HostComponent {
  readonly dealId = signal('d1');
  readonly changes: TaskChange[] = [];
}

describe('DealTasksComponent', () => {
  jest.setTimeout(30_000);

  async function render() {
    localStorage.clear();
    const fake = fakeFetch({
      'GET /tasks?dealId=d1&status=open&limit=200': () => ({ body: { items: [TASK], nextCursor: null } }),
      'GET /users': () => ({ body: { items: [{ id: 'u1', name: 'Ivan' }] } }),
      'POST /tasks/t1/complete': (c: FakeCall) => ({ body: { ...TASK, status: 'done', result: (c.body as { result: string }).result } }),
      'POST /tasks': (c: FakeCall) => ({ status: 201, body: { ...TASK, id: 't2', resultOptions: [], ...(c.body as object) } }),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(HostComponent);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { root: fixture.nativeElement as HTMLElement, host: fixture.componentInstance, fake, step };
  }

  afterEach(() => TestBed.inject(OverlayContainer).ngOnDestroy());

  it('lists the deal’s open tasks and completes one with the chosen result, telling the card', async () => {
    const { root, host, fake, step } = await render();
    expect(byTestId(root, 'task-t1')?.textContent).toContain('Approve the offer');
    expect(byTestId(root, 'task-deal-t1')).toBeNull();
    expect(byTestId(root, 'task-creator-t1')?.textContent).toContain('Set by an automation');
    fill(root, 'task-result-t1', 'Approved');
    byTestId(root, 'task-complete-t1')?.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ result: 'Approved' });
    expect(byTestId(root, 'task-t1')).toBeNull();
    expect(byTestId(root, 'no-tasks')).not.toBeNull();
    expect(host.changes.map((c) => c.kind)).toEqual(['completed']);
  });

  it('sets a new task on the deal from the dialog', async () => {
    const { root, host, fake, step } = await render();
    byTestId(root, 'task-new')?.click();
    await step();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    expect(byTestId(overlay, 'task-new-deal-fixed')?.textContent).toContain('Campaign');
    expect(byTestId(overlay, 'task-new-deal')).toBeNull();
    fill(overlay, 'task-new-title', 'Send the contract');
    fill(overlay, 'task-new-due', '2099-01-02T10:00');
    byTestId(overlay, 'task-new-submit')?.click();
    await step();
    const post = fake.calls.find((c) => c.method === 'POST' && c.url.endsWith('/tasks')) as FakeCall;
    expect(post.body).toMatchObject({ title: 'Send the contract', assigneeId: 'u1', dealId: 'd1' });
    expect((post.body as { dueAt: string }).dueAt).toMatch(/^2099-01-02T10:00:00[+-]\d{2}:\d{2}$/);
    expect(byTestId(root, 'task-t2')?.textContent).toContain('Send the contract');
    expect(host.changes.map((c) => c.kind)).toEqual(['created']);
  });
});
