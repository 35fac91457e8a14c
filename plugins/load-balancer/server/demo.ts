import type { PluginDemoContext } from '@portal/plugin-sdk';

const DAY = 86_400_000;

/** A sales department of four managers with different open work, one of them on vacation: the loads view is alive at once. */
export async function demo(ctx: PluginDemoContext): Promise<void> {
  const [{ today }] = await ctx.query(
    `SELECT to_char((coalesce(p.clock_now, now()) AT TIME ZONE p.timezone)::date, 'YYYY-MM-DD') AS today FROM portals p WHERE p.id = $1`,
    [ctx.portalId],
  );
  const dept = await ctx.createDepartment({ name: 'Відділ продажів (демо)' });
  const people = [
    { name: 'Іван Петренко', tasks: [90, 120] },
    { name: 'Олена Коваленко', tasks: [240, 180, 60] },
    { name: 'Петро Шевченко', tasks: [30] },
    { name: 'Марія Бондаренко', tasks: [] as number[] },
  ];
  const ids: string[] = [];
  for (const [i, p] of people.entries()) {
    const user = await ctx.createUser({ name: p.name, email: `demo-manager-${i + 1}@load-balancer.demo`, roles: ['manager'], departmentId: dept.id });
    ids.push(user.id);
    for (const [j, minutes] of p.tasks.entries()) {
      await ctx.createTask({ title: `Демо: підготувати комерційну пропозицію №${j + 1}`, assigneeId: user.id, dueAt: new Date(Date.parse(`${today}T15:00:00Z`) + (j + 1) * DAY), estimateMinutes: minutes });
    }
  }
  const back = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10);
  await ctx.addAbsence(ids[0], { from: today, to: back, reason: 'Відпустка (демо)' });
}
