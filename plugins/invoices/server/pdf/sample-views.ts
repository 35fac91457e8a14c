/**
 * Sample invoices for the tests, the benchmark and the sample PDFs: built the way the invoices service will
 * build a view — totals from ../money, the amount in words, the payment purpose from its template.
 */
import { amountInWords, calculateInvoiceTotals, type InvoiceLineInput } from '../money';
import { formatIban } from '../requisites';
import type { InvoiceView, InvoiceViewBuyer, InvoiceViewSupplier } from './invoice-view';
import { paymentPurposeVars, renderPaymentPurpose } from './payment-purpose';

interface SampleInput {
  number: string;
  issuedAt: string;
  dueAt?: string;
  language: 'uk' | 'ru';
  currency: 'UAH' | 'RUB';
  supplier: InvoiceViewSupplier;
  buyer: InvoiceViewBuyer;
  vatRate?: string;
  pricesIncludeVat?: boolean;
  lines: Array<InvoiceLineInput & { unit: string }>;
  purposeTemplate?: string;
}

export function buildView(input: SampleInput): InvoiceView {
  const vatPayer = input.supplier.vatPayer;
  const result = calculateInvoiceTotals(input.lines, { vatPayer, vatRate: input.vatRate ?? null, pricesIncludeVat: input.pricesIncludeVat ?? false });
  if (!result.ok) throw new Error(`sample totals: ${result.errors.join('; ')}`);
  const totals = result.value;
  const lang = input.language;
  const vatWord = lang === 'uk' ? 'ПДВ' : 'НДС';
  const vatLabel = vatPayer ? `${vatWord} ${input.vatRate ?? '20'} %` : `Без ${vatWord}`;
  const vars = paymentPurposeVars({
    number: input.number,
    issuedAt: input.issuedAt,
    dueAt: input.dueAt,
    currency: input.currency,
    vatPayer,
    vatRate: input.vatRate,
    subtotal: totals.subtotal,
    vat: totals.vat,
    total: totals.total,
    supplierName: input.supplier.name,
    buyerName: input.buyer.name,
  });
  return {
    invoice: { number: input.number, issuedAt: input.issuedAt, dueAt: input.dueAt, language: lang, currency: input.currency },
    supplier: input.supplier,
    buyer: input.buyer,
    lines: input.lines.map((l, i) => ({ n: i + 1, name: l.name, unit: l.unit, quantity: totals.lines[i].quantity, price: totals.lines[i].price, amount: totals.lines[i].amount })),
    totals: { subtotal: totals.subtotal, vat: totals.vat, total: totals.total, vatLabel },
    amountInWords: amountInWords(totals.total, input.currency, lang),
    paymentPurpose: renderPaymentPurpose(input.purposeTemplate, vars, lang),
  };
}

export const UK_SUPPLIER: InvoiceViewSupplier = {
  name: 'ТОВ «Альфа-Сервіс»',
  legalForm: 'Товариство з обмеженою відповідальністю',
  taxId: '32855961',
  vatPayer: true,
  vatNumber: '328559626598',
  bank: { kind: 'iban', iban: formatIban('UA213223130000026007233566001'), bankName: 'АТ «Укрексімбанк»', mfo: '322313' },
  address: '01001, м. Київ, вул. Хрещатик, буд. 22, офіс 5',
  phone: '+380 44 123 45 67',
  signatory: { name: 'Петренко О. В.', position: 'директор' },
};

export const UK_BUYER: InvoiceViewBuyer = {
  name: 'ТОВ «Покупець Плюс»',
  taxId: '43097323',
  address: '61000, м. Харків, просп. Науки, 14',
  contact: 'Коваленко Ірина, +380 67 765 43 21',
};

export const RU_SUPPLIER: InvoiceViewSupplier = {
  name: 'ООО «Бета Софт»',
  legalForm: 'Общество с ограниченной ответственностью',
  taxId: '7707083893',
  kpp: '773601001',
  vatPayer: false,
  vatNote: 'НДС не облагается (упрощённая система налогообложения)',
  bank: { kind: 'ru', bik: '044525225', account: '40702810938000012345', corrAccount: '30101810400000000225', bankName: 'ПАО Сбербанк, г. Москва' },
  address: '117997, г. Москва, ул. Вавилова, д. 19',
  signatory: { name: 'Смирнова А. П.', position: 'генеральный директор' },
};

export const RU_BUYER: InvoiceViewBuyer = {
  name: 'ООО «Покупатель»',
  taxId: '7736207543',
  kpp: '773601001',
  address: '119021, г. Москва, ул. Льва Толстого, д. 16',
};

/** ТОВ, VAT 20 %, three lines: 20 000,00 + 4 000,00 VAT = 24 000,00 грн. */
export function ukSampleView(logo?: Buffer): InvoiceView {
  return buildView({
    number: 'INV-2025-0042',
    issuedAt: '2025-03-05',
    dueAt: '2025-03-15',
    language: 'uk',
    currency: 'UAH',
    supplier: { ...UK_SUPPLIER, logo },
    buyer: UK_BUYER,
    vatRate: '20',
    lines: [
      { name: 'Розробка модуля рахунків для корпоративного порталу (етап 1: аналіз, проєктування та реалізація)', quantity: '1', unit: 'посл.', price: '12000.00' },
      { name: 'Консультації з інтеграції з обліковою системою', quantity: '10', unit: 'год.', price: '500.00' },
      { name: 'Ліцензія на п’ять робочих місць, 1 рік', quantity: '3', unit: 'шт.', price: '1000.00' },
    ],
  });
}

/** ООО on УСН, without VAT: 15 750,50 руб. */
export function ruSampleView(): InvoiceView {
  return buildView({
    number: 'СЧ-2025-0007',
    issuedAt: '2025-04-01',
    language: 'ru',
    currency: 'RUB',
    supplier: RU_SUPPLIER,
    buyer: RU_BUYER,
    lines: [
      { name: 'Настройка CRM-системы', quantity: '1', unit: 'усл.', price: '9500.00' },
      { name: 'Обучение сотрудников работе с порталом', quantity: '2.5', unit: 'ч', price: '2500.20' },
    ],
  });
}

/** `count` lines with long names — several pages. */
export function longSampleView(count: number): InvoiceView {
  return buildView({
    number: 'INV-2025-0100',
    issuedAt: '2025-05-20',
    language: 'uk',
    currency: 'UAH',
    supplier: UK_SUPPLIER,
    buyer: UK_BUYER,
    vatRate: '20',
    lines: Array.from({ length: count }, (_, i) => ({
      name: i % 3 === 0 ? `Позиція ${i + 1}: комплект обладнання для облаштування робочого місця бухгалтера з довгою назвою, що переноситься на кілька рядків` : `Позиція ${i + 1}: витратні матеріали`,
      quantity: String((i % 7) + 1),
      unit: 'шт.',
      price: `${100 + i}.50`,
    })),
  });
}
