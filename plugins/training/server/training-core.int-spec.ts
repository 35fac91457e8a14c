import { definePlugin } from '@portal/plugin-sdk';
import type { PluginCourseData } from '@portal/plugin-sdk';
import { bootPortal } from '@portal/plugin-sdk/testing';
import type { PortalUnderTest } from '@portal/plugin-sdk/testing';
// The gate is a setting of the load-balancer's pools: its manifest must be in the test's catalog. Test-only; the
// plugin's own code never imports another plugin.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadBalancer } from '@portal/plugin-load-balancer';
import { training } from './index';

/**
 * What the core does with the training plugin's hooks (wired in core): other plugins' courses played at install
 * (`dataConsumers`), help on a refused stage move (`refusalHelp`), and a pipeline's assignment pool that requires a
 * passed course (`coursePassers`, with the load-balancer's `least-loaded`).
 */

const shippedCourse = (title: string, lessonTitles: string[]): PluginCourseData[] =>
  (['ru', 'uk'] as const).map((locale) => ({
    code: 'shipper-course',
    locale,
    title: locale === 'uk' ? title : `${title} (ru)`,
    roles: ['manager'],
    lessons: lessonTitles.map((t, i) => ({ code: `l${i + 1}`, title: t, material: `Матеріал: ${t}`, helpFor: [{ pipeline: 'shipper', stage: 'check' }] })),
    tests: [{ code: 't1', title: 'Тест', questions: [{ text: 'Так?', choices: [{ text: 'Так', correct: true }, { text: 'Ні', correct: false }] }] }],
  }));

const courseShipper = definePlugin({ id: 'course-shipper', version: '1.0.0', name: 'Course shipper', install: { training: shippedCourse('Курс від плагіна', ['Перший', 'Другий']) } });

let portal: PortalUnderTest;

beforeAll(async () => {
  portal = await bootPortal({ plugins: [loadBalancer, training, courseShipper], install: ['training', 'load-balancer'] });
}, 240_000);

afterAll(async () => portal?.close());

async function createCourse(body: unknown) {
  const res = await portal.api('POST', '/training/courses', body);
  expect([res.status, res.body?.details]).toEqual([201, undefined]);
  return res.body;
}

/** Passes a course (every lesson, every test) as `token`. */
async function pass(courseId: string, token: string) {
  const edit = (await portal.api('GET', `/training/courses/${courseId}/edit`)).body;
  for (const l of edit.lessons) expect((await portal.api('POST', `/training/lessons/${l.id}/complete`, undefined, token)).status).toBe(200);
  for (const t of edit.tests) {
    const answers = t.questions.map((q: any) => ({ questionId: q.id, choiceIds: q.choices.filter((c: any) => c.correct).map((c: any) => c.id) }));
    expect((await portal.api('POST', `/training/tests/${t.id}/attempts`, { answers }, token)).body.passed).toBe(true);
  }
  expect((await portal.api('GET', `/training/courses/${courseId}`, undefined, token)).body.my.passed).toBe(true);
}

describe('courses shipped in install data (dataConsumers)', () => {
  it('installs the plugin’s own "How to learn" course in the portal’s language', async () => {
    const res = await portal.api('GET', '/training/courses/training-basics');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Як навчатися на порталі', source: 'plugin:training', locale: 'uk', roles: [] });
    expect(res.body.lessons.map((l: any) => l.code)).toEqual(['courses-and-tests', 'certificates-and-help']);
    expect(res.body.tests).toEqual([expect.objectContaining({ code: 'basics-check', passPct: 80, questionsTotal: 3 })]);
  });

  it('plays the course another plugin ships when that plugin is installed, keeping progress across a reinstall', async () => {
    expect((await portal.api('POST', '/marketplace/course-shipper/install')).status).toBe(200);
    const course = (await portal.api('GET', '/training/courses/shipper-course')).body;
    expect(course).toMatchObject({ title: 'Курс від плагіна', source: 'plugin:course-shipper', locale: 'uk', roles: ['manager'] });
    expect((await portal.api('POST', `/training/lessons/${course.lessons[0].id}/complete`)).status).toBe(200);
    expect((await portal.api('POST', '/marketplace/course-shipper/uninstall')).status).toBe(200);
    expect((await portal.api('POST', '/marketplace/course-shipper/install')).status).toBe(200);
    const again = (await portal.api('GET', `/training/courses/${course.id}`)).body;
    expect(again.lessons.map((l: any) => [l.id, l.done])).toEqual([
      [course.lessons[0].id, true],
      [course.lessons[1].id, false],
    ]);
  });
});

describe('help on a refused stage move (refusalHelp)', () => {
  it('answers 422 with the lessons tagged for the refused stage and rule', async () => {
    const p = await portal.api('POST', '/pipelines', {
      code: 'help_sales',
      name: 'Продажі',
      stages: [
        { code: 'new', name: 'Нова' },
        { code: 'proposal', name: 'Пропозиція', rules: { requiredFields: ['budget'] } },
        { code: 'won', name: 'Успіх', kind: 'won' },
      ],
    });
    expect(p.status).toBe(201);
    const course = await createCourse({
      title: 'Стадії продажу',
      lessons: [
        { title: 'Як заповнити бюджет', material: 'Бюджет обовʼязковий на стадії «Пропозиція».', helpFor: [{ pipeline: 'help_sales', stage: 'proposal', rule: 'requiredFields' }] },
        { title: 'Усе про пропозицію', material: 'Що треба для пропозиції.', helpFor: [{ pipeline: 'help_sales', stage: 'proposal' }] },
        { title: 'Відкриті задачі', material: 'Закрийте задачі.', helpFor: [{ pipeline: 'help_sales', stage: 'proposal', rule: 'noOpenTasks' }] },
        { title: 'Інша стадія', material: 'Про успіх.', helpFor: [{ pipeline: 'help_sales', stage: 'won' }] },
      ],
    });
    const archived = await createCourse({ title: 'Старий курс', lessons: [{ title: 'Застаріле', material: 'x', helpFor: [{ pipeline: 'help_sales', stage: 'proposal' }] }] });
    await portal.api('DELETE', `/training/courses/${archived.id}`);
    const deal = (await portal.api('POST', '/deals', { title: 'Без бюджету', pipeline: 'help_sales' })).body;
    const refused = await portal.api('PATCH', `/deals/${deal.id}`, { stage: 'proposal' });
    expect([refused.status, refused.body.error]).toEqual([422, 'stage_rules_unmet']);
    expect(refused.body.help).toEqual([
      { courseId: course.id, lessonId: course.lessons[0].id, title: 'Як заповнити бюджет' },
      { courseId: course.id, lessonId: course.lessons[1].id, title: 'Усе про пропозицію' },
    ]);
    // A move nobody tagged lessons for is refused without help.
    const plain = await portal.api('POST', '/pipelines', { code: 'plain', name: 'Plain', stages: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B', rules: { requiredFields: ['budget'] } }] });
    expect(plain.status).toBe(201);
    const other = (await portal.api('POST', '/deals', { title: 'Інша', pipeline: 'plain' })).body;
    const bare = await portal.api('PATCH', `/deals/${other.id}`, { stage: 'b' });
    expect(bare.status).toBe(422);
    expect(bare.body.help ?? []).toEqual([]);
  });
});

describe('training gates work (coursePassers + the load-balancer’s pool)', () => {
  it('gives a pipeline’s new deals only to pool members who passed the required course', async () => {
    const dept = (await portal.api('POST', '/departments', { name: 'Відділ продажів' })).body.id;
    const anna = await portal.user({ name: 'Анна', roles: ['manager'], departmentId: dept });
    const borys = await portal.user({ name: 'Борис', roles: ['trainee'], departmentId: dept });
    const course = await createCourse({
      title: 'Допуск до угод',
      lessons: [{ title: 'Правила', material: 'Правила роботи з угодами.' }],
      tests: [{ title: 'Іспит', questions: [{ text: 'Готові?', choices: [{ text: 'Так', correct: true }, { text: 'Ні', correct: false }] }] }],
    });
    const p = await portal.api('POST', '/pipelines', { code: 'gated', name: 'Gated', stages: [{ code: 'new', name: 'New' }, { code: 'won', name: 'Won', kind: 'won' }] });
    expect(p.status).toBe(201);
    const set = await portal.api('PATCH', `/pipelines/${p.body.id}`, { assignment: { strategy: 'least-loaded', departmentId: dept, requiresCourseId: course.id } });
    expect([set.status, set.body.assignment]).toEqual([200, { strategy: 'least-loaded', departmentId: dept, requiresCourseId: course.id }]);

    // Nobody passed yet: the creator keeps the deal.
    const early = (await portal.api('POST', '/deals', { title: 'Рання', pipeline: 'gated' })).body;
    expect(early.responsibleId).not.toBe(anna.id);
    expect(early.responsibleId).not.toBe(borys.id);

    await pass(course.id, anna.token);
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await portal.api('POST', '/deals', { title: `Угода ${i}`, pipeline: 'gated' })).body.responsibleId);
    expect(owners).toEqual([anna.id, anna.id, anna.id]);

    // Borys passes: now the less loaded of the two gets the next one.
    await pass(course.id, borys.token);
    expect((await portal.api('POST', '/deals', { title: 'Після допуску', pipeline: 'gated' })).body.responsibleId).toBe(borys.id);
  });
});
