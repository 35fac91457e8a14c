import { PaymentPurposeTemplateError, nbuPaymentLink, paymentPurposeVars, renderPaymentPurpose } from './pdf';
import type { InvoiceView as PdfView } from './pdf';
import { formatIban, parseUaIban } from './requisites';
import type { InvoiceLanguageCode } from './settings';
import type { Buyer, InvoiceRow } from './invoices.service';
import type { supplierSnapshot } from './legal-entities.service';

type Supplier = ReturnType<typeof supplierSnapshot>;
type VatGroup = { rate: string };

const VAT_WORD = { uk: 'ПДВ', ru: 'НДС' } as const;

/** "ПДВ 20 %" for one rate, "ПДВ" for mixed rates, "Без ПДВ" for a non-payer. */
export function vatLabel(vatPayer: boolean, groups: VatGroup[], lang: InvoiceLanguageCode): string {
  const word = VAT_WORD[lang];
  if (!vatPayer) return `Без ${word}`;
  return groups.length === 1 ? `${word} ${groups[0].rate} %` : word;
}

/**
 * The payment purpose printed on the invoice, rendered once at issue from the portal's template for the language
 * (null: the PDF module's default) and frozen with the invoice. A template the PDF module refuses falls back to the
 * default rather than blocking the issue (the settings hook refuses such templates when they are saved).
 */
export function paymentPurposeFor(
  input: { number: string; issueDate: string; currency: 'UAH' | 'RUB'; vatPayer: boolean; vatGroups: VatGroup[]; subtotal: string; vat: string; total: string; supplierName: string; buyerName: string },
  template: string | null,
  lang: InvoiceLanguageCode,
): string {
  const vars = paymentPurposeVars({
    number: input.number,
    issuedAt: input.issueDate,
    currency: input.currency,
    vatPayer: input.vatPayer,
    vatRate: input.vatGroups.length === 1 ? input.vatGroups[0].rate : null,
    subtotal: input.subtotal,
    vat: input.vat,
    total: input.total,
    supplierName: input.supplierName,
    buyerName: input.buyerName,
  });
  try {
    return renderPaymentPurpose(template, vars, lang);
  } catch (e) {
    if (e instanceof PaymentPurposeTemplateError) return renderPaymentPurpose(null, vars, lang);
    throw e;
  }
}

function defaultPosition(s: Supplier): string {
  const individual = s.taxIdType === 'UA_RNOKPP' || s.taxIdType === 'RU_INN_INDIVIDUAL';
  if (individual) return s.country === 'RU' ? 'ИП' : 'ФОП';
  return 'Директор'; // the same word in Ukrainian and Russian
}

function logoBytes(dataUrl: string | null): Buffer | undefined {
  const m = dataUrl ? /^data:image\/(?:png|jpeg);base64,(.+)$/.exec(dataUrl) : null;
  return m ? Buffer.from(m[1], 'base64') : undefined;
}

function buyerContact(b: Buyer): string | undefined {
  return [b.phone, b.email].filter(Boolean).join(', ') || undefined;
}

/** The frozen invoice → the plain view the PDF module draws. Nothing is recomputed: every amount is the stored one. */
export function pdfViewOf(r: InvoiceRow & { payment_purpose: string }): PdfView {
  const s = r.supplier;
  const ua = s.iban ? parseUaIban(s.iban) : null;
  return {
    invoice: { number: r.number, issuedAt: r.issue_date, language: r.language, currency: r.currency },
    supplier: {
      name: s.name,
      taxId: s.taxId,
      ...(s.kpp ? { kpp: s.kpp } : {}),
      vatPayer: s.vatPayer,
      bank: s.iban
        ? { kind: 'iban', iban: formatIban(s.iban), bankName: s.bankName, ...(ua ? { mfo: ua.mfo } : {}) }
        : { kind: 'ru', bik: s.bik ?? '', account: s.account ?? '', corrAccount: s.corrAccount ?? '', bankName: s.bankName },
      address: s.address,
      signatory: { name: s.signatory, position: s.signatoryPosition ?? defaultPosition(s) },
      ...(logoBytes(s.logo) ? { logo: logoBytes(s.logo) } : {}),
    },
    buyer: {
      name: r.buyer.name,
      ...(r.buyer.taxId ? { taxId: r.buyer.taxId } : {}),
      ...(r.buyer.address ? { address: r.buyer.address } : {}),
      ...(buyerContact(r.buyer) ? { contact: buyerContact(r.buyer) } : {}),
    },
    lines: r.lines.map((l) => ({ n: l.position, name: l.name, quantity: l.quantity, unit: l.unit ?? '', price: l.price, amount: l.amount })),
    totals: { subtotal: r.subtotal, vat: r.vat, total: r.total, vatLabel: vatLabel(r.vat_payer, r.vat_groups, r.language) },
    amountInWords: r.amount_in_words,
    paymentPurpose: r.payment_purpose,
    ...(s.iban && r.currency === 'UAH'
      ? { paymentQr: nbuPaymentLink({ recipient: s.name, iban: s.iban, amount: r.total, recipientCode: s.taxId, purpose: r.payment_purpose }) }
      : {}),
  };
}

/** `invoice-<number>.pdf`, with anything but letters, digits, dots, dashes and underscores made `_`. */
export function invoicePdfFilename(number: string): string {
  return `invoice-${number.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.pdf`;
}
