/**
 * The plain data an invoice PDF is drawn from — no database types, no arithmetic. The caller (the invoices
 * service) fills it from the invoice, the issuing entity and the buyer, with totals already computed by
 * ../money and the payment purpose already rendered by ./payment-purpose.
 *
 * Money and quantities are the exact decimal strings ../money produces ("24000.00", "1.5"): the renderer only
 * re-formats them for print ("24 000,00"), it never recomputes or rounds.
 */
import type { Currency, InvoiceLanguage } from '../money';

export type { Currency, InvoiceLanguage };

/**
 * A calendar date: "YYYY-MM-DD" (read as is), or a Date (its UTC calendar day — a DATE column comes back
 * as UTC midnight).
 */
export type CalendarDate = string | Date;

/** A Ukrainian (or any IBAN) account. */
export interface IbanBankAccount {
  kind: 'iban';
  /** As it should be printed, e.g. formatIban() from ../requisites: "UA21 3223 1300 0002 6007 2335 6600 1". */
  iban: string;
  /** "АТ КБ «ПриватБанк»". */
  bankName: string;
  /** МФО, printed after the bank name when given (it is also inside a UA IBAN). */
  mfo?: string;
}

/** A Russian bank account. */
export interface RuBankAccount {
  kind: 'ru';
  /** БИК, 9 digits. */
  bik: string;
  /** Расчётный счёт, 20 digits. */
  account: string;
  /** Корреспондентский счёт, 20 digits. */
  corrAccount: string;
  /** "ПАО Сбербанк". */
  bankName: string;
}

export type BankAccount = IbanBankAccount | RuBankAccount;

export interface InvoiceViewSupplier {
  /** As printed, with the legal form abbreviation and quotes: "ТОВ «Альфа-Сервіс»", "ООО «Бета»", "ФОП Іваненко І. І.". */
  name: string;
  /** The full legal form, printed under the name when given: "Товариство з обмеженою відповідальністю". */
  legalForm?: string;
  /** ЄДРПОУ (8 digits) / РНОКПП (10) / ИНН (10 or 12). */
  taxId: string;
  /** Overrides the derived label ("Код ЄДРПОУ", "РНОКПП", "ИНН"). */
  taxIdLabel?: string;
  /** КПП (Russian legal entities), printed as "ИНН … / КПП …". */
  kpp?: string;
  vatPayer: boolean;
  /** ІПН (UA VAT payer's individual tax number); printed in the VAT status line. */
  vatNumber?: string;
  /** Overrides the derived VAT status line ("Платник ПДВ, ІПН …" / "Не є платником ПДВ" / …). */
  vatNote?: string;
  bank: BankAccount;
  address: string;
  phone?: string;
  /** Who issues the invoice: "Виписав(ла): ____ name, position". */
  signatory: { name: string; position: string };
  /** PNG or JPEG. */
  logo?: Buffer;
}

export interface InvoiceViewBuyer {
  name: string;
  taxId?: string;
  taxIdLabel?: string;
  kpp?: string;
  address?: string;
  /** A person, a phone or an e-mail, printed as is. */
  contact?: string;
}

export interface InvoiceViewLine {
  /** 1-based row number as printed. */
  n: number;
  name: string;
  /** "2", "1.5", "0.125". */
  quantity: string;
  /** "шт.", "год.", "послуга". */
  unit: string;
  /** "12000.00". */
  price: string;
  /** "24000.00". */
  amount: string;
}

export interface InvoiceViewTotals {
  /** Without VAT ("Разом" / "Итого"). */
  subtotal: string;
  vat: string;
  /** To pay ("Всього до сплати" / "Всего к оплате"). */
  total: string;
  /** "ПДВ 20 %", "НДС 20 %", "Без ПДВ", "Без НДС". */
  vatLabel: string;
}

export interface InvoiceView {
  invoice: {
    number: string;
    issuedAt: CalendarDate;
    dueAt?: CalendarDate;
    language: InvoiceLanguage;
    currency: Currency;
  };
  supplier: InvoiceViewSupplier;
  buyer: InvoiceViewBuyer;
  lines: InvoiceViewLine[];
  totals: InvoiceViewTotals;
  /** amountInWords(totals.total, currency, language) from ../money. */
  amountInWords: string;
  /** renderPaymentPurpose(...) from ./payment-purpose. */
  paymentPurpose: string;
  /** The NBU payment QR code's link (./payment-qr), for Ukrainian invoices in hryvnias; drawn under the signature. */
  paymentQr?: string;
}
