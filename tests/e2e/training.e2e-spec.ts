import { pdfText } from './support/pdf';
import { Session, addUser, api, signUp } from './support/api';

/**
 * Issue 8 from outside, on the built app: a digital studio installs its plugin and Training; the studio's own course
 * (seed 004, in Ukrainian) arrives with it, a refused move links to its lesson, a trainee enrolled by role fails the
 * test once and passes it, the certificate verifies publicly, and the leads pipeline's assignment pool opens to them
 * only after they passed.
 */

async function ok(method: string, path: string, s: Session | null, body?: unknown) {
  const res = await api(method, path, { token: s?.token, body });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let admin: Session;
let course: any;
let edit: any;

beforeAll(async () => {
  admin = await signUp({ locale: 'uk', timezone: 'Europe/Kyiv', sandbox: true });
  await ok('POST', '/marketplace/digital-studio/install', admin);
  await ok('POST', '/marketplace/training/install', admin);
  course = await ok('GET', '/training/courses/studio-sales', admin);
  edit = await ok('GET', `/training/courses/${course.id}/edit`, admin);
}, 120_000);

const answersOf = (test: any, right: boolean) =>
  test.questions.map((q: any) => ({ questionId: q.id, choiceIds: q.choices.filter((c: any) => (right ? c.correct : !c.correct)).map((c: any) => c.id).slice(0, right ? undefined : 1) }));

it('plays the studio\'s course from its install data, in the portal\'s language, without the answers', async () => {
  expect(course).toMatchObject({ code: 'studio-sales', source: 'plugin:digital-studio', locale: 'uk' });
  expect(course.lessons.length).toBeGreaterThanOrEqual(3);
  expect(course.tests[0]).toMatchObject({ passPct: 80, attempts: 3 });
  const shown = JSON.stringify(course);
  expect(shown).not.toMatch(/"correct"/);
  const catalogue = (await ok('GET', '/training/courses', admin)).items.map((c: any) => c.code);
  expect(catalogue).toEqual(expect.arrayContaining(['studio-sales', 'studio-projects', 'studio-leadership', 'training-basics']));
});

it('finds lessons by Ukrainian word forms', async () => {
  const found = (await ok('GET', `/training/courses?q=${encodeURIComponent('воронки')}`, admin)).items;
  expect(found.map((c: any) => c.code)).toContain('studio-sales');
  const hit = found.find((c: any) => c.code === 'studio-sales');
  expect(hit.match.snippet).toMatch(/\[\[[^\]]*ворон/i);
});

it('answers a refused move with "Learn how" lessons for the refused rule', async () => {
  const lead = await ok('POST', '/deals', admin, { title: 'Лід без бюджету', pipeline: 'studio_leads' });
  const refused = await api('PATCH', `/deals/${lead.id}`, { token: admin.token, body: { stage: 'deal' } });
  expect([refused.status, refused.body.error]).toEqual([422, 'stage_rules_unmet']);
  expect(refused.body.help.length).toBeGreaterThan(0);
  expect(refused.body.help[0]).toMatchObject({ courseId: course.id, lessonId: expect.any(String), title: expect.any(String) });
  expect(course.lessons.map((l: any) => l.id)).toContain(refused.body.help[0].lessonId);
});

describe('a trainee', () => {
  let trainee: Session;
  let leadsPipeline: string;

  beforeAll(async () => {
    const dept = await ok('POST', '/departments', admin, { name: 'Відділ продажів' });
    await ok('POST', '/training/assignments', admin, { courseId: course.id, role: 'trainee', dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    // Joins after the assignment: enrolled automatically.
    trainee = await addUser(admin, ['trainee'], { departmentId: dept.id });
    leadsPipeline = (await ok('GET', '/pipelines', admin)).find((p: any) => p.code === 'studio_leads').id;
    await ok('PATCH', `/pipelines/${leadsPipeline}`, admin, { assignment: { strategy: 'least-loaded', departmentId: dept.id, requiresCourseId: course.id } });
  });

  it('is enrolled by role and gets no leads before passing', async () => {
    const mine = (await ok('GET', '/training/progress', trainee)).items;
    expect(mine.find((p: any) => p.courseId === course.id)).toMatchObject({ passed: false, lessonsDone: 0, dueAt: expect.any(String) });
    const lead = await ok('POST', '/deals', admin, { title: 'Вхідний лід', pipeline: 'studio_leads' });
    expect(lead.responsibleId).not.toBe(trainee.userId);
  });

  it('fails the test once, is refused after the time limit, and passes; gets a certificate that verifies publicly', async () => {
    const [test] = edit.tests;
    for (const l of edit.lessons) await ok('POST', `/training/lessons/${l.id}/complete`, trainee);

    const first = await ok('POST', `/training/tests/${test.id}/start`, trainee);
    expect(JSON.stringify(first)).not.toMatch(/"correct"/);
    const failed = await ok('POST', `/training/tests/${test.id}/attempts`, trainee, { attemptId: first.attemptId, answers: answersOf(test, false) });
    expect(failed).toMatchObject({ passed: false, attemptsLeft: 2, certificateId: null });

    const late = await ok('POST', `/training/tests/${test.id}/start`, trainee);
    await ok('POST', '/test-clock/advance', admin, { minutes: (test.timeLimitMinutes ?? 10) + 1 });
    const refused = await api('POST', `/training/tests/${test.id}/attempts`, { token: trainee.token, body: { attemptId: late.attemptId, answers: answersOf(test, true) } });
    expect([refused.status, refused.body.error]).toEqual([422, 'time_limit_exceeded']);

    const last = await ok('POST', `/training/tests/${test.id}/start`, trainee);
    const passed = await ok('POST', `/training/tests/${test.id}/attempts`, trainee, { attemptId: last.attemptId, answers: answersOf(test, true) });
    expect(passed).toMatchObject({ passed: true, attemptsLeft: 0, scorePct: 100 });
    expect(passed.certificateId).toEqual(expect.any(String));

    const cert = await ok('GET', `/training/certificates/${passed.certificateId}`, trainee);
    const verified = await api('GET', `/training/certificates/verify/${cert.code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, courseTitle: course.title });
    const unknown = await api('GET', '/training/certificates/verify/NOSUCHCODE');
    expect([unknown.status, unknown.body.valid]).toEqual([200, false]);

    const pdf = await fetch(`${process.env['E2E_URL']}/training/certificates/${cert.id}/pdf`, { headers: { authorization: `Bearer ${trainee.token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const text = pdfText(bytes);
    expect(text).toContain(cert.code);
    expect(text).toContain(course.title);
  });

  it('gets the pipeline\'s new leads once passed, and shows up passed in the heads\' view', async () => {
    const lead = await ok('POST', '/deals', admin, { title: 'Лід після навчання', pipeline: 'studio_leads' });
    expect(lead.responsibleId).toBe(trainee.userId);
    const team = (await ok('GET', '/training/team-progress', admin)).items;
    expect(team.find((r: any) => r.userId === trainee.userId && r.courseId === course.id)).toMatchObject({ passed: true, overdue: false });
  });

  it('notifies an overdue trainee and their head once the portal\'s clock passes the due date', async () => {
    const head = await addUser(admin, ['head']);
    const dept = await ok('POST', '/departments', admin, { name: 'Підтримка', headId: head.userId });
    const late = await addUser(admin, ['employee'], { departmentId: dept.id });
    const projects = await ok('GET', '/training/courses/studio-projects', admin);
    const now = (await ok('GET', '/test-clock', admin)).now;
    await ok('POST', '/training/assignments', admin, { courseId: projects.id, userId: late.userId, dueAt: new Date(Date.parse(now) + 86_400_000).toISOString() });
    await ok('POST', '/test-clock/advance', admin, { days: 2 });
    const overdue = async (s: Session) => (await ok('GET', '/notifications', s)).items.filter((n: any) => n.kind === 'training.overdue');
    expect(await overdue(late)).toHaveLength(1);
    expect(await overdue(head)).toHaveLength(1);
    await ok('POST', '/test-clock/advance', admin, { days: 1 });
    expect(await overdue(late)).toHaveLength(1);
    const team = (await ok('GET', '/training/team-progress?overdue=true', head)).items;
    expect(team.map((r: any) => [r.userId, r.courseId, r.overdue])).toEqual([[late.userId, projects.id, true]]);
  });
});
