/**
 * The course editor's model, free of Angular: the draft the form edits (text as typed), the draft of a course
 * the API returns, the body of `POST`/`PUT /training/courses`, and the words for an API field path
 * (`tests[0].questions[2].choices`) so that an error nobody can place is still readable.
 */

export interface ChoiceDraft {
  key: string;
  id?: string;
  text: string;
  correct: boolean;
}

export interface QuestionDraft {
  key: string;
  id?: string;
  text: string;
  multiple: boolean;
  choices: ChoiceDraft[];
}

export interface TestDraft {
  key: string;
  id?: string;
  /** Kept as the server has them (a plugin's course is matched by codes on its upgrades). */
  code?: string;
  shuffle?: boolean;
  title: string;
  /** Numbers as typed; blank attempts = unlimited, blank time limit = none, blank pass mark = the default. */
  passPct: string;
  attempts: string;
  timeLimitMinutes: string;
  questions: QuestionDraft[];
}

export interface AttachmentDraft {
  key: string;
  name: string;
  url: string;
}

export interface HelpForDraft {
  key: string;
  pipeline: string;
  stage: string;
  rule: string;
}

export interface LessonDraft {
  key: string;
  id?: string;
  code?: string;
  title: string;
  material: string;
  videoUrl: string;
  attachments: AttachmentDraft[];
  helpFor: HelpForDraft[];
}

export interface CourseDraft {
  code?: string;
  locale?: string;
  title: string;
  summary: string;
  roles: string[];
  lessons: LessonDraft[];
  tests: TestDraft[];
}

/** The course as `GET /training/courses/:id/edit` gives it (the correct flags included). */
export interface EditableCourse {
  id: string;
  code?: string;
  locale?: string;
  title: string;
  summary: string | null;
  roles: string[];
  source?: string;
  lessons: {
    id: string;
    code?: string;
    title: string;
    material: string | null;
    videoUrl: string | null;
    attachments?: { name: string; url: string }[] | null;
    helpFor?: { pipeline: string; stage: string; rule?: string | null }[] | null;
  }[];
  tests: {
    id: string;
    code?: string;
    shuffle?: boolean;
    title: string;
    passPct: number | null;
    attempts: number | null;
    timeLimitMinutes: number | null;
    questions?: { id: string; text: string; multiple: boolean; choices: { id: string; text: string; correct: boolean }[] }[] | null;
  }[];
}

let counter = 0;
/** A key that tells rows apart in the form (ids exist only for rows the server has). */
export const newKey = (prefix = 'k') => `${prefix}${++counter}`;

export const DEFAULT_PASS_PCT = 80;
export const DEFAULT_ATTEMPTS = 3;

export function emptyChoice(correct = false): ChoiceDraft {
  return { key: newKey('c'), text: '', correct };
}

export function emptyQuestion(): QuestionDraft {
  return { key: newKey('q'), text: '', multiple: false, choices: [emptyChoice(true), emptyChoice()] };
}

export function emptyTest(): TestDraft {
  return { key: newKey('t'), title: '', passPct: String(DEFAULT_PASS_PCT), attempts: String(DEFAULT_ATTEMPTS), timeLimitMinutes: '', questions: [emptyQuestion()] };
}

export function emptyLesson(): LessonDraft {
  return { key: newKey('l'), title: '', material: '', videoUrl: '', attachments: [], helpFor: [] };
}

export function emptyDraft(): CourseDraft {
  return { title: '', summary: '', roles: [], lessons: [emptyLesson()], tests: [] };
}

const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function draftOf(c: EditableCourse): CourseDraft {
  return {
    ...(c.code ? { code: c.code } : {}),
    ...(c.locale ? { locale: c.locale } : {}),
    title: c.title ?? '',
    summary: c.summary ?? '',
    roles: [...(c.roles ?? [])],
    lessons: (c.lessons ?? []).map((l) => ({
      key: newKey('l'),
      id: l.id,
      ...(l.code ? { code: l.code } : {}),
      title: l.title ?? '',
      material: l.material ?? '',
      videoUrl: l.videoUrl ?? '',
      attachments: (l.attachments ?? []).map((a) => ({ key: newKey('a'), name: a.name ?? '', url: a.url ?? '' })),
      helpFor: (l.helpFor ?? []).map((h) => ({ key: newKey('h'), pipeline: h.pipeline ?? '', stage: h.stage ?? '', rule: h.rule ?? '' })),
    })),
    tests: (c.tests ?? []).map((x) => ({
      key: newKey('t'),
      id: x.id,
      ...(x.code ? { code: x.code } : {}),
      ...(typeof x.shuffle === 'boolean' ? { shuffle: x.shuffle } : {}),
      title: x.title ?? '',
      passPct: num(x.passPct),
      attempts: num(x.attempts),
      timeLimitMinutes: num(x.timeLimitMinutes),
      questions: (x.questions ?? []).map((q) => ({
        key: newKey('q'),
        id: q.id,
        text: q.text ?? '',
        multiple: !!q.multiple,
        choices: (q.choices ?? []).map((ch) => ({ key: newKey('c'), id: ch.id, text: ch.text ?? '', correct: !!ch.correct })),
      })),
    })),
  };
}

/** A whole number as typed, or the text itself so that the server names the field it cannot read. */
function numberOrText(s: string): number | string {
  const v = s.trim();
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

const withId = <T extends object>(id: string | undefined, rest: T): T & { id?: string } => (id ? { id, ...rest } : rest);

/** The body of `POST /training/courses` and `PUT /training/courses/:id` (ids keep lessons, tests, questions, choices). */
export function bodyOf(d: CourseDraft): Record<string, unknown> {
  return {
    ...(d.code ? { code: d.code } : {}),
    ...(d.locale ? { locale: d.locale } : {}),
    title: d.title.trim(),
    summary: d.summary.trim() || undefined,
    roles: d.roles,
    lessons: d.lessons.map((l) =>
      withId(l.id, {
        ...(l.code ? { code: l.code } : {}),
        title: l.title.trim(),
        material: l.material,
        videoUrl: l.videoUrl.trim() || null,
        attachments: l.attachments.filter((a) => a.name.trim() || a.url.trim()).map((a) => ({ name: a.name.trim(), url: a.url.trim() })),
        helpFor: l.helpFor.filter((h) => h.pipeline || h.stage).map((h) => ({ pipeline: h.pipeline, stage: h.stage, ...(h.rule.trim() ? { rule: h.rule.trim() } : {}) })),
      }),
    ),
    tests: d.tests.map((x) => {
      const test: Record<string, unknown> = {
        ...(x.code ? { code: x.code } : {}),
        title: x.title.trim(),
        attempts: x.attempts.trim() ? numberOrText(x.attempts) : null,
        timeLimitMinutes: x.timeLimitMinutes.trim() ? numberOrText(x.timeLimitMinutes) : null,
        questions: x.questions.map((q) =>
          withId(q.id, {
            text: q.text.trim(),
            multiple: q.multiple,
            choices: q.choices.map((c) => withId(c.id, { text: c.text.trim(), correct: c.correct })),
          }),
        ),
      };
      if (x.passPct.trim()) test['passPct'] = numberOrText(x.passPct);
      if (typeof x.shuffle === 'boolean') test['shuffle'] = x.shuffle;
      return withId(x.id, test);
    }),
  };
}

/** One item moved up (-1) or down (+1); the list unchanged at its ends. */
export function moved<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/** A single-choice question keeps one correct choice: the one just marked, or the first that was. */
export function withSingleCorrect(choices: ChoiceDraft[], markedKey?: string): ChoiceDraft[] {
  const keep = markedKey ?? choices.find((c) => c.correct)?.key;
  return choices.map((c) => ({ ...c, correct: c.key === keep }));
}

type Words = (key: 'fieldTitle' | 'fieldSummary' | 'fieldRoles' | 'fieldLessons' | 'fieldTests' | 'lessonN' | 'testN' | 'questionN' | 'choiceN' | 'attachmentN' | 'helpForN' | 'fieldMaterial' | 'fieldVideo' | 'fieldName' | 'fieldUrl' | 'fieldPipeline' | 'fieldStage' | 'fieldRule' | 'fieldPassPct' | 'fieldAttempts' | 'fieldTimeLimit' | 'fieldQuestions' | 'fieldChoices' | 'fieldText' | 'fieldCorrect' | 'fieldMultiple', params?: Record<string, string | number>) => string;

const PART_WORDS: Record<string, Parameters<Words>[0]> = {
  title: 'fieldTitle',
  summary: 'fieldSummary',
  roles: 'fieldRoles',
  lessons: 'fieldLessons',
  tests: 'fieldTests',
  material: 'fieldMaterial',
  videoUrl: 'fieldVideo',
  name: 'fieldName',
  url: 'fieldUrl',
  pipeline: 'fieldPipeline',
  stage: 'fieldStage',
  rule: 'fieldRule',
  passPct: 'fieldPassPct',
  attempts: 'fieldAttempts',
  timeLimitMinutes: 'fieldTimeLimit',
  questions: 'fieldQuestions',
  choices: 'fieldChoices',
  text: 'fieldText',
  correct: 'fieldCorrect',
  multiple: 'fieldMultiple',
};

const ITEM_WORDS: Record<string, Parameters<Words>[0]> = {
  lessons: 'lessonN',
  tests: 'testN',
  questions: 'questionN',
  choices: 'choiceN',
  attachments: 'attachmentN',
  helpFor: 'helpForN',
};

/** "lessons[1].title" → "Lesson 2 › Title" in the viewer's words (unknown parts as they are). */
export function pathLabel(path: string, t: Words): string {
  const parts: string[] = [];
  for (const piece of path.split('.')) {
    const m = /^(\w+)((?:\[\d+\])*)$/.exec(piece);
    if (!m) {
      parts.push(piece);
      continue;
    }
    const indexes = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    if (indexes.length && ITEM_WORDS[m[1]]) parts.push(t(ITEM_WORDS[m[1]], { n: indexes[0] + 1 }));
    else parts.push(PART_WORDS[m[1]] ? t(PART_WORDS[m[1]]) : m[1]);
  }
  return parts.join(' › ');
}

/** Whether an error's path lies inside a part of the form (`lessons[1]` holds `lessons[1].attachments[0].url`). */
export function isInside(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
