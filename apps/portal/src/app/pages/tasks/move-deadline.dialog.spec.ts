import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import { MoveDeadlineDialog } from './move-deadline.dialog';
import type { TaskItem } from './tasks.types';

const TASK = { id: 't1', title: 'Call the client', dueAt: '2026-12-01T08:00:00Z', resultOptions: [], status: 'open' } as unknown as TaskItem;

describe('MoveDeadlineDialog', () => {
  jest.setTimeout(30_000);
  let patchAnswer: { status?: number; body?: unknown };
  let closed: unknown;

  async function render() {
    localStorage.clear();
    closed = undefined;
    patchAnswer = { body: { ...TASK, dueAt: '2026-12-03T08:00:00Z' } };
    const fake = fakeFetch({ 'PATCH /tasks/t1': () => patchAnswer });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [MoveDeadlineDialog],
      providers: [
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: MAT_DIALOG_DATA, useValue: { task: TASK, timeZone: 'Europe/Kyiv' } },
        { provide: MatDialogRef, useValue: { close: (v: unknown) => (closed = v) } },
      ],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(MoveDeadlineDialog);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { root: fixture.nativeElement as HTMLElement, fake, step };
  }

  afterEach(() => TestBed.inject(OverlayContainer).ngOnDestroy());

  it('shows the current deadline in the portal’s zone and requires a comment before asking the API', async () => {
    const { root, fake, step } = await render();
    expect((byTestId(root, 'task-move-date') as HTMLInputElement).value).toBe('2026-12-01T10:00');
    fill(root, 'task-move-date', '2026-12-03T10:00');
    byTestId(root, 'task-move-submit')?.click();
    await step();
    expect(byTestId(root, 'task-move-comment-error')?.textContent).toContain('the comment is required');
    expect(fake.calls).toHaveLength(0);
    expect(closed).toBeUndefined();
  });

  it('shows the API’s 422 comment_required next to the comment', async () => {
    const { root, step } = await render();
    patchAnswer = { status: 422, body: { error: 'comment_required', message: 'Moving a task deadline needs a comment', details: [{ field: 'comment', message: 'required' }] } };
    fill(root, 'task-move-comment', 'Client is away');
    byTestId(root, 'task-move-submit')?.click();
    await step();
    expect(byTestId(root, 'task-move-comment-error')?.textContent).toContain('Say why the deadline moves');
    expect(byTestId(root, 'task-move-error')).toBeNull();
    expect(closed).toBeUndefined();
  });

  it('sends the new deadline with the zone’s offset and the comment, and closes with the task', async () => {
    const { root, fake, step } = await render();
    fill(root, 'task-move-date', '2026-12-03T10:00');
    fill(root, 'task-move-comment', '  Client is away  ');
    byTestId(root, 'task-move-submit')?.click();
    await step();
    expect(fake.calls[0].body).toEqual({ dueAt: '2026-12-03T10:00:00+02:00', comment: 'Client is away' });
    expect((closed as TaskItem).dueAt).toBe('2026-12-03T08:00:00Z');
  });
});
