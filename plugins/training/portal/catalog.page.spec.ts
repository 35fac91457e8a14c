import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { CatalogPage } from './catalog.page';
import { Blank, byTestId, fakeHost, flush, text } from './testing';
import type { FakeCall } from './testing';

const my = { lessonsDone: 0, bestScorePct: null, passed: false, dueAt: null, overdue: false, certificateId: null };
const summary = (id: string, title: string, extra: object = {}) => ({ id, code: id, title, summary: `Про ${title}`, roles: [], source: 'portal', lessonsTotal: 4, testsTotal: 1, updatedAt: '2026-03-01T00:00:00Z', my, ...extra });

async function open(routes: Record<string, (c: FakeCall) => unknown>, roles = ['employee']) {
  const { host, calls } = fakeHost(routes, { id: 'u1', name: 'Олена', roles });
  TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Blank }]), { provide: PORTAL_HOST, useValue: host }] });
  const fixture = TestBed.createComponent(CatalogPage);
  await step(fixture);
  return { fixture, el: fixture.nativeElement as HTMLElement, calls };
}

async function step(fixture: ComponentFixture<unknown>, wait = 0): Promise<void> {
  fixture.detectChanges();
  if (wait) await new Promise((r) => setTimeout(r, wait));
  await flush();
  fixture.detectChanges();
}

describe('the catalogue', () => {
  it('puts my assigned courses first with due dates and overdue badges', async () => {
    const { el } = await open({
      'GET /training/courses?limit=50': () => ({
        items: [
          summary('late', 'Безпека', { my: { ...my, dueAt: '2026-01-01T21:59:59Z', overdue: true, lessonsDone: 1 } }),
          summary('soon', 'Угоди', { my: { ...my, dueAt: '2999-01-01T21:59:59Z' } }),
          summary('done', 'Каса', { my: { ...my, passed: true, bestScorePct: 90, lessonsDone: 4, certificateId: 'x' } }),
          summary('free', 'Excel', { roles: ['accountant'] }),
        ],
        nextCursor: null,
      }),
    });
    const assigned = byTestId(el, 'tr-assigned') as HTMLElement;
    expect(Array.from(assigned.querySelectorAll('[data-testid^="tr-course-"]')).map((a) => a.getAttribute('data-testid'))).toEqual(['tr-course-late', 'tr-course-soon']);
    expect(text(el, 'tr-badge-late')).toBe('Overdue');
    expect(text(el, 'tr-due-late')).toMatch(/^Overdue since/);
    expect(text(el, 'tr-badge-soon')).toBe('Assigned');
    expect(text(el, 'tr-progress-late')).toBe('1 of 4 lessons done');
    expect(text(el, 'tr-progress-done')).toBe('Passed · best score 90 %');
    expect(text(el, 'tr-course-free')).toContain('for: Accountant');
    expect(byTestId(el, 'tr-to-team')).toBeNull();
  });

  it('searches after a pause in typing and highlights the matched words', async () => {
    const { fixture, el, calls } = await open({
      'GET /training/courses?limit=50': () => ({ items: [], nextCursor: null }),
      'GET /training/courses?q=*': () => ({ items: [summary('c1', 'Угоди', { match: { lessonId: 'l2', title: 'Рахунки', snippet: 'як [[виставити]] <b>рахунок</b>' } })], nextCursor: null }),
    }, ['admin']);
    expect(byTestId(el, 'tr-catalog-empty')).not.toBeNull();
    expect(byTestId(el, 'tr-to-authoring')).not.toBeNull();
    const input = byTestId(el, 'tr-search') as HTMLInputElement;
    for (const typed of ['в', 'ви', 'виставити']) {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
    }
    await step(fixture, 350);
    const searches = calls.filter((c) => c.path.includes('q='));
    expect(searches.map((c) => c.path)).toEqual([`/training/courses?q=${encodeURIComponent('виставити').replace(/%20/g, '+')}&limit=50`]);
    const snippet = byTestId(el, 'tr-snippet') as HTMLElement;
    expect(snippet.querySelector('mark')?.textContent).toBe('виставити');
    expect(snippet.querySelector('b')).toBeNull();
    expect(snippet.textContent).toContain('<b>рахунок</b>');
    expect(byTestId(el, 'tr-course-c1')?.getAttribute('href')).toBe('/training/course?id=c1&lesson=l2');
  });

  it('says when nothing is found', async () => {
    const { fixture, el } = await open({
      'GET /training/courses?limit=50': () => ({ items: [summary('c1', 'Угоди')], nextCursor: null }),
      'GET /training/courses?q=*': () => ({ items: [], nextCursor: null }),
    });
    const input = byTestId(el, 'tr-search') as HTMLInputElement;
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await step(fixture);
    expect(text(el, 'tr-search-empty')).toContain('Nothing found for “zzz”');
  });
});
