import type { PluginDemoContext } from '@portal/plugin-sdk';
import { PIPELINE } from './pipelines';

const DAY = 86_400_000;
const day = (today: string, offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

type Person = 'head-dev' | 'dev1' | 'dev2' | 'head-design' | 'designer' | 'manager';

interface DemoProject {
  title: string;
  pipeline: string;
  stage: string;
  budget: string;
  responsible: Person;
  /** Tasks: who, what, the estimate (minutes) and how much of it has been spent (percent). */
  tasks: [Person, string, number, number][];
  fields?: Record<string, unknown>;
}

const PEOPLE: { key: Person; name: string; roles: string[]; dept: 0 | 1; rate: string }[] = [
  { key: 'head-dev', name: 'Андрій Мельник', roles: ['head'], dept: 0, rate: '700.00' },
  { key: 'dev1', name: 'Ірина Савченко', roles: ['employee'], dept: 0, rate: '450.00' },
  { key: 'dev2', name: 'Тарас Кравчук', roles: ['employee'], dept: 0, rate: '450.00' },
  { key: 'head-design', name: 'Наталія Бойко', roles: ['head'], dept: 1, rate: '600.00' },
  { key: 'designer', name: 'Оксана Лисенко', roles: ['employee'], dept: 1, rate: '350.00' },
  { key: 'manager', name: 'Дмитро Гончаренко', roles: ['manager'], dept: 1, rate: '300.00' },
];

/** Twelve projects across the three directions; «Зелений кошик» and the payment claim lose money. */
const PROJECTS: DemoProject[] = [
  {
    title: 'Корпоративний сайт «Альфа-Буд»',
    pipeline: PIPELINE.projects,
    stage: 'development',
    budget: '180000.00',
    responsible: 'manager',
    fields: { advance_amount: '90000.00', remaining_payment: '90000.00' },
    tasks: [['designer', 'Дизайн макетів', 2400, 70], ['dev1', 'Верстка', 4800, 55], ['dev2', 'Бекенд і CMS', 4200, 50]],
  },
  {
    title: 'Інтернет-магазин «Зелений кошик»',
    pipeline: PIPELINE.projects,
    stage: 'development',
    budget: '60000.00',
    responsible: 'manager',
    fields: { advance_amount: '30000.00', remaining_payment: '30000.00' },
    tasks: [['designer', 'Дизайн каталогу', 1800, 130], ['dev1', 'Фронтенд магазину', 3600, 125], ['dev2', 'Інтеграція оплати', 4800, 120]],
  },
  {
    title: 'Мобільний застосунок «FitLife»',
    pipeline: PIPELINE.projects,
    stage: 'approval',
    budget: '240000.00',
    responsible: 'head-design',
    fields: { advance_amount: '120000.00', remaining_payment: '120000.00' },
    tasks: [['designer', 'UX і прототипи', 3000, 95], ['dev1', 'Клієнт iOS/Android', 9000, 88], ['head-dev', 'Архітектура й рев’ю', 1200, 85]],
  },
  {
    title: 'Лендінг для конференції DevDays',
    pipeline: PIPELINE.projects,
    stage: 'done',
    budget: '35000.00',
    responsible: 'manager',
    tasks: [['designer', 'Дизайн лендінгу', 900, 100], ['dev2', 'Верстка й форма реєстрації', 1500, 90]],
  },
  {
    title: 'Редизайн CRM «ЛогістікПро»',
    pipeline: PIPELINE.projects,
    stage: 'contract_invoice',
    budget: '95000.00',
    responsible: 'head-design',
    tasks: [['head-design', 'Аудит і комерційна пропозиція', 600, 60]],
  },
  { title: 'SMM-стратегія «Кава&Ко»', pipeline: PIPELINE.projects, stage: 'manager_assigned', budget: '25000.00', responsible: 'manager', tasks: [['manager', 'Бриф із клієнтом', 120, 0]] },
  {
    title: 'Підтримка сайту «Альфа-Буд» (жовтень–листопад)',
    pipeline: PIPELINE.support,
    stage: 'in_progress',
    budget: '20000.00',
    responsible: 'manager',
    tasks: [['dev2', 'Оновлення й резервні копії', 1200, 70], ['dev1', 'Дрібні правки', 900, 60]],
  },
  { title: 'Оновлення плагінів «Зелений кошик»', pipeline: PIPELINE.support, stage: 'new_request', budget: '8000.00', responsible: 'manager', tasks: [['dev2', 'Оцінити оновлення', 240, 0]] },
  { title: 'Абонентська підтримка «Медцентр Здоров’я»', pipeline: PIPELINE.support, stage: 'resolved', budget: '15000.00', responsible: 'head-design', tasks: [['dev1', 'Запити за місяць', 1200, 110]] },
  {
    title: 'Рекламація: помилка оплати «Зелений кошик»',
    pipeline: PIPELINE.claims,
    stage: 'fixing',
    budget: '0.00',
    responsible: 'manager',
    tasks: [['dev2', 'Відтворити й виправити', 600, 90], ['head-dev', 'Рев’ю виправлення', 120, 50]],
  },
  { title: 'Рекламація: верстка на iOS «FitLife»', pipeline: PIPELINE.claims, stage: 'claim_received', budget: '0.00', responsible: 'head-design', tasks: [['dev1', 'Розібрати скарги', 180, 0]] },
  { title: 'Рекламація: переклад сторінок «Альфа-Буд»', pipeline: PIPELINE.claims, stage: 'closed', budget: '3000.00', responsible: 'manager', tasks: [['designer', 'Виправити тексти', 180, 100]] },
];

/**
 * A studio of six in two departments with rates (one raised back-dated a month ago), twelve projects across
 * Projects, Support and Claims at different stages, tasks with estimates and two months of time entries — so the
 * report, the badges and the alerts are alive right after `install?demo=true`.
 */
export async function demo(ctx: PluginDemoContext): Promise<void> {
  const [{ today }] = await ctx.query(
    `SELECT to_char((coalesce(p.clock_now, now()) AT TIME ZONE p.timezone)::date, 'YYYY-MM-DD') AS today FROM portals p WHERE p.id = $1`,
    [ctx.portalId],
  );
  const depts = [await ctx.createDepartment({ name: 'Розробка (демо)' }), await ctx.createDepartment({ name: 'Дизайн і проєкти (демо)' })];
  const ids = {} as Record<Person, string>;
  for (const [i, p] of PEOPLE.entries()) {
    ids[p.key] = (await ctx.createUser({ name: p.name, email: `demo-studio-${i + 1}@digital-studio.demo`, roles: p.roles, departmentId: depts[p.dept].id })).id;
  }
  await ctx.query(`UPDATE departments SET head_id = $3 WHERE portal_id = $1 AND id = $2`, [ctx.portalId, depts[0].id, ids['head-dev']]);
  await ctx.query(`UPDATE departments SET head_id = $3 WHERE portal_id = $1 AND id = $2`, [ctx.portalId, depts[1].id, ids['head-design']]);

  const since = day(today, -120);
  await ctx.query(
    `INSERT INTO ds_cost_rates (portal_id, user_id, hourly_cost, currency, valid_from)
     SELECT $1, u, c::numeric, 'UAH', $4::date FROM unnest($2::uuid[], $3::text[]) AS x(u, c)`,
    [ctx.portalId, PEOPLE.map((p) => ids[p.key]), PEOPLE.map((p) => p.rate), since],
  );
  await ctx.query(
    `INSERT INTO ds_cost_rates (portal_id, department_id, hourly_cost, currency, valid_from) VALUES ($1, $2, 450.00, 'UAH', $4::date), ($1, $3, 350.00, 'UAH', $4::date)`,
    [ctx.portalId, depts[0].id, depts[1].id, since],
  );
  // Taras got a raise a month ago: his entries since then cost more.
  await ctx.query(`INSERT INTO ds_cost_rates (portal_id, user_id, hourly_cost, currency, valid_from) VALUES ($1, $2, 520.00, 'UAH', $3::date)`, [
    ctx.portalId,
    ids['dev2'],
    day(today, -30),
  ]);

  const entries: { user: string; deal: string; task: string; date: string; minutes: number }[] = [];
  let seq = 0;
  for (const project of PROJECTS) {
    const dealId = (
      await ctx.createDeal({ title: project.title, pipeline: project.pipeline, stage: project.stage, budget: project.budget, responsibleId: ids[project.responsible], fields: project.fields, tags: ['демо'] })
    ).id;
    for (const [who, title, estimate, spentPct] of project.tasks) {
      const taskId = (await ctx.createTask({ title, assigneeId: ids[who], dueAt: new Date(Date.parse(`${day(today, 7 + (seq % 10))}T15:00:00Z`)), dealId, estimateMinutes: estimate })).id;
      // Spread the spent minutes over weekdays from up to two months ago, 1–5 hours a day.
      let left = Math.floor((estimate * spentPct) / 100);
      let offset = -60 + (seq * 7) % 21;
      while (left > 0 && offset < 0) {
        const date = day(today, offset++);
        if (!isWeekday(date)) continue;
        const minutes = Math.min(left, 60 * (1 + ((((seq + offset) % 5) + 5) % 5)));
        entries.push({ user: ids[who], deal: dealId, task: taskId, date, minutes });
        left -= minutes;
      }
      if (left > 0) entries.push({ user: ids[who], deal: dealId, task: taskId, date: day(today, -1), minutes: Math.min(left, 1440) });
      seq++;
    }
  }
  await ctx.query(
    `WITH x AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::int[]) AS x(u, d, t, w, m)),
          p AS (SELECT timezone FROM portals WHERE id = $1)
     INSERT INTO ds_time_entries (portal_id, user_id, deal_id, task_id, department_id, minutes, started_at, work_date, note, source, hourly_cost, cost)
     SELECT $1, x.u, x.d, x.t, us.department_id, x.m, (x.w + time '10:00') AT TIME ZONE p.timezone, x.w, 'Демо', 'manual',
            ds_rate_for($1, x.u, us.department_id, x.w), coalesce(round(x.m * ds_rate_for($1, x.u, us.department_id, x.w) / 60, 2), 0)
       FROM x JOIN users us ON us.id = x.u, p`,
    [ctx.portalId, entries.map((e) => e.user), entries.map((e) => e.deal), entries.map((e) => e.task), entries.map((e) => e.date), entries.map((e) => e.minutes)],
  );
  await ctx.query(
    `INSERT INTO ds_expenses (portal_id, deal_id, amount, note, spent_at)
     SELECT $1, d.id, 4500.00, 'Ліцензія на шаблон і шрифти', $2::date FROM deals d WHERE d.portal_id = $1 AND d.title = $3`,
    [ctx.portalId, day(today, -40), PROJECTS[0].title],
  );
  // Evaluated by the plugin right after the install commits (and by any read before that): badges, notifications, rules.
  await ctx.query(
    `INSERT INTO ds_dirty (deal_id, portal_id) SELECT deal_id, portal_id FROM ds_deal_stats WHERE portal_id = $1
     UNION SELECT DISTINCT deal_id, portal_id FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL AND estimate_minutes IS NOT NULL
     ON CONFLICT (deal_id) DO NOTHING`,
    [ctx.portalId],
  );
}
