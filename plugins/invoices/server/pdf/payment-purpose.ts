/**
 * The payment purpose ("Призначення платежу" / "Назначение платежа") printed on the invoice and copied by the
 * buyer into the payment order. The admin may edit it per entity as a Handlebars template; it is plain text, so
 * nothing is HTML-escaped.
 *
 * Allowed in a template (anything else is rejected by validatePaymentPurposeTemplate):
 *   {{number}}        invoice number                          "INV-2025-0001"
 *   {{date}}          issue date, dd.mm.yyyy                  "05.03.2025"
 *   {{dueDate}}       due date, dd.mm.yyyy, or empty          "15.03.2025"
 *   {{total}}         amount to pay with the currency         "24 000,00 грн"
 *   {{subtotal}}      amount without VAT with the currency    "20 000,00 грн"
 *   {{vat}}           VAT with the currency; EMPTY when the supplier is not a VAT payer, so {{#if vat}} tests it
 *   {{vatRate}}       VAT rate in percent, or empty           "20"
 *   {{currency}}      "грн" / "руб."
 *   {{supplierName}}  "ТОВ «Альфа-Сервіс»"
 *   {{buyerName}}     "ТОВ «Покупець»"
 *   {{#if x}}…{{else}}…{{/if}} and {{#unless x}}…{{/unless}} on those variables. No other helpers, no partials,
 *   no paths ({{a.b}}, {{../x}}, {{@index}}), no triple-stash needed (nothing is escaped anyway).
 * The rendered text is collapsed to one line (runs of whitespace → one space) and trimmed.
 */
import Handlebars from 'handlebars';
import type { Currency, InvoiceLanguage } from '../money';
import type { CalendarDate } from './invoice-view';
import { currencyShort, formatPrintDate, formatPrintMoney } from './print-format';

export const PAYMENT_PURPOSE_FIELD = 'paymentPurposeTemplate';
/** Longest template accepted. */
export const MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH = 500;

export const PAYMENT_PURPOSE_VARIABLES = [
  'number',
  'date',
  'dueDate',
  'total',
  'subtotal',
  'vat',
  'vatRate',
  'currency',
  'supplierName',
  'buyerName',
] as const;
export type PaymentPurposeVariable = (typeof PAYMENT_PURPOSE_VARIABLES)[number];
export type PaymentPurposeVars = Record<PaymentPurposeVariable, string>;

export const DEFAULT_PAYMENT_PURPOSE_TEMPLATES: Readonly<Record<InvoiceLanguage, string>> = {
  uk: 'Оплата згідно рахунку № {{number}} від {{date}}{{#if vat}}, у т.ч. ПДВ {{vat}}{{else}}, без ПДВ{{/if}}',
  ru: 'Оплата по счёту № {{number}} от {{date}}{{#if vat}}, в т.ч. НДС {{vat}}{{else}}, без НДС{{/if}}',
};

/** A template the API must reject; `field` is the request field to point at. */
export class PaymentPurposeTemplateError extends Error {
  readonly field = PAYMENT_PURPOSE_FIELD;
  constructor(message: string) {
    super(`${PAYMENT_PURPOSE_FIELD}: ${message}`);
    this.name = 'PaymentPurposeTemplateError';
  }
}

export type PaymentPurposeValidation = { ok: true } | { ok: false; field: typeof PAYMENT_PURPOSE_FIELD; message: string };

const ALLOWED = new Set<string>(PAYMENT_PURPOSE_VARIABLES);
const BLOCK_HELPERS = new Set(['if', 'unless']);

/** An isolated Handlebars environment: no helpers or partials registered by anyone else leak in. */
const env = Handlebars.create();
const COMPILE_OPTIONS: CompileOptions = { noEscape: true, strict: false, knownHelpersOnly: true, data: false };

function where(node: hbs.AST.Node): string {
  return node.loc ? ` (line ${node.loc.start.line}, column ${node.loc.start.column + 1})` : '';
}

function checkVariable(expr: hbs.AST.Expression, context: string): void {
  if (expr.type !== 'PathExpression') throw new PaymentPurposeTemplateError(`${context}: only a variable is allowed here${where(expr)}`);
  const path = expr as hbs.AST.PathExpression;
  if (path.data || path.depth > 0 || path.parts.length !== 1 || !ALLOWED.has(path.parts[0])) {
    throw new PaymentPurposeTemplateError(`unknown variable {{${path.original}}}${where(path)}; allowed: ${PAYMENT_PURPOSE_VARIABLES.join(', ')}`);
  }
}

/** Walks the parsed template and rejects anything but text, comments, allowed variables and #if/#unless. */
function checkProgram(program: hbs.AST.Program): void {
  for (const node of program.body) {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        break;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.params.length > 0 || (m.hash && m.hash.pairs.length > 0)) {
          throw new PaymentPurposeTemplateError(`helpers are not allowed${where(m)}; only {{variable}}, {{#if}} and {{#unless}}`);
        }
        checkVariable(m.path, 'a {{…}} expression');
        break;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const helper = b.path.original;
        if (!BLOCK_HELPERS.has(helper)) throw new PaymentPurposeTemplateError(`block {{#${helper}}} is not allowed${where(b)}; only {{#if}} and {{#unless}}`);
        if (b.params.length !== 1 || (b.hash && b.hash.pairs.length > 0)) {
          throw new PaymentPurposeTemplateError(`{{#${helper}}} takes exactly one variable${where(b)}`);
        }
        checkVariable(b.params[0], `{{#${helper}}}`);
        if (b.program) checkProgram(b.program);
        if (b.inverse) checkProgram(b.inverse);
        break;
      }
      default:
        throw new PaymentPurposeTemplateError(`${node.type.replace(/Statement$/, '').toLowerCase()} is not allowed${where(node)}`);
    }
  }
}

/** Parses, checks and compiles; throws PaymentPurposeTemplateError with the parser's message on a broken one. */
function compileChecked(template: string): Handlebars.TemplateDelegate<PaymentPurposeVars> {
  if (typeof template !== 'string') throw new PaymentPurposeTemplateError('must be a string');
  if (template.trim() === '') throw new PaymentPurposeTemplateError('must not be empty');
  if (template.length > MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH) {
    throw new PaymentPurposeTemplateError(`is too long (${template.length} characters, maximum ${MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH})`);
  }
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(template);
  } catch (e) {
    throw new PaymentPurposeTemplateError(`cannot be parsed: ${String(e instanceof Error ? e.message : e).replace(/\s+/g, ' ').trim()}`);
  }
  checkProgram(ast);
  try {
    // The checked AST is compiled, so the template is parsed only once.
    return env.compile<PaymentPurposeVars>(ast as unknown as string, COMPILE_OPTIONS);
  } catch (e) {
    throw new PaymentPurposeTemplateError(`cannot be compiled: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const DEFAULT_COMPILED: Record<InvoiceLanguage, Handlebars.TemplateDelegate<PaymentPurposeVars>> = {
  uk: compileChecked(DEFAULT_PAYMENT_PURPOSE_TEMPLATES.uk),
  ru: compileChecked(DEFAULT_PAYMENT_PURPOSE_TEMPLATES.ru),
};

/** Compiled custom templates by text; a small bounded cache (entities rarely have more than one template). */
const CACHE_LIMIT = 200;
const cache = new Map<string, Handlebars.TemplateDelegate<PaymentPurposeVars>>();

function compiled(template: string): Handlebars.TemplateDelegate<PaymentPurposeVars> {
  let fn = cache.get(template);
  if (!fn) {
    fn = compileChecked(template);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(template, fn);
  }
  return fn;
}

function run(fn: Handlebars.TemplateDelegate<PaymentPurposeVars>, vars: PaymentPurposeVars): string {
  let out: string;
  try {
    // Own-property values only; the runtime's prototype-access guard stays on (its default).
    out = fn({ ...vars });
  } catch (e) {
    throw new PaymentPurposeTemplateError(`cannot be rendered: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The payment purpose text. `template` null/undefined/'' → the default for the language. Throws
 * PaymentPurposeTemplateError for a template validatePaymentPurposeTemplate would reject.
 */
export function renderPaymentPurpose(template: string | null | undefined, vars: PaymentPurposeVars, lang: InvoiceLanguage): string {
  const fn = template == null || template === '' ? DEFAULT_COMPILED[lang] : compiled(template);
  return run(fn, vars);
}

/** The template variables from invoice data (money as "24000.00" strings from ../money). */
export function paymentPurposeVars(input: {
  number: string;
  issuedAt: CalendarDate;
  dueAt?: CalendarDate | null;
  currency: Currency;
  vatPayer: boolean;
  /** Percent, "20"; ignored when not a VAT payer. */
  vatRate?: string | null;
  subtotal: string;
  vat: string;
  total: string;
  supplierName: string;
  buyerName: string;
}): PaymentPurposeVars {
  const cur = currencyShort(input.currency);
  const money = (amount: string): string => `${formatPrintMoney(amount)} ${cur}`;
  return {
    number: input.number,
    date: formatPrintDate(input.issuedAt),
    dueDate: input.dueAt ? formatPrintDate(input.dueAt) : '',
    total: money(input.total),
    subtotal: money(input.subtotal),
    vat: input.vatPayer ? money(input.vat) : '',
    vatRate: input.vatPayer && input.vatRate ? input.vatRate : '',
    currency: cur,
    supplierName: input.supplierName,
    buyerName: input.buyerName,
  };
}

const SAMPLE_VARS: Record<InvoiceLanguage, PaymentPurposeVars[]> = {
  uk: [
    { number: 'INV-2025-0001', date: '05.03.2025', dueDate: '15.03.2025', total: '24 000,00 грн', subtotal: '20 000,00 грн', vat: '4 000,00 грн', vatRate: '20', currency: 'грн', supplierName: 'ТОВ «Постачальник»', buyerName: 'ТОВ «Покупець»' },
    { number: 'INV-2025-0002', date: '05.03.2025', dueDate: '', total: '1 000,00 грн', subtotal: '1 000,00 грн', vat: '', vatRate: '', currency: 'грн', supplierName: 'ФОП Іваненко І. І.', buyerName: 'ТОВ «Покупець»' },
  ],
  ru: [
    { number: 'INV-2025-0001', date: '05.03.2025', dueDate: '15.03.2025', total: '24 000,00 руб.', subtotal: '20 000,00 руб.', vat: '4 000,00 руб.', vatRate: '20', currency: 'руб.', supplierName: 'ООО «Поставщик»', buyerName: 'ООО «Покупатель»' },
    { number: 'INV-2025-0002', date: '05.03.2025', dueDate: '', total: '1 000,00 руб.', subtotal: '1 000,00 руб.', vat: '', vatRate: '', currency: 'руб.', supplierName: 'ИП Иванов И. И.', buyerName: 'ООО «Покупатель»' },
  ],
};

/**
 * For the API: compiles the template, checks it uses only the allowed variables and helpers, and renders it
 * with sample data (a VAT payer and a non-payer) — it must produce a non-empty text.
 */
export function validatePaymentPurposeTemplate(template: unknown, lang: InvoiceLanguage = 'uk'): PaymentPurposeValidation {
  try {
    const fn = compileChecked(template as string);
    for (const vars of SAMPLE_VARS[lang]) {
      if (run(fn, vars) === '') throw new PaymentPurposeTemplateError('renders to an empty text');
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof PaymentPurposeTemplateError) return { ok: false, field: PAYMENT_PURPOSE_FIELD, message: e.message };
    throw e;
  }
}
