/**
 * Benchmark (issue 8): the training catalogue at volume, through the HTTP API, on the real database (a fresh
 * PostgreSQL database when DATABASE_URL is set, else PGlite), booted with the SDK's test kit. BENCH_COURSES (500)
 * courses of 8 lessons of Ukrainian and Russian material (4,500 search documents), BENCH_USERS (200) people with
 * the courses assigned to their role. Prints requests per second of: the catalogue's first page, a two-word
 * full-text search, and the admin's team view — and the search/catalogue ratio. Never asserts times.
 */
import { bootPortal } from '@portal/plugin-sdk/testing';
import { training } from '../server';

const COURSES = Number(process.env['BENCH_COURSES'] ?? 500);
const USERS = Number(process.env['BENCH_USERS'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

const UK = ['угода', 'угоди', 'воронка', 'воронку', 'клієнт', 'клієнта', 'стадія', 'стадії', 'менеджер', 'задача', 'задачі', 'правило', 'поле', 'поля', 'рахунок', 'звіт', 'продажі', 'дзвінок'];
const RU = ['сделка', 'сделки', 'воронка', 'клиент', 'этап', 'менеджер', 'задача', 'отчёт', 'счёт', 'звонок', 'продажи'];
const VERBS = ['заповніть', 'перемістіть', 'перевірте', 'створіть', 'закрийте', 'відкрийте'];

function material(seed: number, words: string[]): string {
  const out: string[] = [];
  for (let s = 0; s < 12; s++) {
    const w = (k: number) => words[(seed * 7 + s * 13 + k * 5) % words.length];
    out.push(`${VERBS[(seed + s) % VERBS.length]} ${w(1)} і ${w(2)}, потім ${w(3)} для ${w(4)}.`);
  }
  return `## Урок ${seed}\n\n${out.join(' ')}`;
}

async function rate(seconds: number, fn: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return n / seconds;
}

async function main() {
  process.env['AUTOMATION_WORKER'] = 'off';
  const portal = await bootPortal({ plugins: [training], install: ['training'] });
  try {
    const items = Array.from({ length: COURSES }, (_, i) => ({
      code: `bench-${i}`,
      locale: 'uk',
      title: `Курс ${i}: ${UK[i % UK.length]} і ${UK[(i * 3) % UK.length]}`,
      summary: `Про ${UK[(i * 5) % UK.length]}`,
      roles: i % 3 === 0 ? ['trainee'] : [],
      lessons: Array.from({ length: 8 }, (_, l) => ({ code: `l${l}`, title: `Урок ${l + 1}`, material: material(i * 8 + l, l % 2 ? UK : RU) })),
      tests: [{ code: 't', title: 'Тест', questions: [{ text: 'Так?', choices: [{ text: 'Так', correct: true }, { text: 'Ні', correct: false }] }] }],
    }));
    const t0 = performance.now();
    await (training.dataConsumers ?? {})['training']({ portalId: portal.portalId, pluginId: 'training', settings: {}, query: (sql, params) => portal.sql(sql, params) }, { pluginId: 'bench', items });
    console.log(`seeded ${COURSES} courses (${COURSES * 9} search documents) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await portal.sql(
      `INSERT INTO users (portal_id, email, name, password_hash, roles, active)
       SELECT $1, 't' || i || '@bench.test', 'Trainee ' || i, 'x', '{trainee}', true FROM generate_series(1, $2) i`,
      [portal.portalId, USERS],
    );
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    for (let i = 0; i < 20; i++) {
      const res = await portal.api('POST', '/training/assignments', { courseId: `bench-${i * 3}`, role: 'trainee', dueAt: due });
      if (res.status !== 201) throw new Error(`assigning failed: ${JSON.stringify(res.body)}`);
    }
    await portal.sql('ANALYZE');
    const get = async (path: string) => {
      const res = await portal.api('GET', path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const hits = (await get(`/training/courses?q=${encodeURIComponent('воронки угоди')}`)).items.length;
    const catalogue = await rate(SECONDS, () => get('/training/courses'));
    const search = await rate(SECONDS, () => get(`/training/courses?q=${encodeURIComponent('воронки угоди')}`));
    const team = await rate(SECONDS, () => get('/training/team-progress'));
    console.log(`catalogue, first page of ${COURSES} courses: ${catalogue.toFixed(1)} req/s`);
    console.log(`search "воронки угоди" (${hits} hits on the first page): ${search.toFixed(1)} req/s`);
    console.log(`team view, ${USERS} people × 20 assigned courses: ${team.toFixed(1)} req/s`);
    console.log(`ratio search / catalogue: ${(search / catalogue).toFixed(2)}`);
  } finally {
    await portal.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
