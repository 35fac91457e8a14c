/**
 * The training API's shapes as the portal reads them (tmp/TRAINING-API.md is the contract) and the small pure
 * helpers every screen shares: links between the screens, progress, the error code of a failed call.
 */

export interface MyProgress {
  lessonsDone: number;
  bestScorePct: number | null;
  passed: boolean;
  dueAt: string | null;
  overdue: boolean;
  certificateId: string | null;
}

export interface CourseSummary {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  roles: string[];
  source: string;
  lessonsTotal: number;
  testsTotal: number;
  updatedAt: string;
  /** Only listed with `includeArchived=true` (admins). */
  archived?: boolean;
  my: MyProgress;
  /** Only with a search: the best hit; `snippet` marks the matched words with [[ and ]]. */
  match?: { lessonId: string | null; title: string; snippet: string } | null;
}

export interface Attachment {
  name: string;
  url: string;
}

export interface HelpFor {
  pipeline: string;
  stage: string;
  rule?: string | null;
}

export interface Lesson {
  id: string;
  code: string;
  position: number;
  title: string;
  material: string;
  videoUrl: string | null;
  embedUrl: string | null;
  attachments: Attachment[];
  helpFor: HelpFor[];
  done: boolean;
}

export interface TestInfo {
  id: string;
  code: string;
  title: string;
  passPct: number;
  attempts: number | null;
  timeLimitMinutes: number | null;
  questionsTotal: number;
  attemptsUsed: number;
  attemptsLeft: number | null;
  bestScorePct: number | null;
  passed: boolean;
  openAttempt: { id: string; startedAt: string; deadlineAt: string | null } | null;
}

export interface Course {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  roles: string[];
  source: string;
  locale?: string;
  updatedAt: string;
  lessons: Lesson[];
  tests: TestInfo[];
  my: MyProgress;
}

export interface Choice {
  id: string;
  text: string;
}

export interface Question {
  id: string;
  text: string;
  multiple: boolean;
  choices: Choice[];
}

export interface Attempt {
  attemptId: string;
  testId: string;
  startedAt: string;
  deadlineAt: string | null;
  questions: Question[];
}

export interface Grade {
  attemptId: string;
  score: number;
  maxScore: number;
  scorePct: number;
  passed: boolean;
  attemptsLeft: number | null;
  passPct: number;
  certificateId: string | null;
  results: { questionId: string; correct: boolean; correctChoiceIds: string[] }[];
}

export interface Certificate {
  id: string;
  code: string;
  courseId: string;
  courseTitle: string;
  userId: string;
  userName: string;
  issuedAt: string;
  scorePct: number;
}

export interface TeamRow {
  userId: string;
  userName: string;
  departmentId: string | null;
  departmentName: string | null;
  courseId: string;
  courseTitle: string;
  lessonsDone: number;
  lessonsTotal: number;
  bestScorePct: number | null;
  passed: boolean;
  dueAt: string | null;
  overdue: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Named {
  id: string;
  name: string;
}

export interface PortalUserRow extends Named {
  roles?: string[];
  active?: boolean;
  departmentId?: string | null;
}

export interface Pipeline {
  id: string;
  code: string;
  name: string | { en: string; uk?: string; ru?: string };
  stages: { id: string; code: string; name: string | { en: string; uk?: string; ru?: string } }[];
}

/** The portal's built-in roles (`GET /roles` lists them too, with descriptions). */
export const PORTAL_ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'] as const;

// ---- links between the screens ------------------------------------------------------------------------------

export const CATALOG_ROUTE = '/training';
export const COURSE_ROUTE = '/training/course';
export const TEST_ROUTE = '/training/test';
export const TEAM_ROUTE = '/training/team';
export const AUTHORING_ROUTE = '/training/authoring';
export const EDIT_ROUTE = '/training/edit';

/**
 * Query params for links are handed out once per set of values: a new object on every change detection would make
 * each RouterLink recompute its URL again and again (a link styled as a Material button then never settles).
 */
const linkParams = new Map<string, Readonly<Record<string, string>>>();

function stableParams(params: Record<string, string>): Readonly<Record<string, string>> {
  const key = JSON.stringify(params);
  let found = linkParams.get(key);
  if (!found) {
    found = Object.freeze(params);
    linkParams.set(key, found);
  }
  return found;
}

export function courseParams(courseId: string, lessonId?: string | null): Readonly<Record<string, string>> {
  return stableParams(lessonId ? { id: courseId, lesson: lessonId } : { id: courseId });
}

/** The test screen: `course` lets it show the test's details and lead back (the contract's route needs only `id`). */
export function testParams(testId: string, courseId?: string | null): Readonly<Record<string, string>> {
  return stableParams(courseId ? { id: testId, course: courseId } : { id: testId });
}

// ---- progress -----------------------------------------------------------------------------------------------

export type CourseState = 'passed' | 'overdue' | 'inProgress' | 'assigned' | 'notStarted';

export function courseState(my: MyProgress): CourseState {
  if (my.passed) return 'passed';
  if (my.overdue) return 'overdue';
  if (my.lessonsDone > 0 || my.bestScorePct !== null) return 'inProgress';
  if (my.dueAt) return 'assigned';
  return 'notStarted';
}

/** The share of a course done, 0..100: its lessons, and everything once it is passed. */
export function progressPct(lessonsDone: number, lessonsTotal: number, passed: boolean): number {
  if (passed) return 100;
  if (lessonsTotal <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((lessonsDone / lessonsTotal) * 100)));
}

/** A snippet with [[matches]] as pieces to show, the matched ones highlighted (text only: no HTML involved). */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  const re = /\[\[([\s\S]*?)\]\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    if (m[1]) parts.push({ text: m[1], hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}

// ---- errors -------------------------------------------------------------------------------------------------

/** The API's error code (`no_attempts_left`, `forbidden`, …) when there is one. */
export function errorCode(err: unknown): string {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
}

export function errorStatus(err: unknown): number {
  return err && typeof err === 'object' && 'status' in err ? Number((err as { status: unknown }).status) : 0;
}

/** A list endpoint's pages, up to `max` items. */
export async function allPages<T>(get: (path: string) => Promise<Page<T> | T[]>, path: string, max = 1000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> | T[] = await get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (Array.isArray(page)) return page;
    out.push(...(page.items ?? []));
    cursor = page.nextCursor ?? null;
  } while (cursor && out.length < max);
  return out;
}

/** Saves a Blob as a file the way a browser download does. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
