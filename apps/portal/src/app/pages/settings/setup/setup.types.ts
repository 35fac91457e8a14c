/** Shapes of the setup API (pipelines, custom fields, business calendar) the settings pages use. */
export type StageKind = 'open' | 'won' | 'lost';
export type FieldEntity = 'deal' | 'contact' | 'company';
export const FIELD_ENTITIES: readonly FieldEntity[] = ['deal', 'contact', 'company'];

/** A name is a plain string, or per language (`{en, uk, ru}`) for pipelines and stages of plugins. */
export type LocalizedName = string | Record<string, string>;

export interface StageRules {
  requiredFields: string[];
  noOpenTasks: boolean;
  guards?: string[];
}

export interface StageView {
  id: string;
  code: string;
  name: LocalizedName;
  position: number;
  kind: StageKind;
  rules: StageRules;
}

export interface Assignment {
  strategy: string;
  departmentId?: string | null;
  requiresCourseId?: string | null;
}

export interface PipelineView {
  id: string;
  code: string;
  name: LocalizedName;
  archived?: boolean;
  assignment?: Assignment | null;
  stages: StageView[];
}

export interface SubField {
  code: string;
  name: string;
  type: string;
  options?: string[];
  required?: boolean;
}

export interface FieldDef {
  id: string;
  entity: FieldEntity;
  code: string;
  name: LocalizedName;
  type: string;
  options?: string[];
  required: boolean;
  repeatable?: boolean;
  fields?: SubField[];
}

export interface Department {
  id: string;
  name: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface Holiday {
  date: string;
  name: string;
  source: 'statutory' | 'portal';
}

export interface CalendarView {
  timezone: string;
  workingHours: Record<Weekday, Array<[string, string]>>;
  holidayCalendar: 'UA' | null;
  holidays: Holiday[];
}

/** `{items}` or a bare array. */
export function itemsOf<T>(res: T[] | { items?: T[] } | null | undefined): T[] {
  if (Array.isArray(res)) return res;
  return res?.items ?? [];
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ё: 'e', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

export const CODE_RE = /^[a-z0-9][a-z0-9_-]*$/;

/** A stable code suggested from a name: Cyrillic transliterated, lowercase, `_` between words. */
export function codeFromName(name: string): string {
  const latin = [...name.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');
  return latin
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);
}
