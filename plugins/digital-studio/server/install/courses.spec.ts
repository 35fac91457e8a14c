import type { PluginCourseData } from '@portal/plugin-sdk';
import { COURSES } from './courses';
import { PIPELINES } from './pipelines';

const PORTAL_ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'];
const EXPECTED = ['studio-sales', 'studio-projects', 'studio-leadership'];

const copiesOf = (code: string) => COURSES.filter((c) => c.code === code);
const copy = (code: string, locale: PluginCourseData['locale']) => COURSES.find((c) => c.code === code && c.locale === locale);
const words = (markdown: string) => markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** What must read the same in every language: codes, roles, test settings, and which choices are correct. */
function shape(c: PluginCourseData) {
  return {
    roles: c.roles,
    lessons: c.lessons.map((l) => ({ code: l.code, helpFor: l.helpFor ?? [] })),
    tests: (c.tests ?? []).map((t) => ({
      code: t.code,
      passPct: t.passPct,
      attempts: t.attempts,
      timeLimitMinutes: t.timeLimitMinutes,
      questions: t.questions.map((q) => ({ multiple: !!q.multiple, correct: q.choices.map((ch) => ch.correct) })),
    })),
  };
}

/** The rules a stage of the plugin's pipelines actually has, by the names `helpFor.rule` uses. */
function rulesOf(pipeline: string, stage: string): string[] | undefined {
  const s = PIPELINES.find((p) => p.code === pipeline)?.stages.find((st) => st.code === stage);
  if (!s) return undefined;
  const r = s.rules ?? {};
  return [...(r.requiredFields?.length ? ['requiredFields'] : []), ...(r.noOpenTasks ? ['noOpenTasks'] : []), ...(r.guards ?? [])];
}

describe('the studio courses', () => {
  it('ships the three courses, each in uk and ru (and en), one copy per language', () => {
    expect([...new Set(COURSES.map((c) => c.code))].sort()).toEqual([...EXPECTED].sort());
    for (const code of EXPECTED) {
      const locales = copiesOf(code).map((c) => c.locale);
      expect(locales).toEqual(expect.arrayContaining(['uk', 'ru']));
      expect(new Set(locales).size).toBe(locales.length);
    }
  });

  it('has the same codes, lessons, tests and correct answers in every language', () => {
    for (const code of EXPECTED) {
      const uk = shape(copy(code, 'uk') as PluginCourseData);
      for (const c of copiesOf(code)) expect({ locale: c.locale, ...shape(c) }).toEqual({ locale: c.locale, ...uk });
      for (const c of copiesOf(code)) {
        const ukQuestions = copy(code, 'uk')?.tests?.[0]?.questions ?? [];
        c.tests?.[0]?.questions.forEach((q, i) => expect(q.choices.length).toBe(ukQuestions[i]?.choices.length));
      }
    }
  });

  it('is meant for the roles the brief names, all of them roles of the portal', () => {
    expect(copy('studio-sales', 'uk')?.roles).toEqual(['manager', 'trainee']);
    expect(copy('studio-projects', 'uk')?.roles).toEqual(['manager', 'employee', 'head']);
    expect(copy('studio-leadership', 'uk')?.roles).toEqual(['head', 'admin']);
    for (const c of COURSES) for (const r of c.roles ?? []) expect(PORTAL_ROLES).toContain(r);
  });

  it('has 3–5 lessons with unique codes, titles and real material (150–400 words in uk and ru), no fake videos', () => {
    for (const c of COURSES) {
      expect(c.title.trim()).not.toBe('');
      expect(c.lessons.length).toBeGreaterThanOrEqual(3);
      expect(c.lessons.length).toBeLessThanOrEqual(5);
      expect(new Set(c.lessons.map((l) => l.code)).size).toBe(c.lessons.length);
      for (const l of c.lessons) {
        expect(l.title.trim()).not.toBe('');
        expect(l.videoUrl).toBeUndefined();
        expect(l.material).not.toMatch(/https?:\/\//);
        expect(l.material).not.toMatch(/^ {4}/m); // an indented line would render as a code block
        if (c.locale !== 'en') {
          const n = words(l.material);
          expect({ course: c.code, locale: c.locale, lesson: l.code, fits: n >= 150 && n <= 400, words: n }).toEqual(expect.objectContaining({ fits: true }));
        }
      }
    }
  });

  it('tags lessons only with stages and rules the plugin\u2019s pipelines really have', () => {
    const tagged = COURSES.flatMap((c) => c.lessons.flatMap((l) => l.helpFor ?? []));
    expect(tagged.length).toBeGreaterThan(0);
    for (const h of tagged) {
      const rules = rulesOf(h.pipeline, h.stage);
      expect({ ...h, stageExists: rules !== undefined }).toEqual({ ...h, stageExists: true });
      if (h.rule) expect(rules).toContain(h.rule);
      else expect(rules?.length).toBeGreaterThan(0);
    }
  });

  it('links every stage rule of the plugin\u2019s pipelines to a lesson of each language', () => {
    for (const p of PIPELINES) {
      for (const s of p.stages) {
        for (const rule of rulesOf(p.code, s.code) ?? []) {
          for (const locale of ['uk', 'ru'] as const) {
            const lessons = COURSES.filter((c) => c.locale === locale).flatMap((c) => c.lessons);
            const found = lessons.some((l) => l.helpFor?.some((h) => h.pipeline === p.code && h.stage === s.code && (h.rule === undefined || h.rule === rule)));
            expect({ locale, pipeline: p.code, stage: s.code, rule, found }).toEqual({ locale, pipeline: p.code, stage: s.code, rule, found: true });
          }
        }
      }
    }
  });

  it('has one test per course: 5–8 questions, pass 80 %, 3 attempts, 10–15 minutes, well-formed choices', () => {
    for (const c of COURSES) {
      expect(c.tests).toHaveLength(1);
      const t = (c.tests ?? [])[0];
      expect(t.passPct).toBe(80);
      expect(t.attempts).toBe(3);
      expect(t.timeLimitMinutes).toBeGreaterThanOrEqual(10);
      expect(t.timeLimitMinutes).toBeLessThanOrEqual(15);
      expect(t.questions.length).toBeGreaterThanOrEqual(5);
      expect(t.questions.length).toBeLessThanOrEqual(8);
      expect(t.questions.some((q) => q.multiple)).toBe(true);
      expect(t.questions.some((q) => !q.multiple)).toBe(true);
      for (const q of t.questions) {
        const correct = q.choices.filter((ch) => ch.correct).length;
        expect(q.choices.length).toBeGreaterThanOrEqual(3);
        expect(new Set(q.choices.map((ch) => ch.text)).size).toBe(q.choices.length);
        if (q.multiple) expect(correct).toBeGreaterThanOrEqual(1);
        else expect({ question: q.text, correct }).toEqual({ question: q.text, correct: 1 });
        expect(correct).toBeLessThan(q.choices.length);
      }
    }
  });
});
