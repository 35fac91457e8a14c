import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { CoursePage } from './course.page';
import { Blank, byTestId, fakeHost, flush, text } from './testing';
import type { FakeCall } from './testing';

const my = { lessonsDone: 0, bestScorePct: null, passed: false, dueAt: '2026-03-20T21:59:59Z', overdue: false, certificateId: null as string | null };
const lesson = (n: number, extra: object = {}) => ({ id: `l${n}`, code: `l${n}`, position: n, title: `Урок ${n}`, material: `## Крок ${n}\n\n**Важливо** <script>x</script>`, videoUrl: null, embedUrl: null, attachments: [], helpFor: [], done: false, ...extra });
const test = { id: 't1', code: 't', title: 'Тест', passPct: 80, attempts: 3, timeLimitMinutes: 5, questionsTotal: 3, attemptsUsed: 1, attemptsLeft: 2, bestScorePct: 33, passed: false, openAttempt: null };

async function open(url: string, routes: Record<string, (c: FakeCall) => unknown>) {
  const { host, calls } = fakeHost(routes);
  TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Blank }]), { provide: PORTAL_HOST, useValue: host }] });
  const router = TestBed.inject(Router);
  await router.navigateByUrl(url);
  const fixture = TestBed.createComponent(CoursePage);
  await step(fixture);
  return { fixture, el: fixture.nativeElement as HTMLElement, calls, router };
}

async function step(fixture: ComponentFixture<unknown>): Promise<void> {
  fixture.detectChanges();
  await flush();
  fixture.detectChanges();
}

describe('the course page', () => {
  it('plays a lesson safely, marks it done and goes on to the next one', async () => {
    const course = {
      id: 'c1', code: 'c', title: 'Угоди', summary: 'Як вести угоди', roles: [], source: 'portal', updatedAt: '2026-03-01T00:00:00Z', my,
      lessons: [lesson(1, { videoUrl: 'https://www.youtube.com/watch?v=abc', embedUrl: 'https://www.youtube.com/embed/abc', attachments: [{ name: 'Регламент', url: 'https://x.test/r.pdf' }] }), lesson(2, { videoUrl: 'https://x.test/video' })],
      tests: [test],
    };
    const { fixture, el, calls, router } = await open('/training/course?id=c1', {
      'GET /training/courses/c1?questions=false': () => course,
      'POST /training/lessons/l1/complete': () => ({ lessonId: 'l1', courseId: 'c1', done: true, lessonsDone: 1, lessonsTotal: 2 }),
    });
    expect(text(el, 'tr-course-title')).toBe('Угоди');
    expect(text(el, 'tr-lesson-title')).toBe('Урок 1');
    expect(byTestId(el, 'tr-video')?.getAttribute('src')).toBe('https://www.youtube.com/embed/abc');
    const material = byTestId(el, 'tr-material') as HTMLElement;
    expect(material.querySelector('h4')?.textContent).toBe('Крок 1');
    expect(material.querySelector('strong')?.textContent).toBe('Важливо');
    expect(material.querySelector('script')).toBeNull();
    expect(text(el, 'tr-attachments')).toContain('Регламент');
    expect(text(el, 'tr-test-attempts-t1')).toBe('Attempts used: 1 of 3 · best score 33 %');
    expect(text(el, 'tr-test-start-t1')).toBe('Try again');

    (byTestId(el, 'tr-complete') as HTMLButtonElement).click();
    await step(fixture);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/training/lessons/l1/complete']);
    expect(router.url).toBe('/training/course?id=c1&lesson=l2');
    await step(fixture);
    expect(text(el, 'tr-lesson-title')).toBe('Урок 2');
    expect(byTestId(el, 'tr-lesson-link-0')?.getAttribute('data-done')).toBe('true');
    expect(byTestId(el, 'tr-video')).toBeNull();
    expect(byTestId(el, 'tr-video-link')?.getAttribute('href')).toBe('https://x.test/video');
    expect(text(el, 'tr-course-progress')).toContain('1 of 2 lessons done');
  });

  it('shows the certificate of a passed course and downloads its PDF', async () => {
    const course = { id: 'c1', code: 'c', title: 'Угоди', summary: null, roles: [], source: 'portal', updatedAt: '2026-03-01T00:00:00Z', my: { ...my, passed: true, lessonsDone: 1, certificateId: 'cert1' }, lessons: [lesson(1, { done: true })], tests: [{ ...test, passed: true, bestScorePct: 100 }] };
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    (URL as unknown as { createObjectURL: unknown }).createObjectURL = jest.fn(() => 'blob:x');
    (URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn();
    const { fixture, el, calls } = await open('/training/course?id=c1&lesson=l1', {
      'GET /training/courses/c1?questions=false': () => course,
      'GET /training/certificates/cert1': () => ({ id: 'cert1', code: 'TR-7K3M', courseId: 'c1', issuedAt: '2026-03-02T10:00:00Z', scorePct: 100 }),
      'BLOB /training/certificates/cert1/pdf': () => pdf,
    });
    expect(text(el, 'tr-certificate-code')).toBe('TR-7K3M');
    expect(byTestId(el, 'tr-test-start-t1')).toBeNull();
    expect(text(el, 'tr-course-state')).toBe('Passed');
    const saved: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    (byTestId(el, 'tr-certificate-download') as HTMLButtonElement).click();
    await step(fixture);
    expect(saved).toEqual(['certificate-TR-7K3M.pdf']);
    expect(calls.some((c) => c.method === 'BLOB' && c.path === '/training/certificates/cert1/pdf')).toBe(true);
    expect(URL.createObjectURL).toHaveBeenCalledWith(pdf);
  });

  it('says when the course is gone', async () => {
    const { FakeApiError } = await import('./testing');
    const { el } = await open('/training/course?id=nope', {
      'GET /training/courses/nope?questions=false': () => {
        throw new FakeApiError(404, 'not_found');
      },
    });
    expect(byTestId(el, 'tr-course-missing')).not.toBeNull();
  });
});
