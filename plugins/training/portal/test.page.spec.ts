import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { TestPage } from './test.page';
import { Blank, FakeApiError, byTestId, fakeHost, settle, text } from './testing';
import type { FakeCall } from './testing';

const NOW = Date.parse('2026-03-10T10:00:00Z');

const course = {
  id: 'c1',
  title: 'Угоди',
  lessons: [],
  tests: [{ id: 't1', code: 't', title: 'Підсумковий тест', passPct: 80, attempts: 3, timeLimitMinutes: 5, questionsTotal: 2, attemptsUsed: 0, attemptsLeft: 3, bestScorePct: null, passed: false, openAttempt: null }],
  my: { lessonsDone: 0, bestScorePct: null, passed: false, dueAt: null, overdue: false, certificateId: null },
};

const attempt = (deadline: number | null) => ({
  attemptId: 'a1',
  testId: 't1',
  startedAt: new Date(NOW).toISOString(),
  deadlineAt: deadline === null ? null : new Date(deadline).toISOString(),
  questions: [
    { id: 'q1', text: '2 + 2?', multiple: false, choices: [{ id: 'q1a', text: '4' }, { id: 'q1b', text: '5' }] },
    { id: 'q2', text: 'Even numbers?', multiple: true, choices: [{ id: 'q2a', text: '2' }, { id: 'q2b', text: '3' }, { id: 'q2c', text: '4' }] },
  ],
});

const passed = { attemptId: 'a1', score: 2, maxScore: 2, scorePct: 100, passed: true, attemptsLeft: 2, passPct: 80, certificateId: 'cert1', results: [{ questionId: 'q1', correct: true, correctChoiceIds: ['q1a'] }, { questionId: 'q2', correct: true, correctChoiceIds: ['q2a', 'q2c'] }] };
const failed = { ...passed, score: 1, scorePct: 50, passed: false, certificateId: null, results: [{ questionId: 'q1', correct: true, correctChoiceIds: ['q1a'] }, { questionId: 'q2', correct: false, correctChoiceIds: ['q2a', 'q2c'] }] };

async function open(routes: Record<string, (c: FakeCall) => unknown>) {
  const { host, calls } = fakeHost({ 'GET /training/courses/c1?questions=false': () => course, 'GET /training/certificates/cert1': () => ({ id: 'cert1', code: 'TR-7K3M', issuedAt: new Date(NOW).toISOString(), scorePct: 100 }), ...routes });
  TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Blank }]), { provide: PORTAL_HOST, useValue: host }] });
  await TestBed.inject(Router).navigateByUrl('/training/test?id=t1&course=c1');
  const fixture = TestBed.createComponent(TestPage);
  await step(fixture);
  return { fixture, el: fixture.nativeElement as HTMLElement, calls };
}

async function step(fixture: ComponentFixture<unknown>): Promise<void> {
  fixture.detectChanges();
  await settle();
  fixture.detectChanges();
}

function choose(el: HTMLElement, q: string, c: string): void {
  const input = byTestId(el, `tr-choice-${q}-${c}`)?.querySelector('input') as HTMLInputElement;
  input.checked = !input.checked;
  input.dispatchEvent(new Event('change'));
}

describe('the test screen', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows the rules, runs the countdown, turns red in the last minute and hands the answers in at zero', async () => {
    const { fixture, el, calls } = await open({ 'POST /training/tests/t1/start': () => attempt(NOW + 5 * 60_000), 'POST /training/tests/t1/attempts': () => passed });
    expect(text(el, 'tr-test-intro')).toContain('Questions: 2');
    expect(text(el, 'tr-test-intro')).toContain('Attempts used: 0 of 3');

    (byTestId(el, 'tr-test-begin') as HTMLButtonElement).click();
    await step(fixture);
    expect(text(el, 'tr-countdown')).toBe('5:00');
    expect(byTestId(el, 'tr-countdown')?.getAttribute('data-urgent')).toBe('false');
    choose(el, 'q1', 'q1a');
    choose(el, 'q2', 'q2a');
    choose(el, 'q2', 'q2c');
    await step(fixture);
    expect(text(el, 'tr-answered')).toBe('Answered: 2 of 2');

    jest.advanceTimersByTime(4 * 60_000 + 1000);
    await step(fixture);
    expect(text(el, 'tr-countdown')).toBe('0:59');
    expect(byTestId(el, 'tr-countdown')?.getAttribute('data-urgent')).toBe('true');

    jest.advanceTimersByTime(60_000);
    await step(fixture);
    await step(fixture);
    const submitted = calls.find((c) => c.path === '/training/tests/t1/attempts');
    expect(submitted?.body).toEqual({ attemptId: 'a1', answers: [{ questionId: 'q1', choiceIds: ['q1a'] }, { questionId: 'q2', choiceIds: ['q2a', 'q2c'] }] });
    expect(byTestId(el, 'tr-result')?.getAttribute('data-passed')).toBe('true');
    expect(text(el, 'tr-score')).toBe('100 %');
    expect(text(el, 'tr-certificate-code')).toBe('TR-7K3M');
    expect(byTestId(el, 'tr-try-again')).toBeNull();
  });

  it('asks before handing in unanswered questions; a failed try shows right and wrong, and another try starts', async () => {
    let starts = 0;
    const { fixture, el, calls } = await open({ 'POST /training/tests/t1/start': () => (starts++, attempt(null)), 'POST /training/tests/t1/attempts': () => failed });
    (byTestId(el, 'tr-test-begin') as HTMLButtonElement).click();
    await step(fixture);
    expect(byTestId(el, 'tr-countdown')).toBeNull();
    choose(el, 'q1', 'q1a');
    await step(fixture);
    (byTestId(el, 'tr-submit') as HTMLButtonElement).click();
    await step(fixture);
    expect(text(el, 'tr-unanswered')).toContain('1');
    expect(calls.some((c) => c.path.endsWith('/attempts'))).toBe(false);
    (byTestId(el, 'tr-submit-anyway') as HTMLButtonElement).click();
    await step(fixture);
    expect(text(el, 'tr-verdict')).toBe('Test not passed');
    expect(text(el, 'tr-attempts-left')).toBe('Attempts left: 2');
    expect(byTestId(el, 'tr-review-0')?.getAttribute('data-correct')).toBe('true');
    expect(byTestId(el, 'tr-review-1')?.getAttribute('data-correct')).toBe('false');
    expect(el.textContent).toContain('The correct answers are shown once');

    (byTestId(el, 'tr-try-again') as HTMLButtonElement).click();
    await step(fixture);
    expect(starts).toBe(2);
    expect(byTestId(el, 'tr-questions')).not.toBeNull();
  });

  it('says clearly when the time ran out or no attempt is left', async () => {
    const late = await open({
      'POST /training/tests/t1/start': () => attempt(NOW + 60_000),
      'POST /training/tests/t1/attempts': () => {
        throw new FakeApiError(422, 'time_limit_exceeded');
      },
    });
    (byTestId(late.el, 'tr-test-begin') as HTMLButtonElement).click();
    await step(late.fixture);
    choose(late.el, 'q1', 'q1a');
    choose(late.el, 'q2', 'q2a');
    await step(late.fixture);
    (byTestId(late.el, 'tr-submit') as HTMLButtonElement).click();
    await step(late.fixture);
    expect(text(late.el, 'tr-expired')).toContain('Time ran out');
    TestBed.resetTestingModule();

    const none = await open({
      'POST /training/tests/t1/start': () => {
        throw new FakeApiError(422, 'no_attempts_left');
      },
    });
    (byTestId(none.el, 'tr-test-begin') as HTMLButtonElement).click();
    await step(none.fixture);
    expect(text(none.el, 'tr-no-attempts')).toContain('No attempts left');
  });
});
