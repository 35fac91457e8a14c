/**
 * renderInvoicePdf(view) → the invoice as an A4 PDF, in Ukrainian or Russian, laid out the way accountants of
 * both countries expect a "Рахунок на оплату" / "Счёт на оплату":
 *
 *   [logo]
 *   Рахунок на оплату № INV-2025-0001 від 05.03.2025            ← title, bold, thick rule under it
 *   Сплатити до: 15.03.2025                                      ← when dueAt is set
 *   Постачальник:  ТОВ «Альфа»  (bold) / legal form / Код ЄДРПОУ / IBAN / Банк, МФО / Адреса / Тел. / VAT status
 *   Покупець:      name (bold) / tax id / address / contact
 *   ┌──┬────────────────────┬───────┬─────┬──────────┬───────────┐
 *   │№ │Найменування        │Кіл-сть│ Од. │   Ціна   │    Сума   │ ← repeated on every page
 *   ├──┼────────────────────┼───────┼─────┼──────────┼───────────┤ ← names wrap, rows never split
 *   └──┴────────────────────┴───────┴─────┴──────────┴───────────┘
 *                                                 Разом: 20 000,00
 *                                            ПДВ 20 %:  4 000,00   (or "Без ПДВ: —")
 *                                    Всього до сплати: 24 000,00   (bold)
 *   Всього найменувань 3, на суму 24 000,00 грн
 *   Всього на суму: Двадцять чотири тисячі гривень 00 копійок   (bold)
 *   Призначення платежу: …
 *   ─────────────────────────────────────────────
 *   Виписав(ла): ______________  name, position
 *   (footer "Рахунок № … від …, сторінка 1 з 2" only when the invoice takes more than one page)
 *
 * DejaVu Sans (regular + bold) is embedded, subset, so Cyrillic and the Ukrainian apostrophe print anywhere.
 * The TTF files are read and parsed once per process; every render reuses them.
 */
import { PDF_FONT, renderPdf, warmUpPdfFonts } from '@portal/plugin-sdk/pdf';
import type { CalendarDate, InvoiceLanguage, InvoiceView, InvoiceViewLine } from './invoice-view';
import { qrMatrix } from './payment-qr';
import { currencyShort, defaultTaxIdLabel, formatPrintDate, formatPrintMoney, formatPrintQuantity } from './print-format';

// Fonts: the SDK's Cyrillic DejaVu Sans, parsed once per process (see @portal/plugin-sdk/pdf).
const REGULAR = PDF_FONT.regular;
const BOLD = PDF_FONT.bold;

/** Reads and parses the fonts now rather than in the first render (≈ 0.3 s); e.g. at server start. */
export function warmUpInvoiceRenderer(): void {
  warmUpPdfFonts();
}

// ---------------------------------------------------------------------------------------------------------------
// Texts of the two languages.
// ---------------------------------------------------------------------------------------------------------------

interface Labels {
  title: (n: string, date: string) => string;
  dueAt: string;
  supplier: string;
  buyer: string;
  bank: string;
  mfo: string;
  bik: string;
  account: string;
  corrAccount: string;
  kpp: string;
  address: string;
  phone: string;
  contact: string;
  vatPayer: (vatNumber?: string) => string;
  notVatPayer: string;
  columns: [string, string, string, string, string, string];
  subtotal: string;
  total: string;
  count: (n: number, sum: string) => string;
  inWords: string;
  purpose: string;
  issuedBy: string;
  qrTitle: string;
  qrHint: string;
  page: (n: string, date: string, page: number, pages: number) => string;
}

const LABELS: Record<InvoiceLanguage, Labels> = {
  uk: {
    title: (n, date) => `Рахунок на оплату № ${n} від ${date}`,
    dueAt: 'Сплатити до',
    supplier: 'Постачальник:',
    buyer: 'Покупець:',
    bank: 'Банк',
    mfo: 'МФО',
    bik: 'БІК',
    account: 'р/р',
    corrAccount: 'к/р',
    kpp: 'КПП',
    address: 'Адреса',
    phone: 'Тел.',
    contact: 'Контакт',
    vatPayer: (vatNumber) => (vatNumber ? `Платник ПДВ, ІПН ${vatNumber}` : 'Платник ПДВ'),
    notVatPayer: 'Не є платником ПДВ',
    columns: ['№', 'Найменування', 'Кіл-сть', 'Од.', 'Ціна', 'Сума'],
    subtotal: 'Разом:',
    total: 'Всього до сплати:',
    count: (n, sum) => `Всього найменувань ${n}, на суму ${sum}`,
    inWords: 'Всього на суму:',
    purpose: 'Призначення платежу:',
    issuedBy: 'Виписав(ла):',
    qrTitle: 'Оплата за QR-кодом',
    qrHint: 'Відскануйте камерою телефона або в застосунку банку: отримувач, IBAN, сума й призначення платежу заповняться самі (стандарт НБУ).',
    page: (n, date, page, pages) => `Рахунок № ${n} від ${date}, сторінка ${page} з ${pages}`,
  },
  ru: {
    title: (n, date) => `Счёт на оплату № ${n} от ${date}`,
    dueAt: 'Оплатить до',
    supplier: 'Поставщик:',
    buyer: 'Покупатель:',
    bank: 'Банк',
    mfo: 'МФО',
    bik: 'БИК',
    account: 'р/с',
    corrAccount: 'к/с',
    kpp: 'КПП',
    address: 'Адрес',
    phone: 'Тел.',
    contact: 'Контакт',
    vatPayer: (vatNumber) => (vatNumber ? `Плательщик НДС, ИНН плательщика НДС ${vatNumber}` : 'Плательщик НДС'),
    notVatPayer: 'НДС не облагается',
    columns: ['№', 'Наименование', 'Кол-во', 'Ед.', 'Цена', 'Сумма'],
    subtotal: 'Итого:',
    total: 'Всего к оплате:',
    count: (n, sum) => `Всего наименований ${n}, на сумму ${sum}`,
    inWords: 'Всего на сумму:',
    purpose: 'Назначение платежа:',
    issuedBy: 'Выписал(а):',
    qrTitle: 'Оплата по QR-коду',
    qrHint: 'Отсканируйте камерой телефона или в приложении банка: получатель, IBAN, сумма и назначение платежа заполнятся сами (стандарт НБУ).',
    page: (n, date, page, pages) => `Счёт № ${n} от ${date}, страница ${page} из ${pages}`,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Geometry (points; A4 = 595.28 × 841.89).
// ---------------------------------------------------------------------------------------------------------------

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 36, bottom: 42, left: 40, right: 40 };
const LEFT = MARGIN.left;
const RIGHT = PAGE.width - MARGIN.right;
const CONTENT_WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - MARGIN.bottom;

const SIZE = { title: 14, name: 10, text: 9, table: 8.5, header: 8.5, small: 7.5 };
const LOGO_BOX: [number, number] = [150, 56];
const PARTY_LABEL_WIDTH = 86;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 3;
const LINE_GAP = 1;

/** Column widths: № | name | quantity | unit | price | amount; the name takes the rest. */
const COL_FIXED = { n: 26, quantity: 50, unit: 40, price: 82, amount: 88 };
const COL_NAME = CONTENT_WIDTH - (COL_FIXED.n + COL_FIXED.quantity + COL_FIXED.unit + COL_FIXED.price + COL_FIXED.amount);
const COLUMNS: ReadonlyArray<{ width: number; align: 'left' | 'center' | 'right' }> = [
  { width: COL_FIXED.n, align: 'center' },
  { width: COL_NAME, align: 'left' },
  { width: COL_FIXED.quantity, align: 'right' },
  { width: COL_FIXED.unit, align: 'center' },
  { width: COL_FIXED.price, align: 'right' },
  { width: COL_FIXED.amount, align: 'right' },
];
const COLUMN_X: number[] = COLUMNS.reduce<number[]>((xs, c, i) => [...xs, i === 0 ? LEFT : xs[i - 1] + COLUMNS[i - 1].width], []);

const GRID_COLOR = '#000000';
const HEADER_FILL = '#e8e8e8';
const MUTED = '#555555';

// ---------------------------------------------------------------------------------------------------------------

/** A layout cursor over a pdfkit document that knows where the page ends. */
class Layout {
  y = MARGIN.top;
  constructor(readonly doc: PDFKit.PDFDocument) {}

  font(bold: boolean, size: number): this {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
    return this;
  }

  /** Starts a new page when `height` does not fit on the current one. Returns true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.doc.addPage();
    this.y = MARGIN.top;
    return true;
  }

  height(text: string, width: number): number {
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** Wrapped text at (x, y) with a width; does not move the cursor. */
  textAt(text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
    this.doc.text(text, x, y, { width, align, lineGap: LINE_GAP });
  }

  /** One line, never wrapped: shrinks the font until it fits the width (long amounts in narrow columns). */
  fitLine(text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right', size: number): void {
    let s = size;
    this.doc.fontSize(s);
    while (s > 5 && this.doc.widthOfString(text) > width) {
      s -= 0.5;
      this.doc.fontSize(s);
    }
    this.doc.text(text, x, y + (size - s) / 2, { width, align, lineBreak: false });
    this.doc.fontSize(size);
  }

  /** A wrapped paragraph across the full width, page-breaking before it when it does not fit. */
  paragraph(text: string, bold: boolean, size: number, spaceAfter = 3): void {
    this.font(bold, size);
    const h = this.height(text, CONTENT_WIDTH);
    this.ensure(h);
    this.textAt(text, LEFT, this.y, CONTENT_WIDTH);
    this.y += h + spaceAfter;
  }

  rule(width: number, spaceBefore: number, spaceAfter: number): void {
    this.y += spaceBefore;
    this.doc.save().moveTo(LEFT, this.y).lineTo(RIGHT, this.y).lineWidth(width).strokeColor(GRID_COLOR).stroke().restore();
    this.y += spaceAfter;
  }
}

function partyBlock(l: Layout, label: string, name: string, details: string[]): void {
  const valueX = LEFT + PARTY_LABEL_WIDTH;
  const valueW = CONTENT_WIDTH - PARTY_LABEL_WIDTH;
  l.font(true, SIZE.name);
  const nameH = l.height(name, valueW);
  l.font(false, SIZE.text);
  const detailsH = details.map((d) => l.height(d, valueW));
  const total = nameH + detailsH.reduce((a, b) => a + b, 0);
  // Keep a party block on one page when it fits on one.
  l.ensure(Math.min(total, BOTTOM - MARGIN.top));

  l.font(true, SIZE.text);
  l.textAt(label, LEFT, l.y + 1, PARTY_LABEL_WIDTH - 6);
  l.font(true, SIZE.name);
  l.ensure(nameH);
  l.textAt(name, valueX, l.y, valueW);
  l.y += nameH;
  l.font(false, SIZE.text);
  details.forEach((d, i) => {
    l.ensure(detailsH[i]);
    l.textAt(d, valueX, l.y, valueW);
    l.y += detailsH[i];
  });
  l.y += 8;
}

function supplierDetails(view: InvoiceView, t: Labels): string[] {
  const s = view.supplier;
  const lang = view.invoice.language;
  const country = s.bank.kind === 'ru' ? 'RU' : 'UA';
  const out: string[] = [];
  if (s.legalForm) out.push(s.legalForm);
  const taxLabel = s.taxIdLabel ?? defaultTaxIdLabel(s.taxId, lang, country);
  out.push(s.kpp ? `${taxLabel} ${s.taxId}, ${t.kpp} ${s.kpp}` : `${taxLabel} ${s.taxId}`);
  if (s.bank.kind === 'iban') {
    out.push(`IBAN ${s.bank.iban}`);
    out.push(`${t.bank}: ${s.bank.bankName}${s.bank.mfo ? `, ${t.mfo} ${s.bank.mfo}` : ''}`);
  } else {
    out.push(`${t.account} ${s.bank.account}`);
    out.push(`${t.bank}: ${s.bank.bankName}, ${t.bik} ${s.bank.bik}, ${t.corrAccount} ${s.bank.corrAccount}`);
  }
  out.push(`${t.address}: ${s.address}`);
  if (s.phone) out.push(`${t.phone}: ${s.phone}`);
  out.push(s.vatNote ?? (s.vatPayer ? t.vatPayer(s.vatNumber) : t.notVatPayer));
  return out;
}

function buyerDetails(view: InvoiceView, t: Labels): string[] {
  const b = view.buyer;
  const country = view.supplier.bank.kind === 'ru' ? 'RU' : 'UA';
  const out: string[] = [];
  if (b.taxId) {
    const taxLabel = b.taxIdLabel ?? defaultTaxIdLabel(b.taxId, view.invoice.language, country);
    out.push(b.kpp ? `${taxLabel} ${b.taxId}, ${t.kpp} ${b.kpp}` : `${taxLabel} ${b.taxId}`);
  }
  if (b.address) out.push(`${t.address}: ${b.address}`);
  if (b.contact) out.push(`${t.contact}: ${b.contact}`);
  return out;
}

function tableHeader(l: Layout, t: Labels): void {
  const { doc } = l;
  l.font(true, SIZE.header);
  const h = Math.max(...t.columns.map((c, i) => l.height(c, COLUMNS[i].width - 2 * CELL_PAD_X))) + 2 * CELL_PAD_Y + 1;
  doc.save().rect(LEFT, l.y, CONTENT_WIDTH, h).fillAndStroke(HEADER_FILL, GRID_COLOR).restore();
  doc.fillColor('black');
  t.columns.forEach((c, i) => {
    const col = COLUMNS[i];
    l.textAt(c, COLUMN_X[i] + CELL_PAD_X, l.y + CELL_PAD_Y + 0.5, col.width - 2 * CELL_PAD_X, 'center');
  });
  verticalGrid(doc, l.y, h);
  l.y += h;
}

function verticalGrid(doc: PDFKit.PDFDocument, y: number, h: number): void {
  doc.save().lineWidth(0.5).strokeColor(GRID_COLOR);
  doc.rect(LEFT, y, CONTENT_WIDTH, h).stroke();
  for (let i = 1; i < COLUMN_X.length; i++) doc.moveTo(COLUMN_X[i], y).lineTo(COLUMN_X[i], y + h).stroke();
  doc.restore();
}

function tableRows(l: Layout, t: Labels, lines: readonly InvoiceViewLine[]): void {
  const { doc } = l;
  const nameW = COLUMNS[1].width - 2 * CELL_PAD_X;
  const unitW = COLUMNS[3].width - 2 * CELL_PAD_X;
  const maxRowH = BOTTOM - MARGIN.top - 40;
  // No header alone at the foot of a page: it goes with at least one row.
  l.ensure(40);
  tableHeader(l, t);
  for (const line of lines) {
    l.font(false, SIZE.table);
    const textH = Math.max(l.height(line.name, nameW), l.height(line.unit, unitW), doc.currentLineHeight(true));
    const h = Math.min(textH + 2 * CELL_PAD_Y, maxRowH);
    if (l.ensure(h)) tableHeader(l, t);
    l.font(false, SIZE.table);
    const y = l.y + CELL_PAD_Y;
    const cells = [String(line.n), null, formatPrintQuantity(line.quantity), null, formatPrintMoney(line.price), formatPrintMoney(line.amount)];
    doc.text(line.name, COLUMN_X[1] + CELL_PAD_X, y, { width: nameW, lineGap: LINE_GAP, height: h - 2 * CELL_PAD_Y + 1, ellipsis: true });
    l.textAt(line.unit, COLUMN_X[3] + CELL_PAD_X, y, unitW, 'center');
    cells.forEach((c, i) => {
      if (c !== null) l.fitLine(c, COLUMN_X[i] + CELL_PAD_X, y, COLUMNS[i].width - 2 * CELL_PAD_X, COLUMNS[i].align, SIZE.table);
    });
    verticalGrid(doc, l.y, h);
    l.y += h;
  }
}

function totals(l: Layout, view: InvoiceView, t: Labels): void {
  const valueX = COLUMN_X[5];
  const valueW = COLUMNS[5].width - CELL_PAD_X;
  const labelW = valueX - LEFT - 8;
  const rows: Array<{ label: string; value: string; bold: boolean }> = [
    { label: t.subtotal, value: formatPrintMoney(view.totals.subtotal), bold: false },
    view.supplier.vatPayer
      ? { label: `${view.totals.vatLabel}:`, value: formatPrintMoney(view.totals.vat), bold: false }
      : { label: `${view.totals.vatLabel}:`, value: '—', bold: false },
    { label: t.total, value: formatPrintMoney(view.totals.total), bold: true },
  ];
  const rowH = 13;
  l.y += 4;
  l.ensure(rows.length * rowH);
  for (const r of rows) {
    l.font(r.bold, SIZE.text + (r.bold ? 0.5 : 0));
    l.textAt(r.label, LEFT, l.y, labelW, 'right');
    l.fitLine(r.value, valueX, l.y, valueW, 'right', SIZE.text + (r.bold ? 0.5 : 0));
    l.y += rowH;
  }
  l.y += 4;
}

function signature(l: Layout, view: InvoiceView, t: Labels): void {
  const { doc } = l;
  const s = view.supplier.signatory;
  l.font(false, SIZE.text);
  const labelW = doc.widthOfString(t.issuedBy) + 6;
  const lineW = 130;
  const who = `${s.name}, ${s.position}`;
  const whoX = LEFT + labelW + lineW + 8;
  const whoH = l.height(who, RIGHT - whoX);
  l.ensure(Math.max(whoH, 14) + 10);
  l.y += 10;
  doc.text(t.issuedBy, LEFT, l.y, { lineBreak: false });
  doc.save().moveTo(LEFT + labelW, l.y + SIZE.text + 1).lineTo(LEFT + labelW + lineW, l.y + SIZE.text + 1).lineWidth(0.5).strokeColor(GRID_COLOR).stroke().restore();
  l.textAt(who, whoX, l.y, RIGHT - whoX);
  l.y += Math.max(whoH, 14);
}

const QR_SIZE = 84;

/** The payment QR code, drawn as vector squares (crisp at any zoom), with a caption beside it. */
function paymentQrBlock(l: Layout, link: string, t: Labels): void {
  const { doc } = l;
  const m = qrMatrix(link);
  const cell = QR_SIZE / m.size;
  l.ensure(QR_SIZE + 16);
  l.y += 16;
  doc.save();
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) if (m.dark(row, col)) doc.rect(LEFT + col * cell, l.y + row * cell, cell, cell);
  }
  doc.fill('black').restore();
  const x = LEFT + QR_SIZE + 14;
  l.font(true, SIZE.text);
  l.textAt(t.qrTitle, x, l.y + 2, RIGHT - x);
  l.font(false, SIZE.small + 0.5);
  doc.fillColor(MUTED);
  l.textAt(t.qrHint, x, l.y + 16, Math.min(RIGHT - x, 300));
  doc.fillColor('black');
  l.y += QR_SIZE;
}

function footers(doc: PDFKit.PDFDocument, view: InvoiceView, t: Labels, date: string): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(SIZE.small).fillColor(MUTED);
    doc.text(t.page(view.invoice.number, date, i + 1, range.count), LEFT, PAGE.height - MARGIN.bottom + 14, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

/** Draws the invoice into a new document. Synchronous; the caller collects the bytes. */
function draw(doc: PDFKit.PDFDocument, view: InvoiceView): void {
  const lang = view.invoice.language;
  const t = LABELS[lang];
  const date = formatPrintDate(view.invoice.issuedAt);
  const cur = currencyShort(view.invoice.currency);
  const l = new Layout(doc);
  doc.fillColor('black');

  if (view.supplier.logo) {
    try {
      doc.image(view.supplier.logo, LEFT, l.y, { fit: LOGO_BOX });
    } catch (e) {
      throw new Error(`supplier.logo: not a PNG or JPEG image (${e instanceof Error ? e.message : String(e)})`);
    }
    l.y += LOGO_BOX[1] + 10;
  }

  l.paragraph(t.title(view.invoice.number, date), true, SIZE.title, 2);
  l.rule(1.5, 0, 6);
  if (view.invoice.dueAt) l.paragraph(`${t.dueAt}: ${formatPrintDate(view.invoice.dueAt)}`, false, SIZE.text, 6);

  partyBlock(l, t.supplier, view.supplier.name, supplierDetails(view, t));
  partyBlock(l, t.buyer, view.buyer.name, buyerDetails(view, t));

  tableRows(l, t, view.lines);
  totals(l, view, t);

  l.paragraph(t.count(view.lines.length, `${formatPrintMoney(view.totals.total)} ${cur}`), false, SIZE.text, 2);
  l.paragraph(`${t.inWords} ${view.amountInWords}`, true, SIZE.text + 0.5, 6);
  if (view.paymentPurpose) l.paragraph(`${t.purpose} ${view.paymentPurpose}`, false, SIZE.text, 4);

  l.rule(1.5, 2, 0);
  signature(l, view, t);
  if (view.paymentQr) paymentQrBlock(l, view.paymentQr, t);
  footers(doc, view, t, date);
}

function creationDateOf(date: CalendarDate): Date {
  return date instanceof Date ? date : new Date(`${formatPrintDate(date).split('.').reverse().join('-')}T00:00:00Z`);
}

/** The invoice as PDF bytes. Rejects on a malformed view (bad date or amount, unreadable logo). */
export function renderInvoicePdf(view: InvoiceView): Promise<Buffer> {
  let options: PDFKit.PDFDocumentOptions;
  try {
    const title = LABELS[view.invoice.language].title(view.invoice.number, formatPrintDate(view.invoice.issuedAt));
    options = {
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: view.invoice.language,
      // The issue date, not "now": the same invoice always renders to the same bytes (a resent e-mail, a re-download).
      info: { Title: title, Author: view.supplier.name, Subject: title, CreationDate: creationDateOf(view.invoice.issuedAt) },
    };
  } catch (e) {
    return Promise.reject(e);
  }
  return renderPdf(options, (doc) => draw(doc, view));
}
