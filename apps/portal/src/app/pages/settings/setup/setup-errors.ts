import { ApiError } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import type { I18nService } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import type { DraftProblem } from './pipeline-editor';
import './setup.i18n';

type Words = Pick<I18nService, 't'>;

/** The API's English validation messages this area knows, in words of the current language. */
const KNOWN: [RegExp, TextKey, ((m: RegExpExecArray) => Record<string, string>)?][] = [
  [/must be lowercase letters/i, 'setup.err.code'],
  [/duplicates the code|is used twice|is listed twice/i, 'setup.err.codeDuplicate'],
  [/must be a non-empty string|should not be empty|must be longer than/i, 'setup.err.nameRequired'],
  [/"([^"]*)" is not a deal field/i, 'setup.err.unknownField', (m) => ({ code: m[1] })],
  [/at least one open stage/i, 'setup.err.needOpen'],
  [/at least one stage/i, 'setup.err.noStages'],
  [/unknown assignment strategy "([^"]*)" \(known: ([^)]*)\)/i, 'setup.err.strategy', (m) => ({ strategy: m[1], known: m[2] })],
  [/must be a department id|Department .* not found|unknown department/i, 'setup.err.department'],
  [/an enum needs at least one option/i, 'setup.err.optionsRequired'],
  [/options cannot be removed[^:]*:\s*(.*)$/i, 'setup.err.optionsRemoved', (m) => ({ options: m[1] })],
  [/members cannot be removed[^:]*:\s*(.*)$/i, 'setup.err.membersRemoved', (m) => ({ members: m[1] })],
  [/type cannot change/i, 'setup.err.typeFixed'],
  [/a group needs its member fields/i, 'setup.err.membersRequired'],
  [/a group member cannot be a group|non-group field type/i, 'setup.err.memberGroup'],
  [/plugin .*not installed|is not installed|not registered|unknown field type/i, 'setup.err.pluginTypeUnavailable'],
  [/must start before it ends/i, 'setup.err.intervalOrder'],
  [/overlaps/i, 'setup.err.intervalOverlap'],
  [/is not a time HH:mm/i, 'setup.err.time'],
  [/must be a date YYYY-MM-DD/i, 'setup.err.date'],
  [/is required \(at most 200 characters\)/i, 'setup.err.nameRequired'],
];

export function apiMessageText(i18n: Words, message: string): string {
  for (const [re, key, params] of KNOWN) {
    const m = re.exec(message);
    if (m) return i18n.t(key, params ? params(m) : undefined);
  }
  return message;
}

/** Each field an API error names, with its message in words; `code_taken` lands on `code`. */
export function apiFieldMessages(i18n: Words, err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'code_taken') return { code: i18n.t('setup.err.codeTaken') };
  return Object.fromEntries(Object.entries(err.fieldErrors).map(([field, message]) => [field, apiMessageText(i18n, message)]));
}

export function problemMessages(i18n: Words, problems: DraftProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const text = i18n.t(p.key, p.params);
    out[p.field] = out[p.field] ? `${out[p.field]} ${text}` : text;
  }
  return out;
}

/** The error of a whole request when no field of it has a place: known codes of this area in words. */
export function generalText(i18n: I18nService, err: unknown): string {
  if (err instanceof ApiError && err.code === 'code_taken') return i18n.t('setup.err.codeTaken');
  if (err instanceof ApiError && [400, 409, 422].includes(err.status)) return i18n.t('setup.err.refused', { message: apiMessageText(i18n, err.message) });
  return errorText(i18n, err);
}
