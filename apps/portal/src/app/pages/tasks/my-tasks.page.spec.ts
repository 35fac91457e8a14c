import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import type { FakeCall } from '../../testing/fake-fetch';
import { MyTasksPage } from './my-tasks.page';
import type { TaskItem } from './tasks.types';

const ME = { id: 'u1', email: 'a@x.test', name: 'Marina', roles: ['admin'], portal: { id: 'p', slug: 'x', name: 'X', locale: 'en', timezone: 'Europe/Kyiv' } };
// 1 Dec 2026, 20:00 UTC = 22:00 in Kyiv.
const NOW = new Date('2026-12-01T20:00:00Z');

function task(id: string, dueAt: string | null, extra: Partial<TaskItem> = {}): TaskItem {
  return {
    id,
    code: null,
    title: `Task ${id}`,
    description: null,
    assigneeId: 'u1',
    dueAt,
    dealId: null,
    status: 'open',
    resultOptions: [],
    result: null,
    comment: null,
    estimateMinutes: null,
    createdBy: 'user',
    creatorId: 'u2',
    completedAt: null,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...extra,
  };
}

describe('MyTasksPage', () => {
  jest.setTimeout(30_000);
  let completeAnswer: { status?: number; body?: unknown };

  async function render() {
    localStorage.clear();
    completeAnswer = { body: task('t2', '2026-12-01T21:30:00Z', { status: 'done', result: 'Approved', completedAt: NOW.toISOString() }) };
    const fake = fakeFetch({
      'GET /me': () => ({ body: ME }),
      'GET /users': () => ({ body: { items: [ME, { id: 'u2', name: 'Ivan' }] } }),
      'GET /tasks?assigneeId=u1&status=open&limit=200': () => ({
        body: {
          items: [
            task('t1', '2026-12-01T19:00:00Z', { dealId: 'd1', status: 'overdue' }),
            task('t2', '2026-12-01T21:30:00Z', { resultOptions: ['Approved', 'Rejected'], dealId: 'd1' }),
          ],
          nextCursor: 'c2',
        },
      }),
      'GET /tasks?assigneeId=u1&status=open&limit=200&cursor=c2': () => ({
        body: { items: [task('t3', '2026-12-01T22:30:00Z', { createdBy: 'automation', creatorId: null }), task('t4', '2026-12-09T08:00:00Z')], nextCursor: null },
      }),
      'GET /deals/d1': () => ({ body: { id: 'd1', title: 'Campaign for Acme' } }),
      'POST /tasks/t2/complete': () => completeAnswer,
      'GET /tasks?assigneeId=u1&status=done*': () => ({ body: { items: [], nextCursor: null } }),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [MyTasksPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(MyTasksPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { root: fixture.nativeElement as HTMLElement, fake, step };
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
  });
  afterEach(() => {
    TestBed.inject(OverlayContainer).ngOnDestroy();
    jest.useRealTimers();
  });

  it('groups every page of my open tasks by the portal’s today, with counts', async () => {
    const { root } = await render();
    expect(byTestId(root, 'tasks-count-overdue')?.textContent?.trim()).toBe('1');
    expect(byTestId(root, 'tasks-count-today')?.textContent?.trim()).toBe('1');
    // t3 is due 00:30 on 2 Dec in Kyiv (still 1 Dec in UTC): upcoming.
    expect(byTestId(root, 'tasks-count-upcoming')?.textContent?.trim()).toBe('2');
    expect(byTestId(root, 'tasks-section-none')).toBeNull();
    expect(byTestId(root, 'tasks-section-overdue')?.textContent).toContain('Task t1');
    expect(byTestId(root, 'tasks-section-upcoming')?.textContent).toContain('Task t3');
    expect(byTestId(root, 'task-deal-t1')?.textContent?.trim()).toBe('Campaign for Acme');
    expect(byTestId(root, 'task-deal-t1')?.getAttribute('href')).toBe('/deals/d1');
    expect(byTestId(root, 'task-creator-t1')?.textContent).toContain('Set by Ivan');
    expect(byTestId(root, 'task-creator-t3')?.textContent).toContain('Set by an automation');
    expect(byTestId(root, 'task-due-t2')?.textContent).toContain('in 2 hours');
  });

  it('asks for the result before completing, then completes with it and the comment', async () => {
    const { root, fake, step } = await render();
    byTestId(root, 'task-complete-t2')?.click();
    await step();
    expect(byTestId(root, 'task-result-error-t2')?.textContent).toContain('Choose the result first.');
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);

    fill(root, 'task-result-t2', 'Approved');
    fill(root, 'task-comment-t2', 'Signed today');
    byTestId(root, 'task-complete-t2')?.click();
    await step();
    const post = fake.calls.find((c: FakeCall) => c.method === 'POST') as FakeCall;
    expect(post.body).toEqual({ result: 'Approved', comment: 'Signed today' });
    expect(byTestId(root, 'task-t2')).toBeNull();
    expect(byTestId(root, 'tasks-section-today')).toBeNull();
  });

  it('shows the API’s 400 on the result next to the select, in words', async () => {
    const { root, step } = await render();
    completeAnswer = {
      status: 400,
      body: { error: 'validation_failed', message: 'result: …', details: [{ field: 'result', message: 'result must be one of: "Approved", "Rejected"', options: ['Approved', 'Rejected'] }] },
    };
    fill(root, 'task-result-t2', 'Rejected');
    byTestId(root, 'task-complete-t2')?.click();
    await step();
    expect(byTestId(root, 'task-result-error-t2')?.textContent).toContain('Choose one of the results: «Approved» and «Rejected».');
    expect(byTestId(root, 'task-t2')).not.toBeNull();
  });
});
