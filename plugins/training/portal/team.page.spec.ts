import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { TeamPage } from './team.page';
import { Blank, byTestId, fakeHost, flush, text } from './testing';
import type { FakeCall } from './testing';

const row = (userId: string, extra: object = {}) => ({ userId, userName: `Person ${userId}`, departmentId: 'd1', departmentName: 'Продажі', courseId: 'c1', courseTitle: 'Угоди', lessonsDone: 1, lessonsTotal: 2, bestScorePct: null, passed: false, dueAt: '2026-03-20T21:59:59Z', overdue: false, ...extra });

async function open(routes: Record<string, (c: FakeCall) => unknown>) {
  const { host, calls } = fakeHost({ 'GET /departments': () => ({ items: [{ id: 'd1', name: 'Продажі' }], nextCursor: null }), ...routes }, { id: 'h', name: 'Head', roles: ['head'] });
  TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Blank }]), { provide: PORTAL_HOST, useValue: host }] });
  const fixture = TestBed.createComponent(TeamPage);
  await step(fixture);
  return { fixture, el: fixture.nativeElement as HTMLElement, calls };
}

async function step(fixture: ComponentFixture<unknown>): Promise<void> {
  fixture.detectChanges();
  await flush();
  fixture.detectChanges();
}

describe('the team’s progress', () => {
  it('lists people and courses with their state, and filters overdue ones through the API', async () => {
    const { fixture, el, calls } = await open({
      'GET /training/team-progress?limit=200': () => ({ items: [row('a', { overdue: true, dueAt: '2026-01-01T21:59:59Z' }), row('b', { passed: true, bestScorePct: 100, lessonsDone: 2 }), row('c', { lessonsDone: 0 })], nextCursor: null }),
      'GET /training/team-progress?overdue=true&limit=200': () => ({ items: [row('a', { overdue: true })], nextCursor: null }),
    });
    expect(byTestId(el, 'tr-team-row-a-c1')?.getAttribute('data-state')).toBe('overdue');
    expect(text(el, 'tr-team-state-b-c1')).toBe('Passed');
    expect(text(el, 'tr-team-state-c-c1')).toBe('Not started');
    expect(text(el, 'tr-team-overdue-count')).toBe('1');
    expect(text(el, 'tr-team-passed-count')).toBe('1');
    const overdue = byTestId(el, 'tr-team-overdue') as HTMLInputElement;
    overdue.checked = true;
    overdue.dispatchEvent(new Event('change'));
    await step(fixture);
    expect(calls.map((c) => c.path)).toContain('/training/team-progress?overdue=true&limit=200');
    expect(el.querySelectorAll('[data-testid^="tr-team-row-"]').length).toBe(1);
  });

  it('tells a person without the right that the view is not theirs', async () => {
    const { FakeApiError } = await import('./testing');
    const { el } = await open({
      'GET /training/team-progress?limit=200': () => {
        throw new FakeApiError(403, 'forbidden');
      },
    });
    expect(byTestId(el, 'tr-team-forbidden')).not.toBeNull();
  });
});
