import type { ActionSpec, ActionType, Problem } from '@portal/plugin-sdk';
import { isUuid } from './input';
import type { InvoicesService } from './invoices.service';
import { invoicePdfFilename, pdfViewOf } from './invoice-pdf';
import { renderInvoicePdf } from './pdf';

/**
 * Action types run outside Nest's container (the engine hands them a context, not the plugin's services), so the
 * module binds its InvoicesService here when it starts and unbinds it when it stops. Inside an action the
 * portal's request context (and the run's transaction) is already set, so the service works as in a request.
 * (The SDK could offer actions the plugin's providers; until it does, this is the bridge.)
 */
const bound: InvoicesService[] = [];

export function bindInvoicesService(s: InvoicesService): void {
  bound.push(s);
}

export function unbindInvoicesService(s: InvoicesService): void {
  const i = bound.lastIndexOf(s);
  if (i >= 0) bound.splice(i, 1);
}

function service(): InvoicesService {
  const s = bound[bound.length - 1];
  if (!s) throw new Error('the invoices module is not running in this process');
  return s;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `invoice.generate {legalEntityId?}`: issues the invoice for the deal's items, once per run (retries return it). */
export const invoiceGenerate: ActionType = {
  type: 'invoice.generate',
  async validate(a: ActionSpec) {
    const problems: Problem[] = [];
    for (const k of Object.keys(a)) if (!['type', 'legalEntityId'].includes(k)) problems.push({ field: k, message: `is not a parameter of invoice.generate (legalEntityId?)` });
    if (a['legalEntityId'] !== undefined && !isUuid(a['legalEntityId'])) problems.push({ field: 'legalEntityId', message: 'must be a legal entity id (a UUID); leave it out for the default entity' });
    return problems;
  },
  async execute(a, ctx) {
    if (!ctx.deal) throw new Error('this action needs a deal');
    const { invoice, replayed } = await service().issue({
      dealId: ctx.deal.id,
      legalEntityId: a['legalEntityId'] as string | undefined,
      requestKey: `run:${ctx.idempotencyKey}`,
    });
    return { invoiceId: invoice.id, number: invoice.number, total: invoice.total, currency: invoice.currency, ...(replayed ? { replayed } : {}) };
  },
  describe: (a) => `issue an invoice for the deal's items${a['legalEntityId'] ? ` from legal entity ${a['legalEntityId']}` : ' from the default legal entity'}`,
};

const TEXT = {
  uk: {
    subject: (n: string) => `Рахунок № ${n}`,
    body: (v: Letter) =>
      `Доброго дня!\n\nНадсилаємо рахунок № ${v.number} від ${v.date} на суму ${v.total} ${v.currency} (${v.words}).\n` +
      `Постачальник: ${v.supplier}, код ${v.taxId}.\nРеквізити для оплати: ${v.bank}.\n\nЗ повагою,\n${v.supplier}`,
  },
  ru: {
    subject: (n: string) => `Счёт № ${n}`,
    body: (v: Letter) =>
      `Добрый день!\n\nНаправляем счёт № ${v.number} от ${v.date} на сумму ${v.total} ${v.currency} (${v.words}).\n` +
      `Поставщик: ${v.supplier}, ИНН ${v.taxId}.\nРеквизиты для оплаты: ${v.bank}.\n\nС уважением,\n${v.supplier}`,
  },
};

interface Letter {
  number: string;
  date: string;
  total: string;
  currency: string;
  words: string;
  supplier: string;
  taxId: string;
  bank: string;
}

/**
 * `invoice.send {to?: "contact" | <e-mail>}`: e-mails the deal's latest invoice that is issued or sent, with its
 * PDF attached (drawn from the frozen copy, so a retried delivery sends the same document), and marks it sent.
 */
export const invoiceSend: ActionType = {
  type: 'invoice.send',
  async validate(a: ActionSpec) {
    const problems: Problem[] = [];
    for (const k of Object.keys(a)) if (!['type', 'to'].includes(k)) problems.push({ field: k, message: 'is not a parameter of invoice.send (to?)' });
    const to = a['to'];
    if (to !== undefined && to !== 'contact' && !(typeof to === 'string' && EMAIL_RE.test(to))) problems.push({ field: 'to', message: 'must be "contact" or an e-mail address' });
    return problems;
  },
  async execute(a, ctx) {
    if (!ctx.deal) throw new Error('this action needs a deal');
    const invoices = service();
    const invoice = await invoices.latestSendable(ctx.deal.id);
    if (!invoice) throw new Error('the deal has no issued invoice to send (add invoice.generate before it)');
    let to = typeof a['to'] === 'string' && a['to'] !== 'contact' ? a['to'] : null;
    if (!to) {
      const tpl = await ctx.services.templateContext();
      const contact = tpl['contact'] as { email?: string } | null;
      to = contact?.email ?? invoice.buyer.email ?? null;
    }
    if (!to) return { sent: 0, invoiceId: invoice.id, note: "no recipient: the deal's contact and the buyer have no e-mail address" };
    const s = invoice.supplier;
    const letter: Letter = {
      number: invoice.number,
      date: invoice.issue_date,
      total: invoice.total,
      currency: invoice.currency === 'RUB' ? 'руб.' : 'грн',
      words: invoice.amount_in_words,
      supplier: s.name,
      taxId: s.taxId,
      bank: s.iban ? `IBAN ${s.iban}, ${s.bankName}` : `р/с ${s.account}, ${s.bankName}, БИК ${s.bik}, к/с ${s.corrAccount}`,
    };
    const t = TEXT[invoice.language] ?? TEXT.uk;
    const pdf = await renderInvoicePdf(pdfViewOf(invoice));
    const attachment = { filename: invoicePdfFilename(invoice.number), contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
    await ctx.services.deliver('email', { to, subject: t.subject(invoice.number), text: t.body(letter), attachments: [attachment] });
    await invoices.move(invoice, 'sent', { asAutomation: true });
    return { sent: 1, to, invoiceId: invoice.id, number: invoice.number, attachment: attachment.filename };
  },
  describe: (a) => `e-mail the deal's latest invoice to ${a['to'] ?? 'the contact'}`,
};
