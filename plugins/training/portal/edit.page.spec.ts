import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { EditPage } from './edit.page';
import { Blank, FakeApiError, byTestId, fakeHost, flush, text } from './testing';
import type { FakeCall } from './testing';

async function open(url: string, routes: Record<string, (c: FakeCall) => unknown>) {
  const { host, calls } = fakeHost({ 'GET /pipelines': () => [{ id: 'p1', code: 'sales', name: 'Продажі', stages: [{ id: 's1', code: 'offer', name: 'КП' }] }], ...routes }, { id: 'u1', name: 'Адмін', roles: ['admin'] });
  TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Blank }]), { provide: PORTAL_HOST, useValue: host }] });
  const router = TestBed.inject(Router);
  await router.navigateByUrl(url);
  const fixture = TestBed.createComponent(EditPage);
  await step(fixture);
  return { fixture, el: fixture.nativeElement as HTMLElement, calls, router };
}

async function step(fixture: ComponentFixture<unknown>): Promise<void> {
  fixture.detectChanges();
  await flush();
  fixture.detectChanges();
}

function type(el: HTMLElement, id: string, value: string): void {
  const input = byTestId(el, id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function click(el: HTMLElement, id: string): void {
  (byTestId(el, id) as HTMLElement).click();
}

describe('the course editor', () => {
  it('builds a course with lessons and a test, shows each API error under its input, and saves', async () => {
    let attempt = 0;
    const { fixture, el, calls, router } = await open('/training/edit', {
      'POST /training/courses': (call) => {
        if (attempt++ === 0) throw new FakeApiError(400, 'validation_failed', { 'lessons[1].title': 'must not be empty', 'tests[0].questions[0].choices': 'needs a correct answer' });
        const body = call.body as { title: string };
        return { id: 'new1', title: body.title, summary: null, roles: [], source: 'portal', lessons: [{ id: 'l1', title: 'Вступ', material: '', videoUrl: null }], tests: [] };
      },
    });
    type(el, 'tr-edit-title', 'Робота з угодами');
    type(el, 'tr-edit-lesson-title-0', 'Вступ');
    type(el, 'tr-edit-lesson-material-0', '# Привіт\n\n**жирний**');
    await step(fixture);
    click(el, 'tr-edit-preview-0');
    await step(fixture);
    expect((byTestId(el, 'tr-edit-preview-body-0') as HTMLElement).querySelector('strong')?.textContent).toBe('жирний');
    click(el, 'tr-edit-add-lesson');
    click(el, 'tr-edit-add-test');
    await step(fixture);
    type(el, 'tr-edit-test-title-0', 'Тест');
    type(el, 'tr-edit-q-text-0-0', '2 + 2?');
    type(el, 'tr-edit-c-text-0-0-0', '4');
    type(el, 'tr-edit-c-text-0-0-1', '5');
    click(el, 'tr-edit-role-manager');
    await step(fixture);

    click(el, 'tr-edit-save');
    await step(fixture);
    expect(text(el, 'tr-error-lessons[1].title')).toBe('Fill this in.');
    expect((byTestId(el, 'tr-edit-lesson-title-1') as HTMLInputElement).classList).toContain('invalid');
    expect(text(el, 'tr-error-tests[0].questions[0].choices')).toBe('needs a correct answer');
    expect(text(el, 'tr-edit-errors')).toContain('Lesson 2 › Title: Fill this in.');
    expect(text(el, 'tr-edit-errors')).toContain('Test 1 › Question 1 › Answers: needs a correct answer');

    type(el, 'tr-edit-lesson-title-1', 'Рахунки');
    await step(fixture);
    expect(byTestId(el, 'tr-error-lessons[1].title')).toBeNull();
    click(el, 'tr-edit-save');
    await step(fixture);
    const saved = calls.filter((c) => c.method === 'POST')[1].body as Record<string, any>;
    expect(saved['title']).toBe('Робота з угодами');
    expect(saved['roles']).toEqual(['manager']);
    expect(saved['lessons'].map((l: { title: string }) => l.title)).toEqual(['Вступ', 'Рахунки']);
    expect(saved['lessons'][0].material).toBe('# Привіт\n\n**жирний**');
    expect(saved['tests']).toEqual([{ title: 'Тест', passPct: 80, attempts: 3, timeLimitMinutes: null, questions: [{ text: '2 + 2?', multiple: false, choices: [{ text: '4', correct: true }, { text: '5', correct: false }] }] }]);
    expect(router.url).toBe('/training/edit?id=new1');
    expect(byTestId(el, 'tr-edit-saved')).not.toBeNull();
    expect(calls.some((c) => c.path === '/training/courses/new1/edit')).toBe(false);
  });

  it('edits a course keeping its ids, with one correct answer for a single-choice question', async () => {
    const course = {
      id: 'c1', title: 'Угоди', summary: 'Опис', roles: [], source: 'plugin:digital-studio',
      lessons: [{ id: 'l1', title: 'A', material: 'x', videoUrl: null, attachments: [], helpFor: [{ pipeline: 'p1', stage: 's1', rule: null }] }, { id: 'l2', title: 'B', material: 'y', videoUrl: null, attachments: [], helpFor: [] }],
      tests: [{ id: 't1', title: 'T', passPct: 70, attempts: null, timeLimitMinutes: 10, questions: [{ id: 'q1', text: 'Q', multiple: false, choices: [{ id: 'c1', text: 'a', correct: true }, { id: 'c2', text: 'b', correct: false }] }] }],
    };
    const { fixture, el, calls } = await open('/training/edit?id=c1', { 'GET /training/courses/c1/edit': () => course, 'PUT /training/courses/c1': (c) => ({ ...course, ...(c.body as object) }) });
    expect(text(el, 'tr-edit-heading')).toBe('Угоди');
    expect(el.textContent).toContain('From the plugin “digital-studio”');
    expect((byTestId(el, 'tr-edit-help-pipeline-0-0') as HTMLSelectElement).value).toBe('sales');
    click(el, 'tr-edit-lesson-down-0');
    await step(fixture);
    (byTestId(el, 'tr-edit-c-correct-0-0-1') as HTMLInputElement).click();
    await step(fixture);
    click(el, 'tr-edit-save');
    await step(fixture);
    const body = calls.find((c) => c.method === 'PUT')?.body as Record<string, any>;
    expect(body['lessons'].map((l: { id: string }) => l.id)).toEqual(['l2', 'l1']);
    expect(body['lessons'][1].helpFor).toEqual([{ pipeline: 'p1', stage: 's1' }]);
    expect(body['tests'][0]).toMatchObject({ id: 't1', passPct: 70, attempts: null, timeLimitMinutes: 10 });
    expect(body['tests'][0].questions[0].choices).toEqual([{ id: 'c1', text: 'a', correct: false }, { id: 'c2', text: 'b', correct: true }]);
  });
});
