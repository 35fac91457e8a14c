import type { PluginDataContext } from '@portal/plugin-sdk';
import { Problems, isObject } from '../input';
import { portalNow } from '../people';
import { trainingSettings } from '../settings';
import { sqlOf } from '../sql';
import type { Sql } from '../sql';
import { readCourse } from './course-input';
import type { CourseDraft } from './course-input';
import { existingItems, writeCourse } from './course-store';

/**
 * Plays the courses other plugins (and this one) ship in their install data under `training` (PluginCourseData,
 * one copy per language). For each course code the portal gets the copy in its own language, else Ukrainian, else
 * the first; the course is upserted by (portal, code) with source `plugin:<id>`: lessons and tests keep their ids by
 * code, questions and choices by position, so trainees' progress, attempts and certificates survive a reinstall or
 * an upgrade. Installing never overwrites what the portal owns: a code the portal (or another plugin) already uses
 * is left alone, and so is a plugin course an admin has edited. Runs in the install transaction; idempotent.
 */

const LOCALES = ['uk', 'ru', 'en'] as const;

/** The copy of each course for the portal's language (else uk, else the first), with its index in the install data. */
export function pickCopies(items: unknown[], portalLocale: string): { index: number; item: Record<string, unknown> }[] {
  const byCode = new Map<string, { index: number; item: Record<string, unknown> }[]>();
  items.forEach((item, index) => {
    const code = isObject(item) && typeof item['code'] === 'string' ? item['code'] : `#${index}`;
    byCode.set(code, [...(byCode.get(code) ?? []), { index, item: isObject(item) ? item : {} }]);
  });
  return [...byCode.values()].map(
    (copies) => copies.find((c) => c.item['locale'] === portalLocale) ?? copies.find((c) => c.item['locale'] === 'uk') ?? copies[0],
  );
}

/** Item ids of the existing course, matched to the new version: lessons and tests by code, questions and choices by position. */
function keepIds(draft: CourseDraft, existing: Awaited<ReturnType<typeof existingItems>>): void {
  for (const lesson of draft.lessons) {
    const old = existing.lessons.find((l) => l.code === lesson.code);
    if (old) lesson.id = old.id;
  }
  for (const test of draft.tests) {
    const old = existing.tests.find((t) => t.code === test.code);
    if (!old) continue;
    test.id = old.id;
    test.questions.forEach((q, qi) => {
      const oldQ = old.questions[qi];
      if (!oldQ) return;
      q.id = oldQ.id;
      q.choices.forEach((c, ci) => {
        if (oldQ.choices[ci]) c.id = oldQ.choices[ci];
      });
    });
  }
}

async function upsert(sql: Sql, portalId: string, pluginId: string, draft: CourseDraft, locale: string, now: Date): Promise<void> {
  const source = `plugin:${pluginId}`;
  if (!draft.code) return;
  const [existing] = await sql.query<{ id: string; source: string; customized: boolean }>(`SELECT id, source, customized FROM tr_courses WHERE portal_id = $1 AND code = $2 FOR UPDATE`, [portalId, draft.code]);
  if (existing && (existing.source !== source || existing.customized)) return;
  if (existing) keepIds(draft, await existingItems(sql, portalId, existing.id));
  await writeCourse(sql, portalId, draft, { courseId: existing?.id, source, code: draft.code, locale, now });
}

export async function playPluginCourses(ctx: PluginDataContext, source: { pluginId: string; items: unknown[] }): Promise<void> {
  const sql = sqlOf(ctx.query);
  const [portal] = await sql.query<{ locale: string }>(`SELECT locale FROM portals WHERE id = $1`, [ctx.portalId]);
  const settings = trainingSettings(ctx.settings);
  const p = new Problems();
  const drafts = pickCopies(source.items, portal?.locale ?? 'uk').map(({ index, item }) => {
    const { locale, ...course } = item;
    if (locale !== undefined && !LOCALES.includes(locale as never)) p.add(`training[${index}].locale`, 'must be uk, ru or en');
    return { draft: readCourse(course, p, { mode: 'plugin', defaultPassPct: settings.defaultPassPct, roles: null }, `training[${index}]`), locale: LOCALES.includes(locale as never) ? (locale as string) : 'uk' };
  });
  if (p.list.length) {
    p.list.forEach((x) => (x.message = `${source.pluginId}: ${x.message}`));
    p.throwIfAny();
  }
  const now = await portalNow(sql, ctx.portalId);
  for (const { draft, locale } of drafts) await upsert(sql, ctx.portalId, source.pluginId, draft, locale, now);
}
