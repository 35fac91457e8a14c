import { bootPortal, pdfText } from '@portal/plugin-sdk/testing';
import type { PortalUnderTest } from '@portal/plugin-sdk/testing';
import { training } from './index';
import { TrainingSweeper } from './programs/training-sweeper';

/**
 * The training plugin through the API, on the real database (PGlite, or a fresh PostgreSQL database when
 * DATABASE_URL is set), on a sandbox portal whose clock moves only when the test says so. The hooks the core calls
 * (refusal help, the assignment gate, other plugins' courses through install) are in training-core.int-spec.ts.
 */

type User = { id: string; token: string };

let portal: PortalUnderTest;
let now: Date;
let sales: string;
let salesKyiv: string;
let support: string;
let head: User;
let trainee: User;
let kyivTrainee: User;
let outsider: User;

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

async function advance(body: { minutes?: number; days?: number; to?: string }) {
  const res = await portal.api('POST', '/test-clock/advance', body);
  expect(res.status).toBe(200);
  now = new Date(res.body.now);
}

const fields = (res: { body: any }) => (res.body?.details ?? []).map((d: any) => d.field);

/** A course body: `lessons` lessons, one test of `questions` questions (the first choice correct; question 2 multiple-choice). */
function courseBody(title: string, opts: { lessons?: number; questions?: number; test?: Record<string, unknown>; extra?: Record<string, unknown>; material?: string } = {}) {
  const questions = Array.from({ length: opts.questions ?? 5 }, (_, i) =>
    i === 1
      ? { text: `Питання ${i + 1}?`, multiple: true, choices: [{ text: 'Так', correct: true }, { text: 'Теж так', correct: true }, { text: 'Ні', correct: false }] }
      : { text: `Питання ${i + 1}?`, choices: [{ text: `Правильно ${i + 1}`, correct: true }, { text: 'Ні', correct: false }, { text: 'Теж ні', correct: false }] },
  );
  return {
    title,
    lessons: Array.from({ length: opts.lessons ?? 2 }, (_, i) => ({ title: `${title}: урок ${i + 1}`, material: opts.material ?? `Матеріал уроку ${i + 1}` })),
    tests: opts.questions === 0 ? [] : [{ title: `${title}: тест`, questions, ...(opts.test ?? {}) }],
    ...(opts.extra ?? {}),
  };
}

async function createCourse(body: unknown) {
  const res = await portal.api('POST', '/training/courses', body);
  expect([res.status, res.body?.details]).toEqual([201, undefined]);
  return res.body;
}

/** The answers a key of the authoring view gives: all correct, or with the questions in `wrong` answered wrong. */
function answersFrom(edit: any, testIndex = 0, wrong: number[] = []) {
  return edit.tests[testIndex].questions.map((q: any, i: number) => ({
    questionId: q.id,
    choiceIds: wrong.includes(i) ? [q.choices.find((c: any) => !c.correct).id] : q.choices.filter((c: any) => c.correct).map((c: any) => c.id),
  }));
}


beforeAll(async () => {
  portal = await bootPortal({ plugins: [training], install: ['training'], sandbox: true });
  now = new Date((await portal.api('GET', '/test-clock')).body.now);
  sales = (await portal.api('POST', '/departments', { name: 'Продажі' })).body.id;
  salesKyiv = (await portal.api('POST', '/departments', { name: 'Продажі Київ', parentId: sales })).body.id;
  support = (await portal.api('POST', '/departments', { name: 'Підтримка' })).body.id;
  head = await portal.user({ name: 'Ганна Керівник', roles: ['head'], departmentId: sales });
  expect((await portal.api('PATCH', `/departments/${sales}`, { headId: head.id })).status).toBe(200);
  trainee = await portal.user({ name: 'Олена Стажерка', roles: ['trainee'], departmentId: sales });
  kyivTrainee = await portal.user({ name: 'Петро Київський', roles: ['manager'], departmentId: salesKyiv });
  outsider = await portal.user({ name: 'Іван Сторонній', roles: ['employee'], departmentId: support });
  const p = await portal.api('POST', '/pipelines', {
    code: 'sales',
    name: 'Продажі',
    stages: [
      { code: 'new', name: 'Нова' },
      { code: 'proposal', name: 'Пропозиція', rules: { requiredFields: ['budget'] } },
      { code: 'won', name: 'Успіх', kind: 'won' },
    ],
  });
  expect(p.status).toBe(201);
}, 240_000);

afterAll(async () => portal?.close());

describe('install', () => {
  it('answers on the installed portal, with its settings and their defaults', async () => {
    const res = await portal.api('GET', '/marketplace/training/settings');
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ overdueNotify: true, defaultPassPct: 80, certificateIssuer: '' });
    const bad = await portal.api('PATCH', '/marketplace/training/settings', { defaultPassPct: 0 });
    expect([bad.status, fields(bad)]).toEqual([400, ['defaultPassPct']]);
  });
});

describe('authoring', () => {
  it('refuses bad courses with 400 naming every field by its path, and non-admins with 403', async () => {
    const bad = await portal.api('POST', '/training/courses', {
      title: '',
      roles: ['boss'],
      lessons: [{ title: 'Добре', material: 'x', helpFor: [{ pipeline: 'nope', stage: 'new' }, { pipeline: 'sales', stage: 'nope' }] }, { material: 'без назви' }],
      tests: [{ title: 'T', passPct: 101, attempts: 0, timeLimitMinutes: 0, questions: [{ text: 'Q', choices: [{ text: 'a', correct: true }] }, { text: 'Q2', choices: [{ text: 'a', correct: true }, { text: 'b', correct: true }] }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(fields(bad)).toEqual([
      'title',
      'roles[0]',
      'lessons[1].title',
      'tests[0].passPct',
      'tests[0].attempts',
      'tests[0].timeLimitMinutes',
      'tests[0].questions[0].choices',
      'tests[0].questions[1].choices',
      'lessons[0].helpFor[0].pipeline',
      'lessons[0].helpFor[1].stage',
    ]);
    expect((await portal.api('POST', '/training/courses', { title: 'x' })).body.details).toEqual([{ field: 'lessons', message: 'is required' }]);
    expect((await portal.api('POST', '/training/courses', 'not an object')).status).toBe(400);
    const forbidden = await portal.api('POST', '/training/courses', courseBody('Чуже'), trainee.token);
    expect([forbidden.status, forbidden.body.error]).toEqual([403, 'forbidden']);
  });

  it('creates a course (code from the title, defaults filled, correct flags only in the authoring view) and shows it to trainees without them', async () => {
    const created = await createCourse(
      courseBody('Основи CRM', {
        extra: { summary: 'Що таке угода і воронка', roles: ['trainee', 'manager'] },
        lessons: 1,
      }),
    );
    expect(created).toMatchObject({ code: 'osnovy-crm', title: 'Основи CRM', source: 'portal', locale: 'uk', roles: ['trainee', 'manager'], archived: false });
    expect(created.tests[0]).toMatchObject({ passPct: 80, attempts: 3, timeLimitMinutes: null, questionsTotal: 5 });
    expect(created.tests[0].questions[0].choices[0]).toEqual({ id: expect.any(String), text: 'Правильно 1', correct: true });
    const asTrainee = await portal.api('GET', `/training/courses/${created.id}`, undefined, trainee.token);
    expect(asTrainee.status).toBe(200);
    expect(JSON.stringify(asTrainee.body)).not.toMatch(/"correct"/);
    expect(asTrainee.body.my).toEqual({ lessonsDone: 0, bestScorePct: null, passed: false, dueAt: null, overdue: false, certificateId: null });
    expect((await portal.api('GET', '/training/courses/osnovy-crm', undefined, trainee.token)).body.id).toBe(created.id);
    // Even admins get no answers outside the authoring view; trainees not even there.
    expect(JSON.stringify((await portal.api('GET', `/training/courses/${created.id}`)).body)).not.toContain('"correct"');
    expect((await portal.api('GET', `/training/courses/${created.id}/edit`, undefined, trainee.token)).status).toBe(403);
    expect((await createCourse(courseBody('Основи CRM', { lessons: 1 }))).code).toBe('osnovy-crm-2');
    const taken = await portal.api('POST', '/training/courses', { ...courseBody('Інший'), code: 'osnovy-crm' });
    expect([taken.status, taken.body.error]).toEqual([409, 'code_taken']);
  });

  it('turns YouTube and Vimeo links into embeds, keeps attachments, and stores help tags by pipeline and stage code', async () => {
    const pipelines = (await portal.api('GET', '/pipelines')).body as any[];
    const salesPipeline = pipelines.find((p) => p.code === 'sales');
    const proposal = salesPipeline.stages.find((s: any) => s.code === 'proposal');
    const c = await createCourse({
      title: 'Відео',
      lessons: [
        { title: 'YouTube', material: '', videoUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s', attachments: [{ name: 'Чекліст.pdf', url: 'https://files.example.com/c.pdf' }] },
        { title: 'Vimeo', material: 'Текст', videoUrl: 'https://vimeo.com/76979871', helpFor: [{ pipeline: salesPipeline.id, stage: proposal.id, rule: 'requiredFields' }] },
        { title: 'Інше', material: 'Текст', videoUrl: 'https://example.com/video.mp4' },
      ],
    });
    expect(c.lessons.map((l: any) => l.embedUrl)).toEqual(['https://www.youtube.com/embed/dQw4w9WgXcQ?start=42', 'https://player.vimeo.com/video/76979871', null]);
    expect(c.lessons[0].attachments).toEqual([{ name: 'Чекліст.pdf', url: 'https://files.example.com/c.pdf' }]);
    expect(c.lessons[1].helpFor).toEqual([{ pipeline: 'sales', stage: 'proposal', rule: 'requiredFields' }]);
    expect(c.tests).toEqual([]);
  });

  it('edits a course keeping the lessons, tests and questions that carry their ids — and the progress on them', async () => {
    const c = await createCourse(courseBody('Редагування', { lessons: 2, questions: 2 }));
    expect((await portal.api('POST', `/training/lessons/${c.lessons[0].id}/complete`, undefined, trainee.token)).body).toMatchObject({ lessonsDone: 1, lessonsTotal: 2 });
    const body = {
      title: 'Редагування (нове)',
      lessons: [{ id: c.lessons[0].id, title: 'Перший, перейменований', material: 'Новий текст' }, { title: 'Зовсім новий', material: 'Текст' }],
      tests: [
        {
          id: c.tests[0].id,
          title: 'Тест',
          passPct: 50,
          questions: [{ id: c.tests[0].questions[0].id, text: 'Лише це питання?', choices: c.tests[0].questions[0].choices.map((ch: any) => ({ id: ch.id, text: ch.text, correct: ch.correct })) }],
        },
      ],
    };
    const res = await portal.api('PUT', `/training/courses/${c.id}`, body);
    expect([res.status, res.body.details]).toEqual([200, undefined]);
    expect(res.body.title).toBe('Редагування (нове)');
    expect(res.body.code).toBe(c.code);
    expect(res.body.lessons.map((l: any) => l.title)).toEqual(['Перший, перейменований', 'Зовсім новий']);
    expect(res.body.lessons[0].id).toBe(c.lessons[0].id);
    expect(res.body.tests[0]).toMatchObject({ id: c.tests[0].id, passPct: 50, questionsTotal: 1 });
    expect(res.body.tests[0].questions[0].id).toBe(c.tests[0].questions[0].id);
    const mine = (await portal.api('GET', `/training/courses/${c.id}`, undefined, trainee.token)).body;
    expect(mine.lessons.map((l: any) => l.done)).toEqual([true, false]);
    expect(mine.my.lessonsDone).toBe(1);
    const foreign = await portal.api('PUT', `/training/courses/${c.id}`, { ...body, lessons: [{ id: '11111111-1111-4111-8111-111111111111', title: 'x', material: 'y' }] });
    expect([foreign.status, fields(foreign)]).toEqual([400, ['lessons[0].id']]);
    expect((await portal.api('PUT', `/training/courses/${c.id}`, body, head.token)).status).toBe(403);
    expect((await portal.api('PUT', '/training/courses/no-such-course', body)).status).toBe(404);
  });

  it('archives a course: gone from the catalogue, still readable, no longer taken; restores it', async () => {
    const c = await createCourse(courseBody('Архівний', { lessons: 1, questions: 1 }));
    const del = await portal.api('DELETE', `/training/courses/${c.id}`);
    expect([del.status, del.body]).toEqual([200, { id: c.id, archived: true }]);
    expect((await portal.api('DELETE', `/training/courses/${c.id}`)).status).toBe(200);
    const list = (await portal.api('GET', '/training/courses?limit=200', undefined, trainee.token)).body.items.map((x: any) => x.id);
    expect(list).not.toContain(c.id);
    expect((await portal.api('GET', '/training/courses?includeArchived=true&limit=200')).body.items.map((x: any) => x.id)).toContain(c.id);
    expect((await portal.api('GET', '/training/courses?includeArchived=true', undefined, trainee.token)).status).toBe(403);
    expect((await portal.api('GET', `/training/courses/${c.id}`, undefined, trainee.token)).body.archived).toBe(true);
    const start = await portal.api('POST', `/training/tests/${c.tests[0].id}/start`, undefined, trainee.token);
    expect([start.status, start.body.error]).toEqual([422, 'course_archived']);
    expect((await portal.api('POST', `/training/courses/${c.id}/restore`)).body).toEqual({ id: c.id, archived: false });
    expect((await portal.api('GET', '/training/courses?limit=200', undefined, trainee.token)).body.items.map((x: any) => x.id)).toContain(c.id);
  });
});

describe('tests and attempts', () => {
  it('starts an attempt with shuffled questions and no answers, and hands the same one back while it is open', async () => {
    const c = await createCourse(courseBody('Перемішування', { lessons: 1, questions: 12 }));
    const first = await portal.api('POST', `/training/tests/${c.tests[0].id}/start`, undefined, trainee.token);
    expect(first.status).toBe(201);
    expect(JSON.stringify(first.body)).not.toContain('correct');
    expect(first.body).toMatchObject({ testId: c.tests[0].id, deadlineAt: null, resumed: false });
    expect(first.body.questions).toHaveLength(12);
    expect(first.body.questions[0]).toEqual({ id: expect.any(String), text: expect.any(String), multiple: expect.any(Boolean), choices: expect.any(Array) });
    const authored = c.tests[0].questions.map((q: any) => q.id);
    expect(first.body.questions.map((q: any) => q.id)).not.toEqual(authored);
    expect([...first.body.questions.map((q: any) => q.id)].sort()).toEqual([...authored].sort());
    const again = await portal.api('POST', `/training/tests/${c.tests[0].id}/start`, undefined, trainee.token);
    expect(again.status).toBe(200);
    expect({ ...again.body, resumed: false }).toEqual(first.body);
    const course = (await portal.api('GET', `/training/courses/${c.id}`, undefined, trainee.token)).body;
    expect(course.tests[0]).toMatchObject({ attemptsUsed: 1, attemptsLeft: 2, openAttempt: { id: first.body.attemptId, deadlineAt: null } });
    expect((await portal.api('POST', '/training/tests/11111111-1111-4111-8111-111111111111/start', undefined, trainee.token)).status).toBe(404);
  });

  it('refuses answers naming other questions or choices (400 by index) and keeps the attempt open', async () => {
    const c = await createCourse(courseBody('Валідація відповідей', { lessons: 1, questions: 3 }));
    const other = await createCourse(courseBody('Інший тест', { lessons: 1, questions: 1 }));
    const test = c.tests[0].id;
    const { attemptId } = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    const q = c.tests[0].questions;
    const post = (answers: unknown, extra: Record<string, unknown> = {}) => portal.api('POST', `/training/tests/${test}/attempts`, { attemptId, answers, ...extra }, trainee.token);
    let res = await post([{ questionId: other.tests[0].questions[0].id, choiceIds: [] }]);
    expect([res.status, fields(res)]).toEqual([400, ['answers[0].questionId']]);
    res = await post([{ questionId: q[0].id, choiceIds: [q[0].choices[0].id] }, { questionId: q[2].id, choiceIds: [q[0].choices[0].id] }]);
    expect([res.status, fields(res)]).toEqual([400, ['answers[1].choiceIds']]);
    res = await post([{ questionId: q[0].id, choiceIds: [q[0].choices[0].id, q[0].choices[1].id] }]);
    expect([res.status, res.body.details[0]]).toEqual([400, { field: 'answers[0].choiceIds', message: 'a single-choice question takes one choice' }]);
    res = await post([{ questionId: q[0].id, choiceIds: 'x' }, { questionId: q[0].id, choiceIds: [] }, { choiceIds: [] }], { extra: 1 });
    expect([res.status, fields(res)]).toEqual([400, ['extra', 'answers[0].choiceIds', 'answers[1].questionId', 'answers[2].questionId']]);
    res = await portal.api('POST', `/training/tests/${test}/attempts`, { answers: [] }, trainee.token);
    expect(res.status).toBe(200); // the open attempt, graded with nothing answered
    expect(res.body).toMatchObject({ attemptId, score: 0, maxScore: 3, scorePct: 0, passed: false, attemptsLeft: 2 });
  });

  it('grades single and multiple choice, passes at the default 80 %, shows the answers only after grading, and grades an attempt once', async () => {
    const c = await createCourse(courseBody('Оцінювання', { lessons: 1, questions: 5, test: { attempts: 2 } }));
    const test = c.tests[0].id;
    const { attemptId } = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    // Question 2 (multiple choice) half answered is wrong: 4 of 5 = 80 %, the default threshold.
    const answers = answersFrom(c);
    answers[1].choiceIds = answers[1].choiceIds.slice(0, 1);
    const graded = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId, answers }, trainee.token);
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ attemptId, score: 4, maxScore: 5, scorePct: 80, passed: true, passPct: 80, attemptsLeft: 1 });
    const byQuestion = Object.fromEntries(graded.body.results.map((r: any) => [r.questionId, r]));
    expect(byQuestion[c.tests[0].questions[1].id]).toEqual({
      questionId: c.tests[0].questions[1].id,
      correct: false,
      correctChoiceIds: expect.arrayContaining(c.tests[0].questions[1].choices.filter((x: any) => x.correct).map((x: any) => x.id)),
    });
    expect(byQuestion[c.tests[0].questions[0].id].correct).toBe(true);
    // A retry (or a second submission) of the graded attempt gets the same grade; nothing is counted twice.
    const retry = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId, answers: answersFrom(c) }, trainee.token);
    expect(retry.body).toEqual(graded.body);
    const course = (await portal.api('GET', `/training/courses/${c.id}`, undefined, trainee.token)).body;
    expect(course.tests[0]).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, bestScorePct: 80, passed: true, openAttempt: null });
  });

  it('applies a test’s own threshold: 80 % fails a 90 % test', async () => {
    const c = await createCourse(courseBody('Поріг 90', { lessons: 1, questions: 5, test: { passPct: 90 } }));
    const res = await portal.api('POST', `/training/tests/${c.tests[0].id}/attempts`, { answers: answersFrom(c, 0, [4]) }, trainee.token);
    expect(res.body).toMatchObject({ score: 4, scorePct: 80, passed: false, passPct: 90, certificateId: null });
  });

  it('refuses an attempt beyond the limit with 422 no_attempts_left', async () => {
    const c = await createCourse(courseBody('Дві спроби', { lessons: 1, questions: 2, test: { attempts: 2 } }));
    const test = c.tests[0].id;
    for (let i = 0; i < 2; i++) {
      const res = await portal.api('POST', `/training/tests/${test}/attempts`, { answers: answersFrom(c, 0, [0]) }, trainee.token);
      expect(res.body).toMatchObject({ passed: false, attemptsLeft: 1 - i });
    }
    const third = await portal.api('POST', `/training/tests/${test}/attempts`, { answers: answersFrom(c) }, trainee.token);
    expect([third.status, third.body.error]).toEqual([422, 'no_attempts_left']);
    const start = await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token);
    expect([start.status, start.body.error]).toEqual([422, 'no_attempts_left']);
    // Someone else's attempts are their own.
    expect((await portal.api('POST', `/training/tests/${test}/start`, undefined, outsider.token)).status).toBe(201);
  });

  it('grades two concurrent submissions of one attempt once', async () => {
    const c = await createCourse(courseBody('Одночасно', { lessons: 1, questions: 3, test: { attempts: 1 } }));
    const test = c.tests[0].id;
    const { attemptId } = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    const [a, b] = await Promise.all([
      portal.api('POST', `/training/tests/${test}/attempts`, { attemptId, answers: answersFrom(c) }, trainee.token),
      portal.api('POST', `/training/tests/${test}/attempts`, { attemptId, answers: answersFrom(c, 0, [0, 1, 2]) }, trainee.token),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(a.body.attemptsLeft).toBe(0);
    const course = (await portal.api('GET', `/training/courses/${c.id}`, undefined, trainee.token)).body;
    expect(course.tests[0].attemptsUsed).toBe(1);
  });

  it('shows the tests\' questions with the course (API.md), never the answers; a timed test\'s clock starts when they are shown', async () => {
    const untimed = await createCourse(courseBody('Питання з курсом', { questions: 2 }));
    const shown = (await portal.api('GET', `/training/courses/${untimed.id}`, undefined, trainee.token)).body;
    expect(JSON.stringify(shown)).not.toMatch(/"correct"/);
    expect(shown.tests[0].questions.map((q: any) => q.text)).toEqual(['Питання 1?', 'Питання 2?']);
    expect(shown.tests[0].openAttempt).toBeNull();
    const answers = shown.tests[0].questions.map((q: any) => ({ questionId: q.id, choiceIds: [q.choices[0].id] }));
    expect((await portal.api('POST', `/training/tests/${shown.tests[0].id}/attempts`, { answers }, trainee.token)).body).toMatchObject({ score: 1, maxScore: 2, passed: false });

    const timed = await createCourse(courseBody('Питання на час', { questions: 2, test: { timeLimitMinutes: 1, attempts: 2 } }));
    const first = (await portal.api('GET', `/training/courses/${timed.id}`, undefined, trainee.token)).body.tests[0];
    expect(first.questions).toHaveLength(2);
    expect(Date.parse(first.openAttempt.deadlineAt) - Date.parse(first.openAttempt.startedAt)).toBe(MINUTE);
    const again = (await portal.api('GET', `/training/courses/${timed.id}`, undefined, trainee.token)).body.tests[0];
    expect(again.openAttempt.id).toBe(first.openAttempt.id);
    const quiet = (await portal.api('GET', `/training/courses/${timed.id}?questions=false`, undefined, trainee.token)).body.tests[0];
    expect([quiet.questions, quiet.openAttempt.id]).toEqual([undefined, first.openAttempt.id]);
    await advance({ minutes: 2 });
    const late = await portal.api('POST', `/training/tests/${first.id}/attempts`, { answers: first.questions.map((q: any) => ({ questionId: q.id, choiceIds: [q.choices[0].id] })) }, trainee.token);
    expect([late.status, late.body.error]).toEqual([422, 'time_limit_exceeded']);
  });

  it('enforces the time limit by the portal clock: 30 s of grace, then 422 time_limit_exceeded and the attempt counts', async () => {
    const c = await createCourse(courseBody('На час', { lessons: 1, questions: 2, test: { timeLimitMinutes: 1, attempts: 3 } }));
    const test = c.tests[0].id;
    const unstarted = await portal.api('POST', `/training/tests/${test}/attempts`, { answers: answersFrom(c) }, trainee.token);
    expect([unstarted.status, unstarted.body.error]).toEqual([422, 'attempt_not_started']);

    const first = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    expect(first.deadlineAt).toBe(at(MINUTE));
    await advance({ to: new Date(now.getTime() + MINUTE + 20_000).toISOString() }); // within the grace
    const inGrace = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId: first.attemptId, answers: answersFrom(c, 0, [0]) }, trainee.token);
    expect(inGrace.body).toMatchObject({ passed: false, attemptsLeft: 2 });

    const second = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    await advance({ minutes: 2 });
    const late = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId: second.attemptId, answers: answersFrom(c) }, trainee.token);
    expect([late.status, late.body.error]).toEqual([422, 'time_limit_exceeded']);
    expect(late.body.details).toEqual([{ attemptId: second.attemptId, deadlineAt: second.deadlineAt }]);
    const again = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId: second.attemptId, answers: answersFrom(c) }, trainee.token);
    expect([again.status, again.body.error]).toEqual([422, 'time_limit_exceeded']);
    const course = (await portal.api('GET', `/training/courses/${c.id}?questions=false`, undefined, trainee.token)).body;
    expect(course.tests[0]).toMatchObject({ attemptsUsed: 2, attemptsLeft: 1, passed: false, bestScorePct: 50, openAttempt: null });

    // A late attempt left open is closed (and counted) when the next one starts.
    const third = (await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token)).body;
    await advance({ minutes: 5 });
    const fourth = await portal.api('POST', `/training/tests/${test}/start`, undefined, trainee.token);
    expect([fourth.status, fourth.body.error]).toEqual([422, 'no_attempts_left']);
    const late3 = await portal.api('POST', `/training/tests/${test}/attempts`, { attemptId: third.attemptId, answers: answersFrom(c) }, trainee.token);
    expect(late3.body.error).toBe('time_limit_exceeded');
  });
});

describe('certificates', () => {
  let course: any;
  let certificateId: string;

  it('issues one certificate when every lesson is done and every test passed', async () => {
    course = await createCourse(courseBody('Сертифікований курс «Продажі»', { lessons: 2, questions: 5 }));
    const pass = await portal.api('POST', `/training/tests/${course.tests[0].id}/attempts`, { answers: answersFrom(course, 0, [3]) }, trainee.token);
    expect(pass.body).toMatchObject({ passed: true, scorePct: 80, certificateId: null });
    expect((await portal.api('POST', `/training/lessons/${course.lessons[0].id}/complete`, undefined, trainee.token)).body).toMatchObject({ lessonsDone: 1, passed: false, certificateId: null });
    const last = await portal.api('POST', `/training/lessons/${course.lessons[1].id}/complete`, undefined, trainee.token);
    expect(last.body).toMatchObject({ lessonId: course.lessons[1].id, courseId: course.id, done: true, lessonsDone: 2, lessonsTotal: 2, passed: true, certificateId: expect.any(String) });
    certificateId = last.body.certificateId;
    const again = await portal.api('POST', `/training/lessons/${course.lessons[1].id}/complete`, undefined, trainee.token);
    expect(again.body).toMatchObject({ lessonsDone: 2, certificateId });
    const mine = (await portal.api('GET', `/training/courses/${course.id}`, undefined, trainee.token)).body.my;
    expect(mine).toMatchObject({ lessonsDone: 2, bestScorePct: 80, passed: true, certificateId });
  });

  it('issues the certificate when the last lesson and the last test finish at the same moment', async () => {
    const racer = await portal.user({ name: 'Швидкий Учень', roles: ['employee'], departmentId: support });
    for (let i = 0; i < 3; i++) {
      const c = await createCourse(courseBody(`Разом ${i}`, { lessons: 1, questions: 1 }));
      const [done, graded] = await Promise.all([
        portal.api('POST', `/training/lessons/${c.lessons[0].id}/complete`, undefined, racer.token),
        portal.api('POST', `/training/tests/${c.tests[0].id}/attempts`, { answers: answersFrom(c) }, racer.token),
      ]);
      expect([done.status, graded.status]).toEqual([200, 200]);
      // The progress list reads certificates as they are (a course page would repair a missing one).
      const row = (await portal.api('GET', `/training/progress?courseId=${c.id}`, undefined, racer.token)).body.items[0];
      expect(row).toMatchObject({ passed: true, certificateId: expect.any(String) });
      expect([done.body.certificateId, graded.body.certificateId]).toContain(row.certificateId);
    }
  });

  it('shows the certificate to its owner, their head and admins only', async () => {
    const res = await portal.api('GET', `/training/certificates/${certificateId}`, undefined, trainee.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: certificateId, courseId: course.id, courseTitle: 'Сертифікований курс «Продажі»', userId: trainee.id, userName: 'Олена Стажерка', scorePct: 80 });
    expect(res.body.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);
    expect((await portal.api('GET', `/training/certificates/${certificateId}`, undefined, head.token)).status).toBe(200);
    expect((await portal.api('GET', `/training/certificates/${certificateId}`)).status).toBe(200);
    expect((await portal.api('GET', `/training/certificates/${certificateId}`, undefined, outsider.token)).status).toBe(403);
    expect((await portal.api('GET', `/training/certificates/${certificateId}/pdf`, undefined, outsider.token)).status).toBe(403);
    expect((await portal.api('GET', '/training/certificates/11111111-1111-4111-8111-111111111111', undefined, trainee.token)).status).toBe(404);
  });

  it('verifies a code publicly, without a token', async () => {
    const { code, issuedAt } = (await portal.api('GET', `/training/certificates/${certificateId}`, undefined, trainee.token)).body;
    const res = await fetch(`${portal.url}/training/certificates/verify/${code}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ valid: true, code, userName: 'Олена Стажерка', courseTitle: 'Сертифікований курс «Продажі»', issuedAt });
    const typed = await fetch(`${portal.url}/training/certificates/verify/${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    expect(typed.status).toBe(200);
    for (const wrong of ['ABCDEFGHJK', 'short', 'OOOOOOOOOO']) {
      const miss = await fetch(`${portal.url}/training/certificates/verify/${wrong}`);
      expect(miss.status).toBe(200);
      expect(await miss.json()).toMatchObject({ valid: false, userName: null, courseTitle: null, issuedAt: null });
    }
  });

  it('renders the certificate as an A4 landscape PDF with a Cyrillic font, the same bytes every time', async () => {
    const get = async () => {
      const res = await fetch(`${portal.url}/training/certificates/${certificateId}/pdf`, { headers: { authorization: `Bearer ${trainee.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return Buffer.from(await res.arrayBuffer());
    };
    const pdf = await get();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect((await get()).equals(pdf)).toBe(true);
    const { code, issuedAt } = (await portal.api('GET', `/training/certificates/${certificateId}`, undefined, trainee.token)).body;
    const { text, pages } = pdfText(pdf);
    expect(pages).toBe(1);
    const date = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(issuedAt));
    for (const part of [
      'Plugin test portal',
      'СЕРТИФІКАТ',
      'про проходження навчання',
      'Цим засвідчується, що',
      'Олена Стажерка',
      'успішно пройшов(ла) курс',
      '«Сертифікований курс «Продажі»»',
      `Результат: 80 %`,
      `Дата видачі: ${date}`,
      `Код перевірки: ${code}`,
      `/api/v1/training/certificates/verify/${code}`,
    ]) {
      expect(text).toContain(part);
    }
  });
});

describe('programs', () => {
  let course: any;
  let assignmentId: string;
  let newcomer: User;

  it('refuses bad assignments with 400 naming the field, and people who may not assign', async () => {
    course = await createCourse(courseBody('Програма для стажерів', { lessons: 1, questions: 1 }));
    const post = (body: unknown, token?: string) => portal.api('POST', '/training/assignments', body, token);
    let res = await post({ courseId: course.id, dueAt: at(7 * DAY) });
    expect([res.status, fields(res)]).toEqual([400, ['role']]);
    res = await post({ courseId: course.id, role: 'trainee', userId: trainee.id, dueAt: at(7 * DAY) });
    expect([res.status, fields(res)]).toEqual([400, ['userId']]);
    res = await post({ courseId: 'nope', role: 'boss', dueAt: at(-DAY) });
    expect(fields(res)).toEqual(['dueAt', 'courseId', 'role']);
    res = await post({ courseId: course.id, departmentId: '11111111-1111-4111-8111-111111111111', dueAt: 'tomorrow' });
    expect(fields(res)).toEqual(['dueAt', 'departmentId']);
    expect((await post({ courseId: course.id, role: 'trainee', dueAt: at(7 * DAY) }, head.token)).status).toBe(403);
    expect((await post({ courseId: course.id, userId: outsider.id, dueAt: at(7 * DAY) }, head.token)).status).toBe(403);
    expect((await post({ courseId: course.id, userId: trainee.id, dueAt: at(7 * DAY) }, trainee.token)).status).toBe(403);
  });

  it('assigns a course to a role by a due date, enrolling who holds it now — idempotently', async () => {
    const body = { courseId: course.code, role: 'trainee', dueAt: at(7 * DAY) };
    const res = await portal.api('POST', '/training/assignments', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ courseId: course.id, role: 'trainee', departmentId: null, userId: null, dueAt: at(7 * DAY), createdAt: now.toISOString(), enrolled: 1 });
    assignmentId = res.body.id;
    expect((await portal.api('POST', '/training/assignments', body)).body.id).toBe(assignmentId);
    const other = await portal.api('POST', '/training/assignments', { ...body, dueAt: at(8 * DAY) });
    expect([other.status, other.body.error, other.body.details]).toEqual([409, 'assignment_exists', [{ id: assignmentId }]]);
    const mine = (await portal.api('GET', '/training/progress', undefined, trainee.token)).body.items.find((r: any) => r.courseId === course.id);
    expect(mine).toMatchObject({ userId: trainee.id, dueAt: at(7 * DAY), overdue: false, passed: false, lessonsDone: 0, lessonsTotal: 1 });
  });

  it('enrols a person who gets the role later, with the same time allowance from when they arrive', async () => {
    await advance({ days: 2 });
    newcomer = await portal.user({ name: 'Новенький Стажер', roles: ['trainee'], departmentId: sales });
    const progress = (await portal.api('GET', '/training/progress', undefined, newcomer.token)).body.items;
    expect(progress).toEqual([expect.objectContaining({ courseId: course.id, userName: 'Новенький Стажер', dueAt: at(7 * DAY), overdue: false })]);
    const catalogue = (await portal.api('GET', '/training/courses', undefined, newcomer.token)).body.items;
    expect(catalogue[0]).toMatchObject({ id: course.id, my: { dueAt: at(7 * DAY), overdue: false } });
    const assigned = (await portal.api('GET', '/training/courses?assigned=true', undefined, newcomer.token)).body.items;
    expect(assigned.map((c: any) => c.id)).toEqual([course.id]);
    // A person who gets the role by a change is enrolled too; losing it hides the assignment again.
    expect((await portal.api('PATCH', `/users/${outsider.id}`, { roles: ['employee', 'trainee'] })).status).toBe(200);
    expect((await portal.api('GET', '/training/progress', undefined, outsider.token)).body.items.map((r: any) => r.courseId)).toContain(course.id);
    expect((await portal.api('PATCH', `/users/${outsider.id}`, { roles: ['employee'] })).status).toBe(200);
    expect((await portal.api('GET', '/training/progress', undefined, outsider.token)).body.items.map((r: any) => r.courseId)).not.toContain(course.id);
    const list = (await portal.api('GET', `/training/assignments?courseId=${course.id}`)).body.items;
    expect(list).toEqual([expect.objectContaining({ id: assignmentId, courseTitle: 'Програма для стажерів', enrolled: 2, passed: 0, overdue: 0 })]);
  });

  it('assigns to a department with its sub-departments (heads may, for their own), and to a person', async () => {
    const dept = await portal.api('POST', '/training/assignments', { courseId: course.id, departmentId: sales, dueAt: at(3 * DAY) }, head.token);
    expect(dept.status).toBe(201);
    expect(dept.body.enrolled).toBe(4); // the head, two trainees, and the Kyiv manager below
    const kyiv = (await portal.api('GET', '/training/progress', undefined, kyivTrainee.token)).body.items;
    expect(kyiv).toEqual([expect.objectContaining({ courseId: course.id, dueAt: at(3 * DAY) })]);
    // Two assignments of one course: the earlier due date counts.
    expect((await portal.api('GET', '/training/progress', undefined, trainee.token)).body.items.find((r: any) => r.courseId === course.id).dueAt).toBe(at(3 * DAY));
    const person = await portal.api('POST', '/training/assignments', { courseId: course.id, userId: outsider.id, dueAt: '2099-12-31' });
    expect(person.body).toMatchObject({ userId: outsider.id, userName: 'Іван Сторонній', dueAt: '2099-12-31T21:59:59.000Z', enrolled: 1 });
    const byHead = (await portal.api('GET', '/training/assignments', undefined, head.token)).body.items.map((a: any) => a.id);
    expect(byHead).toEqual([dept.body.id]);
    expect((await portal.api('DELETE', `/training/assignments/${person.body.id}`, undefined, head.token)).status).toBe(403);
    expect((await portal.api('DELETE', `/training/assignments/${person.body.id}`)).body).toEqual({ id: person.body.id, deleted: true });
    expect((await portal.api('GET', '/training/progress', undefined, outsider.token)).body.items.map((r: any) => r.courseId)).not.toContain(course.id);
  });

  it('lets admins and the person’s heads see their progress, and nobody else', async () => {
    expect((await portal.api('GET', `/training/progress?userId=${trainee.id}`, undefined, head.token)).status).toBe(200);
    expect((await portal.api('GET', `/training/progress?userId=${kyivTrainee.id}`, undefined, head.token)).status).toBe(200);
    expect((await portal.api('GET', `/training/progress?userId=${outsider.id}`, undefined, head.token)).status).toBe(403);
    expect((await portal.api('GET', `/training/progress?userId=${trainee.id}`, undefined, kyivTrainee.token)).status).toBe(403);
    expect((await portal.api('GET', `/training/progress?userId=${outsider.id}`)).status).toBe(200);
    expect(fields(await portal.api('GET', '/training/progress?userId=nope'))).toEqual(['userId']);
  });

  it('notifies an overdue trainee and their head once, and shows the head who is behind, overdue first', async () => {
    // The trainee passes; the newcomer and the Kyiv manager do not.
    const pass = await portal.api('POST', `/training/tests/${course.tests[0].id}/attempts`, { answers: answersFrom(course) }, trainee.token);
    expect(pass.body.passed).toBe(true);
    await portal.api('POST', `/training/lessons/${course.lessons[0].id}/complete`, undefined, trainee.token);
    await advance({ days: 4 }); // the department's due date (3 days after it was made) has passed; the role's not yet
    const sweeper = portal.app.get(TrainingSweeper);
    await sweeper.sweep();
    const notes = async (u: User) => ((await portal.api('GET', '/notifications?limit=200', undefined, u.token)).body.items as any[]).filter((n) => n.kind === 'training.overdue');
    expect((await notes(newcomer)).map((n) => n.text)).toEqual([expect.stringMatching(/^Навчання прострочено: курс «Програма для стажерів» треба було пройти до \d{2}\.\d{2}\.\d{4}\.$/)]);
    expect(await notes(trainee)).toEqual([]);
    const headNotes = (await notes(head)).map((n) => n.text);
    expect(headNotes).toEqual(expect.arrayContaining([expect.stringContaining('Новенький Стажер не пройшов(ла) курс «Програма для стажерів»'), expect.stringContaining('Петро Київський')]));
    const count = headNotes.length;
    await sweeper.sweep();
    expect((await notes(head)).length).toBe(count);
    expect((await notes(newcomer)).length).toBe(1);

    const team = await portal.api('GET', '/training/team-progress?limit=200', undefined, head.token);
    expect(team.status).toBe(200);
    const rows = (team.body.items as any[]).filter((r) => r.courseId === course.id);
    expect(rows.map((r) => [r.userName, r.overdue])).toEqual([
      ['Ганна Керівник', true],
      ['Новенький Стажер', true],
      ['Петро Київський', true],
      ['Олена Стажерка', false],
    ]);
    expect(rows[2]).toMatchObject({ departmentId: salesKyiv, departmentName: 'Продажі Київ', lessonsDone: 0, lessonsTotal: 1, passed: false });
    expect(rows[3]).toMatchObject({ passed: true, bestScorePct: 100 });
    expect((team.body.items as any[]).map((r) => r.userId)).not.toContain(outsider.id);
    const overdueOnly = (await portal.api('GET', `/training/team-progress?overdue=true&departmentId=${salesKyiv}`, undefined, head.token)).body.items;
    expect(overdueOnly.map((r: any) => r.userName)).toEqual(['Петро Київський']);
    expect((await portal.api('GET', `/training/team-progress?departmentId=${support}`, undefined, head.token)).status).toBe(403);
    expect((await portal.api('GET', '/training/team-progress', undefined, trainee.token)).status).toBe(403);
    expect(fields(await portal.api('GET', '/training/team-progress?overdue=yes&departmentId=x'))).toEqual(['departmentId', 'overdue']);
    const all = (await portal.api('GET', `/training/team-progress?courseId=${course.id}&limit=2`)).body;
    expect(all.items).toHaveLength(2);
    const next = (await portal.api('GET', `/training/team-progress?courseId=${course.id}&limit=2&cursor=${all.nextCursor}`)).body;
    expect(next.items.map((r: any) => r.userId)).not.toContain(all.items[0].userId);
  });

  it('shows the caller’s own progress: assigned or started courses, with scores and certificates', async () => {
    const items = (await portal.api('GET', `/training/progress?courseId=${course.id}`, undefined, trainee.token)).body.items;
    expect(items).toEqual([
      expect.objectContaining({ courseId: course.id, courseTitle: 'Програма для стажерів', lessonsDone: 1, lessonsTotal: 1, bestScore: 1, bestScorePct: 100, passed: true, passedAt: expect.any(String), overdue: false, certificateId: expect.any(String) }),
    ]);
  });
});

describe('search', () => {
  let uk: any;
  let ru: any;
  let en: any;

  beforeAll(async () => {
    uk = await createCourse({
      title: 'Робота з клієнтами',
      summary: 'Дзвінки, листи та зустрічі',
      lessons: [
        { title: 'Перший контакт', material: 'Привітайтеся й дізнайтеся, що потрібно клієнту.' },
        { title: 'Рух по стадіях', material: '## Як перемістити угоду\n\nЩоб перемістити **угоду** на наступну стадію воронки, заповніть обов’язкові поля. Кожна воронку має свої правила.' },
      ],
      tests: [],
    });
    ru = await createCourse({ title: 'Работа со сделками', locale: 'ru', lessons: [{ title: 'Этапы', material: 'Каждая сделка проходит этапы воронки продаж.' }], tests: [] });
    en = await createCourse({ title: 'Pipeline basics', locale: 'en', lessons: [{ title: 'Stages', material: 'Every pipeline has stages; deals move through them.' }], tests: [] });
  });

  const search = async (q: string, token = trainee.token) => {
    const res = await portal.api('GET', `/training/courses?q=${encodeURIComponent(q)}`, undefined, token);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };

  it('finds Ukrainian word forms: "воронки" finds "воронки"/"воронку", "угоди" finds "угоду", with the lesson and a marked snippet', async () => {
    const hits = await search('воронки');
    expect(hits.map((h) => h.id)).toContain(uk.id);
    const hit = hits.find((h) => h.id === uk.id);
    expect(hit.match).toEqual({ lessonId: uk.lessons[1].id, title: 'Рух по стадіях', snippet: expect.stringContaining('наступну стадію [[воронки]]') });
    expect(hit.match.snippet).toContain('[[воронку]]');
    expect((await search('угоди')).map((h) => h.id)).toContain(uk.id);
    expect((await search('угодою')).find((h) => h.id === uk.id).match.lessonId).toBe(uk.lessons[1].id);
    expect((await search('обов’язкового поля')).map((h) => h.id)).toEqual([uk.id]);
    expect((await search('клієнтів')).map((h) => h.id)).toContain(uk.id);
  });

  it('finds Russian and English word forms too, and needs every word to match', async () => {
    expect((await search('сделки')).map((h) => h.id)).toEqual([ru.id]);
    expect((await search('воронке продаж')).map((h) => h.id)).toEqual([ru.id]);
    expect((await search('pipelines')).map((h) => h.id)).toEqual([en.id]);
    expect((await search('moving deals')).map((h) => h.id)).toEqual([en.id]);
    expect(await search('угоди сделки')).toEqual([]);
    expect(await search('астрономія')).toEqual([]);
    expect(await search('і та the')).toEqual([]);
  });

  it('ranks title hits above material hits, and leaves out archived courses', async () => {
    const titled = await createCourse({ title: 'Воронка продажів', lessons: [{ title: 'Вступ', material: 'Загальні відомості.' }], tests: [] });
    const hits = await search('воронка');
    expect(hits[0].id).toBe(titled.id);
    expect(hits[0].match).toMatchObject({ lessonId: null, title: 'Воронка продажів' });
    await portal.api('DELETE', `/training/courses/${titled.id}`);
    expect((await search('воронка')).map((h) => h.id)).not.toContain(titled.id);
    expect(fields(await portal.api('GET', `/training/courses?q=${'x'.repeat(201)}`))).toEqual(['q']);
  });

  it('filters the catalogue by role: courses for the role and for everyone', async () => {
    const forManagers = await createCourse({ ...courseBody('Тільки менеджерам', { questions: 0, lessons: 1 }), roles: ['manager'] });
    const ids = async (role: string) => (await portal.api('GET', `/training/courses?role=${role}&limit=200`, undefined, trainee.token)).body.items.map((c: any) => c.id);
    expect(await ids('manager')).toEqual(expect.arrayContaining([forManagers.id, uk.id]));
    expect(await ids('accountant')).not.toContain(forManagers.id);
    expect(await ids('accountant')).toContain(uk.id);
    expect(fields(await portal.api('GET', '/training/courses?role=boss&assigned=maybe&limit=0'))).toEqual(['assigned', 'limit']);
    expect(fields(await portal.api('GET', '/training/courses?role=boss'))).toEqual(['role']);
    const page = (await portal.api('GET', '/training/courses?limit=2', undefined, trainee.token)).body;
    expect(page.items).toHaveLength(2);
    const rest = (await portal.api('GET', `/training/courses?limit=200&cursor=${page.nextCursor}`, undefined, trainee.token)).body.items.map((c: any) => c.id);
    expect(rest).not.toContain(page.items[0].id);
    expect(fields(await portal.api('GET', '/training/courses?cursor=garbage'))).toEqual(['cursor']);
  });
});

describe('plugin courses (the data consumer, called as the host calls it)', () => {
  const consume = (items: unknown[], pluginId = 'course-shipper') =>
    (training.dataConsumers ?? {})['training']({ portalId: portal.portalId, pluginId: 'training', settings: {}, query: (sql, params) => portal.sql(sql, params) }, { pluginId, items });
  const shipped = (title: string, lessons: { code: string; title: string }[], extra: Record<string, unknown> = {}) => [
    { code: 'shipped-course', locale: 'ru', title: `${title} (ru)`, lessons: lessons.map((l) => ({ ...l, material: 'Текст' })), ...extra },
    { code: 'shipped-course', locale: 'uk', title, lessons: lessons.map((l) => ({ ...l, material: 'Текст' })), ...extra },
    { code: 'shipped-course', locale: 'en', title: `${title} (en)`, lessons: lessons.map((l) => ({ ...l, material: 'Text' })), ...extra },
  ];
  const test = {
    tests: [{ code: 'check', title: 'Перевірка', questions: [{ text: 'Так?', choices: [{ text: 'Так', correct: true }, { text: 'Ні', correct: false }] }] }],
  };

  it('plays a plugin’s course in the portal’s language, then updates it in place keeping ids and progress', async () => {
    await consume(shipped('Курс плагіна', [{ code: 'a', title: 'Урок А' }, { code: 'b', title: 'Урок Б' }], test));
    const first = (await portal.api('GET', '/training/courses/shipped-course')).body;
    expect(first).toMatchObject({ title: 'Курс плагіна', source: 'plugin:course-shipper', locale: 'uk' });
    expect(first.lessons.map((l: any) => l.code)).toEqual(['a', 'b']);
    expect((await portal.api('POST', `/training/lessons/${first.lessons[1].id}/complete`, undefined, trainee.token)).status).toBe(200);
    const firstEdit = (await portal.api('GET', `/training/courses/${first.id}/edit`)).body;

    await consume(shipped('Курс плагіна 2', [{ code: 'b', title: 'Урок Б (новий)' }, { code: 'c', title: 'Урок В' }], test));
    const second = (await portal.api('GET', `/training/courses/${first.id}`, undefined, trainee.token)).body;
    expect(second.title).toBe('Курс плагіна 2');
    expect(second.lessons.map((l: any) => [l.code, l.title, l.done])).toEqual([
      ['b', 'Урок Б (новий)', true],
      ['c', 'Урок В', false],
    ]);
    expect(second.lessons[0].id).toBe(first.lessons[1].id);
    const secondEdit = (await portal.api('GET', `/training/courses/${first.id}/edit`)).body;
    expect(secondEdit.tests[0].id).toBe(firstEdit.tests[0].id);
    expect(secondEdit.tests[0].questions[0].choices.map((c: any) => c.id)).toEqual(firstEdit.tests[0].questions[0].choices.map((c: any) => c.id));
  });

  it('leaves alone a code the portal owns, and a plugin course an admin has edited', async () => {
    const own = await createCourse({ ...courseBody('Свій курс', { questions: 0, lessons: 1 }), code: 'portal-owned' });
    await consume([{ code: 'portal-owned', locale: 'uk', title: 'Чужий', lessons: [{ code: 'x', title: 'x', material: 'x' }] }]);
    expect((await portal.api('GET', '/training/courses/portal-owned')).body).toMatchObject({ id: own.id, title: 'Свій курс', source: 'portal' });
    const c = (await portal.api('GET', '/training/courses/shipped-course/edit')).body;
    const edited = await portal.api('PUT', `/training/courses/${c.id}`, { title: 'Змінено адміном', lessons: c.lessons.map((l: any) => ({ id: l.id, title: l.title, material: 'Свій текст' })) });
    expect(edited.body).toMatchObject({ source: 'plugin:course-shipper', customized: true });
    await consume(shipped('Курс плагіна 3', [{ code: 'b', title: 'Б' }]));
    expect((await portal.api('GET', `/training/courses/${c.id}`)).body.title).toBe('Змінено адміном');
  });

  it('refuses broken install data, naming the item by its index', async () => {
    await expect(consume([{ code: 'broken', locale: 'uk', title: 'Зламаний', lessons: [{ code: 'a', material: 'x' }] }])).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'training[0].lessons[0].title', message: 'course-shipper: is required' }],
    });
  });
});

describe('portal isolation', () => {
  it('never shows one portal’s courses, lessons, tests or certificates to another', async () => {
    const mine = await createCourse(courseBody('Секретний курс воронки', { lessons: 1, questions: 1 }));
    const slug = `other-${Date.now()}`;
    const created = await fetch(`${portal.url}/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Other', slug, locale: 'uk', admin: { email: `a@${slug}.test`, password: 'other-password-1', name: 'Other admin' } }),
    });
    expect(created.status).toBe(201);
    const login = await fetch(`${portal.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ portal: slug, email: `a@${slug}.test`, password: 'other-password-1' }) });
    const other = ((await login.json()) as any).accessToken as string;
    expect((await portal.api('GET', '/training/courses', undefined, other)).body.error).toBe('plugin_not_installed');
    expect((await portal.api('POST', '/marketplace/training/install', undefined, other)).status).toBe(200);
    const theirs = (await portal.api('GET', '/training/courses?limit=200', undefined, other)).body.items.map((c: any) => c.id);
    expect(theirs).not.toContain(mine.id);
    expect((await portal.api('GET', '/training/courses?q=воронки', undefined, other)).body.items.map((c: any) => c.id)).not.toContain(mine.id);
    expect((await portal.api('GET', `/training/courses/${mine.id}`, undefined, other)).status).toBe(404);
    expect((await portal.api('GET', `/training/courses/${mine.code}`, undefined, other)).status).toBe(404);
    expect((await portal.api('POST', `/training/lessons/${mine.lessons[0].id}/complete`, undefined, other)).status).toBe(404);
    expect((await portal.api('POST', `/training/tests/${mine.tests[0].id}/start`, undefined, other)).status).toBe(404);
    expect((await portal.api('POST', `/training/tests/${mine.tests[0].id}/attempts`, { answers: [] }, other)).status).toBe(404);
    const cert = (await portal.api('GET', '/training/progress', undefined, trainee.token)).body.items.find((r: any) => r.certificateId).certificateId;
    expect((await portal.api('GET', `/training/certificates/${cert}`, undefined, other)).status).toBe(404);
    expect((await portal.api('POST', '/training/assignments', { courseId: mine.id, role: 'trainee', dueAt: at(DAY) }, other)).body.details).toEqual([
      { field: 'courseId', message: 'is not a course of this portal (give its id or code)' },
    ]);
    expect((await portal.api('GET', '/training/team-progress', undefined, other)).body.items.map((r: any) => r.userId)).not.toContain(trainee.id);
  });
});
