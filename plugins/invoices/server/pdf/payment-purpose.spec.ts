import {
  DEFAULT_PAYMENT_PURPOSE_TEMPLATES,
  MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH,
  PAYMENT_PURPOSE_FIELD,
  PaymentPurposeTemplateError,
  paymentPurposeVars,
  renderPaymentPurpose,
  validatePaymentPurposeTemplate,
} from './payment-purpose';

const ukVat = paymentPurposeVars({
  number: 'INV-2025-0042',
  issuedAt: '2025-03-05',
  dueAt: '2025-03-15',
  currency: 'UAH',
  vatPayer: true,
  vatRate: '20',
  subtotal: '20000.00',
  vat: '4000.00',
  total: '24000.00',
  supplierName: 'ТОВ «Альфа-Сервіс»',
  buyerName: 'ТОВ «Покупець Плюс»',
});
const ruNoVat = paymentPurposeVars({
  number: 'СЧ-7',
  issuedAt: new Date(Date.UTC(2025, 3, 1)),
  currency: 'RUB',
  vatPayer: false,
  vatRate: '20',
  subtotal: '15750.50',
  vat: '0.00',
  total: '15750.50',
  supplierName: 'ООО «Бета Софт»',
  buyerName: 'ООО «Покупатель»',
});

describe('paymentPurposeVars', () => {
  it('formats dates and money as printed, and leaves vat empty for a non-payer', () => {
    expect(ukVat).toEqual({
      number: 'INV-2025-0042',
      date: '05.03.2025',
      dueDate: '15.03.2025',
      total: '24 000,00 грн',
      subtotal: '20 000,00 грн',
      vat: '4 000,00 грн',
      vatRate: '20',
      currency: 'грн',
      supplierName: 'ТОВ «Альфа-Сервіс»',
      buyerName: 'ТОВ «Покупець Плюс»',
    });
    expect(ruNoVat).toMatchObject({ date: '01.04.2025', dueDate: '', vat: '', vatRate: '', total: '15 750,50 руб.', currency: 'руб.' });
  });
});

describe('renderPaymentPurpose', () => {
  it('renders the default templates in both languages', () => {
    expect(renderPaymentPurpose(undefined, ukVat, 'uk')).toBe('Оплата згідно рахунку № INV-2025-0042 від 05.03.2025, у т.ч. ПДВ 4 000,00 грн');
    expect(renderPaymentPurpose(null, { ...ukVat, vat: '' }, 'uk')).toBe('Оплата згідно рахунку № INV-2025-0042 від 05.03.2025, без ПДВ');
    expect(renderPaymentPurpose('', ruNoVat, 'ru')).toBe('Оплата по счёту № СЧ-7 от 01.04.2025, без НДС');
    expect(renderPaymentPurpose(undefined, { ...ruNoVat, vat: '3 150,10 руб.' }, 'ru')).toBe('Оплата по счёту № СЧ-7 от 01.04.2025, в т.ч. НДС 3 150,10 руб.');
  });

  it('renders a custom template as plain text: nothing escaped, whitespace collapsed', () => {
    const t = 'Оплата за послуги\n згідно рах. №{{number}} ({{buyerName}}) & ін.; сума {{total}}{{#unless vat}} (без ПДВ){{/unless}}';
    expect(renderPaymentPurpose(t, ukVat, 'uk')).toBe('Оплата за послуги згідно рах. №INV-2025-0042 (ТОВ «Покупець Плюс») & ін.; сума 24 000,00 грн');
    expect(renderPaymentPurpose('{{supplierName}} <b>"x"</b>', { ...ukVat, supplierName: 'ТОВ "A&B" <C>' }, 'uk')).toBe('ТОВ "A&B" <C> <b>"x"</b>');
  });

  it('throws a PaymentPurposeTemplateError naming the field for a broken template', () => {
    let err: unknown;
    try {
      renderPaymentPurpose('Оплата {{#if vat}}з ПДВ', ukVat, 'uk');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PaymentPurposeTemplateError);
    expect((err as PaymentPurposeTemplateError).field).toBe('paymentPurposeTemplate');
    expect((err as Error).message).toMatch(/^paymentPurposeTemplate: cannot be parsed: /);
    expect(() => renderPaymentPurpose('{{number', ukVat, 'uk')).toThrow(/^paymentPurposeTemplate: cannot be parsed/);
  });
});

describe('validatePaymentPurposeTemplate', () => {
  it('accepts the defaults and templates using the documented variables', () => {
    expect(validatePaymentPurposeTemplate(DEFAULT_PAYMENT_PURPOSE_TEMPLATES.uk, 'uk')).toEqual({ ok: true });
    expect(validatePaymentPurposeTemplate(DEFAULT_PAYMENT_PURPOSE_TEMPLATES.ru, 'ru')).toEqual({ ok: true });
    expect(validatePaymentPurposeTemplate('Рах. {{number}} від {{date}}{{#if dueDate}}, до {{dueDate}}{{/if}}, {{subtotal}} + ПДВ {{vatRate}}% {{! коментар }}')).toEqual({ ok: true });
  });

  it.each([
    ['unclosed block', 'Оплата {{#if vat}}з ПДВ', /cannot be parsed/],
    ['unclosed mustache', 'Оплата № {{number', /cannot be parsed/],
    ['unknown variable', 'Оплата № {{numbr}}', /unknown variable \{\{numbr\}\}.*allowed: number, date/],
    ['nested path', '{{number.length}}', /unknown variable \{\{number\.length\}\}/],
    ['parent path', '{{#if vat}}{{../number}}{{/if}}', /unknown variable \{\{\.\.\/number\}\}/],
    ['data variable', '{{@root.number}}', /unknown variable/],
    ['prototype access', '{{constructor}}', /unknown variable \{\{constructor\}\}/],
    ['helper call', '{{lookup this "number"}}', /helpers are not allowed/],
    ['each block', '{{#each number}}x{{/each}}', /block \{\{#each\}\} is not allowed/],
    ['with block', '{{#with number}}x{{/with}}', /block \{\{#with\}\} is not allowed/],
    ['if without argument', '{{#if}}x{{/if}}', /./],
    ['partial', '{{> header}}', /partial is not allowed/],
    ['empty', '   ', /must not be empty/],
    ['renders empty', '{{#if vat}}{{/if}}', /renders to an empty text/],
    ['too long', 'x'.repeat(MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH + 1), /too long/],
  ])('rejects %s', (_name, template, message) => {
    const r = validatePaymentPurposeTemplate(template);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(PAYMENT_PURPOSE_FIELD);
    expect(r.message).toMatch(/^paymentPurposeTemplate: /);
    expect(r.message).toMatch(message);
  });

  it('rejects a non-string', () => {
    expect(validatePaymentPurposeTemplate(42)).toMatchObject({ ok: false, field: 'paymentPurposeTemplate', message: 'paymentPurposeTemplate: must be a string' });
  });
});
