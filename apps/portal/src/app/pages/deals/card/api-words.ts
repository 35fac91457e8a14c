import type { I18nService } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import './card.i18n';

type Rule = [RegExp, TextKey, ((m: RegExpExecArray) => Record<string, string>)?];

/** The API's validation messages of values (field-value rules, contacts and companies), known ones first. */
const RULES: Rule[] = [
  [/is required and cannot be cleared$/, 'dealcard.err.requiredNoClear'],
  [/is required$/, 'dealcard.err.required'],
  [/must be a number$/, 'dealcard.err.number'],
  [/must be an amount of money/, 'dealcard.err.money'],
  [/must be a date YYYY-MM-DD$/, 'dealcard.err.date'],
  [/must be an ISO 8601 date-time/, 'dealcard.err.datetime'],
  [/must be one of: (.*)$/, 'dealcard.err.oneOf', (m) => ({ options: m[1] })],
  [/^"(.*)" is not one of: (.*)$/, 'dealcard.err.notOneOf', (m) => ({ value: m[1], options: m[2] })],
  [/must be at most (\d+) characters$/, 'dealcard.err.tooLong', (m) => ({ max: m[1] })],
  [/must be an? (?:http\(s\) )?URL$/, 'dealcard.err.url'],
  [/^"(.*)" is not a valid phone number$/, 'dealcard.err.phoneValue', (m) => ({ value: m[1] })],
  [/must be a phone number$/, 'dealcard.err.phone'],
  [/^"(.*)" is not a valid e-mail address$/, 'dealcard.err.emailValue', (m) => ({ value: m[1] })],
  [/must be an e-mail address$/, 'dealcard.err.email'],
  [/check digit mismatch/, 'dealcard.err.taxIdCheck'],
  [/must (?:contain digits only|be 8 digits|be 10 or 12 digits)/, 'dealcard.err.taxIdDigits'],
  [/must not be empty$/, 'dealcard.err.required'],
];

/** A validation message of the API in the current language when it is a known one; else as the API said it. */
export function apiMessageText(i18n: Pick<I18nService, 't'>, message: string): string {
  for (const [re, key, params] of RULES) {
    const m = re.exec(message);
    if (m) return i18n.t(key, params?.(m));
  }
  return message;
}
