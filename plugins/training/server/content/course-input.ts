import { Problems, at, bool, int, isObject, list, onlyKeys, optionalUuid, text, url } from '../input';
import type { Obj } from '../input';

/**
 * A course as an author (POST/PUT /training/courses) or a plugin's install data (PluginCourseData) gives it, checked
 * field by field into a draft the content store writes. Every problem names its path (`lessons[1].title`,
 * `tests[0].questions[2].choices`). Lesson `helpFor` references are checked against the portal's pipelines by the
 * caller (they need the database); the draft lists them with their paths.
 */

export const LIMITS = {
  title: 200,
  summary: 2000,
  material: 100_000,
  lessons: 100,
  attachments: 20,
  helpFor: 20,
  tests: 20,
  questions: 100,
  questionText: 2000,
  choices: 12,
  choiceText: 500,
  maxAttempts: 100,
  timeLimitMinutes: 600,
} as const;

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export interface ChoiceDraft {
  id?: string;
  text: string;
  correct: boolean;
}

export interface QuestionDraft {
  id?: string;
  text: string;
  multiple: boolean;
  choices: ChoiceDraft[];
}

export interface TestDraft {
  id?: string;
  code?: string;
  title: string;
  passPct: number;
  attempts: number | null;
  timeLimitMinutes: number | null;
  shuffle: boolean;
  questions: QuestionDraft[];
}

export interface HelpDraft {
  pipeline: string;
  stage: string;
  rule: string | null;
  /** Where it was given, for problems found when the pipeline and stage are looked up. */
  path: string;
}

export interface LessonDraft {
  id?: string;
  code?: string;
  title: string;
  material: string;
  videoUrl: string | null;
  attachments: { name: string; url: string }[];
  helpFor: HelpDraft[];
}

export interface CourseDraft {
  code?: string;
  title: string;
  summary: string | null;
  roles: string[];
  locale?: 'uk' | 'ru' | 'en';
  lessons: LessonDraft[];
  tests: TestDraft[];
}

export interface ReadCourseOptions {
  /** 'portal': an author's body (ids may be given to keep items); 'plugin': install data (codes required, no ids). */
  mode: 'portal' | 'plugin';
  defaultPassPct: number;
  /** Roles a course may name; null: any. */
  roles: ReadonlySet<string> | null;
}

const DEFAULT_ATTEMPTS = 3;

function code(v: unknown, field: string, p: Problems, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) p.add(field, 'is required');
    return undefined;
  }
  if (typeof v !== 'string' || !CODE_RE.test(v)) {
    p.add(field, 'must be 1–100 letters, digits, dots, dashes or underscores, starting with a letter or digit');
    return undefined;
  }
  return v;
}

function readChoice(raw: unknown, path: string, p: Problems, opts: ReadCourseOptions): ChoiceDraft | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object {text, correct}');
    return null;
  }
  onlyKeys(raw, opts.mode === 'portal' ? ['id', 'text', 'correct'] : ['text', 'correct'], p, path);
  const id = opts.mode === 'portal' ? optionalUuid(raw['id'], at(path, 'id'), p, 'a choice') : undefined;
  const t = text(raw['text'], at(path, 'text'), LIMITS.choiceText, p, { required: true, multiline: true });
  const correct = bool(raw['correct'], at(path, 'correct'), p);
  if (correct === undefined && (raw['correct'] === undefined || raw['correct'] === null)) p.add(at(path, 'correct'), 'is required (true or false)');
  return { ...(id ? { id } : {}), text: t ?? '', correct: correct ?? false };
}

function readQuestion(raw: unknown, path: string, p: Problems, opts: ReadCourseOptions): QuestionDraft | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object {text, multiple?, choices}');
    return null;
  }
  onlyKeys(raw, opts.mode === 'portal' ? ['id', 'text', 'multiple', 'choices'] : ['text', 'multiple', 'choices'], p, path);
  const id = opts.mode === 'portal' ? optionalUuid(raw['id'], at(path, 'id'), p, 'a question') : undefined;
  const t = text(raw['text'], at(path, 'text'), LIMITS.questionText, p, { required: true, multiline: true });
  const multiple = bool(raw['multiple'], at(path, 'multiple'), p) ?? false;
  const field = at(path, 'choices');
  const before = p.list.length;
  const rawChoices = list(raw['choices'], field, LIMITS.choices, p, { required: true, min: 2 });
  const choices = (rawChoices ?? []).map((c, i) => readChoice(c, at(field, i), p, opts)).filter((c): c is ChoiceDraft => !!c);
  if (rawChoices && p.list.length === before) {
    const correct = choices.filter((c) => c.correct).length;
    if (correct === 0) p.add(field, 'at least one choice must be correct');
    else if (!multiple && correct > 1) p.add(field, 'a single-choice question has exactly one correct choice (set multiple: true for several)');
  }
  return { ...(id ? { id } : {}), text: t ?? '', multiple, choices };
}

function readTest(raw: unknown, path: string, p: Problems, opts: ReadCourseOptions): TestDraft | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object {title, questions, passPct?, attempts?, timeLimitMinutes?}');
    return null;
  }
  const keys = ['code', 'title', 'passPct', 'attempts', 'timeLimitMinutes', 'shuffle', 'questions'];
  onlyKeys(raw, opts.mode === 'portal' ? ['id', ...keys] : keys, p, path);
  const id = opts.mode === 'portal' ? optionalUuid(raw['id'], at(path, 'id'), p, 'a test') : undefined;
  const c = code(raw['code'], at(path, 'code'), p, opts.mode === 'plugin');
  const title = text(raw['title'], at(path, 'title'), LIMITS.title, p, { required: true });
  const passPct = int(raw['passPct'], at(path, 'passPct'), 1, 100, p);
  const attempts = int(raw['attempts'], at(path, 'attempts'), 1, LIMITS.maxAttempts, p, { nullable: true });
  const timeLimit = int(raw['timeLimitMinutes'], at(path, 'timeLimitMinutes'), 1, LIMITS.timeLimitMinutes, p, { nullable: true });
  const shuffle = bool(raw['shuffle'], at(path, 'shuffle'), p) ?? true;
  const field = at(path, 'questions');
  const questions = (list(raw['questions'], field, LIMITS.questions, p, { required: true, min: 1 }) ?? [])
    .map((q, i) => readQuestion(q, at(field, i), p, opts))
    .filter((q): q is QuestionDraft => !!q);
  return {
    ...(id ? { id } : {}),
    ...(c ? { code: c } : {}),
    title: title ?? '',
    passPct: passPct ?? opts.defaultPassPct,
    attempts: attempts === undefined ? DEFAULT_ATTEMPTS : attempts,
    timeLimitMinutes: timeLimit ?? null,
    shuffle,
    questions,
  };
}

function readHelp(raw: unknown, path: string, p: Problems): HelpDraft | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object {pipeline, stage, rule?}');
    return null;
  }
  onlyKeys(raw, ['pipeline', 'stage', 'rule'], p, path);
  const pipeline = text(raw['pipeline'], at(path, 'pipeline'), 100, p, { required: true });
  const stage = text(raw['stage'], at(path, 'stage'), 100, p, { required: true });
  const rule = text(raw['rule'], at(path, 'rule'), 100, p);
  return { pipeline: pipeline ?? '', stage: stage ?? '', rule: rule || null, path };
}

function readLesson(raw: unknown, path: string, p: Problems, opts: ReadCourseOptions): LessonDraft | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object {title, material, videoUrl?, attachments?, helpFor?}');
    return null;
  }
  const keys = ['code', 'title', 'material', 'videoUrl', 'attachments', 'helpFor'];
  onlyKeys(raw, opts.mode === 'portal' ? ['id', ...keys] : keys, p, path);
  const id = opts.mode === 'portal' ? optionalUuid(raw['id'], at(path, 'id'), p, 'a lesson') : undefined;
  const c = code(raw['code'], at(path, 'code'), p, opts.mode === 'plugin');
  const title = text(raw['title'], at(path, 'title'), LIMITS.title, p, { required: true });
  const before = p.list.length;
  const material = text(raw['material'], at(path, 'material'), LIMITS.material, p, { multiline: true });
  const videoUrl = url(raw['videoUrl'], at(path, 'videoUrl'), p);
  const attField = at(path, 'attachments');
  const attachments = (list(raw['attachments'], attField, LIMITS.attachments, p) ?? []).flatMap((a, i) => {
    const ap = at(attField, i);
    if (!isObject(a)) {
      p.add(ap, 'must be an object {name, url}');
      return [];
    }
    onlyKeys(a, ['name', 'url'], p, ap);
    const name = text(a['name'], at(ap, 'name'), 200, p, { required: true });
    const u = url(a['url'], at(ap, 'url'), p, { required: true });
    return name && u ? [{ name, url: u }] : [];
  });
  if (!material && !videoUrl && !attachments.length && p.list.length === before) {
    p.add(at(path, 'material'), 'a lesson needs material, a video or an attachment');
  }
  const helpField = at(path, 'helpFor');
  const helpFor = (list(raw['helpFor'], helpField, LIMITS.helpFor, p) ?? []).map((h, i) => readHelp(h, at(helpField, i), p)).filter((h): h is HelpDraft => !!h);
  return { ...(id ? { id } : {}), ...(c ? { code: c } : {}), title: title ?? '', material: material ?? '', videoUrl: videoUrl ?? null, attachments, helpFor };
}

function duplicates(values: (string | undefined)[], path: (i: number) => string, what: string, p: Problems): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    const k = v.toLowerCase();
    if (seen.has(k)) p.add(path(i), `the same ${what} is given twice`);
    seen.add(k);
  });
}

/** Reads a course body (`path` prefixes every field, e.g. `training[2].` for install data). Problems go to `p`. */
export function readCourse(raw: unknown, p: Problems, opts: ReadCourseOptions, path = ''): CourseDraft {
  const b: Obj = isObject(raw) ? raw : {};
  if (!isObject(raw)) p.add(path || 'body', 'must be a JSON object');
  const keys = ['code', 'title', 'summary', 'roles', 'locale', 'lessons', 'tests'];
  onlyKeys(b, keys, p, path);
  const c = code(b['code'], at(path, 'code'), p, opts.mode === 'plugin');
  const title = text(b['title'], at(path, 'title'), LIMITS.title, p, { required: true });
  const summary = text(b['summary'], at(path, 'summary'), LIMITS.summary, p, { multiline: true });
  const roleField = at(path, 'roles');
  const roles: string[] = [];
  (list(b['roles'], roleField, 20, p) ?? []).forEach((r, i) => {
    if (typeof r !== 'string' || (opts.roles && !opts.roles.has(r))) p.add(at(roleField, i), opts.roles ? `must be one of the portal's roles: ${[...opts.roles].join(', ')}` : 'must be a role name');
    else if (!roles.includes(r)) roles.push(r);
  });
  let locale: CourseDraft['locale'];
  if (b['locale'] !== undefined && b['locale'] !== null) {
    if (b['locale'] === 'uk' || b['locale'] === 'ru' || b['locale'] === 'en') locale = b['locale'];
    else p.add(at(path, 'locale'), 'must be uk, ru or en');
  }
  const lessonField = at(path, 'lessons');
  const lessons = (list(b['lessons'], lessonField, LIMITS.lessons, p, { required: true, min: 1 }) ?? [])
    .map((l, i) => readLesson(l, at(lessonField, i), p, opts))
    .filter((l): l is LessonDraft => !!l);
  const testField = at(path, 'tests');
  const tests = (list(b['tests'], testField, LIMITS.tests, p) ?? []).map((t, i) => readTest(t, at(testField, i), p, opts)).filter((t): t is TestDraft => !!t);
  duplicates(lessons.map((l) => l.code), (i) => at(at(lessonField, i), 'code'), 'lesson code', p);
  duplicates(lessons.map((l) => l.id), (i) => at(at(lessonField, i), 'id'), 'lesson id', p);
  duplicates(tests.map((t) => t.code), (i) => at(at(testField, i), 'code'), 'test code', p);
  duplicates(tests.map((t) => t.id), (i) => at(at(testField, i), 'id'), 'test id', p);
  tests.forEach((t, ti) => {
    const qField = at(at(testField, ti), 'questions');
    duplicates(t.questions.map((q) => q.id), (i) => at(at(qField, i), 'id'), 'question id', p);
    t.questions.forEach((q, qi) => duplicates(q.choices.map((ch) => ch.id), (i) => at(at(at(at(qField, qi), 'choices'), i), 'id'), 'choice id', p));
  });
  return { ...(c ? { code: c } : {}), title: title ?? '', summary: summary || null, roles, ...(locale ? { locale } : {}), lessons, tests };
}
