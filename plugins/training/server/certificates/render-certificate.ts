/**
 * renderCertificatePdf(view) → a course certificate as an A4 landscape PDF, in Ukrainian, Russian or English:
 *
 *   ┌════════════════════════════════════════════════════════════┐
 *   ║                       ТОВ «Діджитал Студія»                 ║  ← issuer
 *   ║                          СЕРТИФІКАТ                         ║
 *   ║                   про проходження навчання                  ║
 *   ║                     Цим засвідчується, що                   ║
 *   ║                      Олена Петренко                         ║  ← the person, large
 *   ║                   успішно пройшов(ла) курс                  ║
 *   ║              «Воронки продажів і правила стадій»            ║  ← the course
 *   ║              Результат: 92 %    Дата видачі: 05.03.2026     ║
 *   ║  Код перевірки: ABCDE23456                          ▓▓ QR ▓▓ ║
 *   ║  Перевірити: https://…/training/certificates/verify/…       ║
 *   └════════════════════════════════════════════════════════════┘
 *
 * DejaVu Sans (regular + bold) is embedded, subset, so Cyrillic prints anywhere; the QR code (of the verify URL) is
 * drawn as vector squares. The same certificate always renders to the same bytes: the document's dates are the
 * issue date, and pdfkit derives the file id from them.
 */
import { PDF_FONT, renderPdf, warmUpPdfFonts } from '@portal/plugin-sdk/pdf';
import QRCode from 'qrcode';

export type CertificateLanguage = 'uk' | 'ru' | 'en';

export interface CertificateView {
  language: CertificateLanguage;
  /** Who issues it: the company (the plugin's `certificateIssuer` setting, else the portal's name). */
  issuer: string;
  userName: string;
  courseTitle: string;
  scorePct: number;
  issuedAt: Date;
  /** The issue date as printed (the portal's date format and time zone). */
  issuedOn: string;
  code: string;
  verifyUrl: string;
}

const LABELS: Record<CertificateLanguage, { title: string; subtitle: string; certify: string; completed: string; score: string; date: string; code: string; verify: string }> = {
  uk: {
    title: 'СЕРТИФІКАТ',
    subtitle: 'про проходження навчання',
    certify: 'Цим засвідчується, що',
    completed: 'успішно пройшов(ла) курс',
    score: 'Результат',
    date: 'Дата видачі',
    code: 'Код перевірки',
    verify: 'Перевірити',
  },
  ru: {
    title: 'СЕРТИФИКАТ',
    subtitle: 'о прохождении обучения',
    certify: 'Настоящим подтверждается, что',
    completed: 'успешно прошёл(ла) курс',
    score: 'Результат',
    date: 'Дата выдачи',
    code: 'Код проверки',
    verify: 'Проверить',
  },
  en: {
    title: 'CERTIFICATE',
    subtitle: 'of course completion',
    certify: 'This is to certify that',
    completed: 'has successfully completed the course',
    score: 'Score',
    date: 'Issued on',
    code: 'Verification code',
    verify: 'Verify at',
  },
};

// Fonts: the SDK's Cyrillic DejaVu Sans, parsed once per process (see @portal/plugin-sdk/pdf).
const REGULAR = PDF_FONT.regular;
const BOLD = PDF_FONT.bold;

/** Reads and parses the fonts now rather than in the first render. */
export function warmUpCertificateRenderer(): void {
  warmUpPdfFonts();
}

// ---------------------------------------------------------------------------------------------------------------
// Layout (points; A4 landscape = 841.89 × 595.28).
// ---------------------------------------------------------------------------------------------------------------

const PAGE = { width: 841.89, height: 595.28 };
const FRAME = 28;
const INNER = 36;
const LEFT = 80;
const WIDTH = PAGE.width - 2 * LEFT;
const ACCENT = '#1f4e79';
const MUTED = '#555555';
const QR_SIZE = 78;

function centered(doc: PDFKit.PDFDocument, text: string, y: number, font: string, size: number, color = 'black', maxLines = 1): number {
  doc.font(font).fontSize(size).fillColor(color);
  let s = size;
  // Long names and titles shrink (down to 60 %) before they wrap, and never take more than `maxLines` lines.
  while (s > size * 0.6 && doc.heightOfString(text, { width: WIDTH, align: 'center' }) > doc.currentLineHeight(true) * maxLines + 0.5) {
    s -= 1;
    doc.fontSize(s);
  }
  const h = Math.min(doc.heightOfString(text, { width: WIDTH, align: 'center' }), doc.currentLineHeight(true) * maxLines + 1);
  doc.text(text, LEFT, y, { width: WIDTH, align: 'center', height: h, ellipsis: true });
  return y + h;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  doc.save().fillColor('black');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell + 0.01, cell + 0.01);
  doc.fill().restore();
}

function draw(doc: PDFKit.PDFDocument, view: CertificateView): void {
  const t = LABELS[view.language];
  doc.save().lineWidth(3).strokeColor(ACCENT).rect(FRAME, FRAME, PAGE.width - 2 * FRAME, PAGE.height - 2 * FRAME).stroke().restore();
  doc.save().lineWidth(0.75).strokeColor(ACCENT).rect(INNER, INNER, PAGE.width - 2 * INNER, PAGE.height - 2 * INNER).stroke().restore();

  let y = 72;
  if (view.issuer) y = centered(doc, view.issuer, y, REGULAR, 13, MUTED) + 20;
  else y += 36;
  y = centered(doc, t.title, y, BOLD, 44, ACCENT) + 4;
  y = centered(doc, t.subtitle, y, REGULAR, 16, ACCENT) + 46;
  y = centered(doc, t.certify, y, REGULAR, 13, MUTED) + 14;
  y = centered(doc, view.userName, y, BOLD, 32) + 8;
  doc.save().moveTo(PAGE.width / 2 - 180, y).lineTo(PAGE.width / 2 + 180, y).lineWidth(0.75).strokeColor(ACCENT).stroke().restore();
  y += 22;
  y = centered(doc, t.completed, y, REGULAR, 13, MUTED) + 12;
  y = centered(doc, `«${view.courseTitle}»`, y, BOLD, 22, 'black', 2) + 30;
  centered(doc, `${t.score}: ${view.scorePct} %     ${t.date}: ${view.issuedOn}`, y, REGULAR, 13);

  const qrX = PAGE.width - INNER - 18 - QR_SIZE;
  const qrY = PAGE.height - INNER - 18 - QR_SIZE;
  drawQr(doc, view.verifyUrl, qrX, qrY, QR_SIZE);
  const textW = qrX - (INNER + 18) - 16;
  doc.font(REGULAR).fontSize(10).fillColor('black');
  doc.text(`${t.code}: `, INNER + 18, qrY + QR_SIZE - 34, { continued: true, lineBreak: false }).font(BOLD).text(view.code, { lineBreak: false });
  doc.font(REGULAR).fontSize(8.5).fillColor(MUTED);
  doc.text(`${t.verify}: ${view.verifyUrl}`, INNER + 18, qrY + QR_SIZE - 16, { width: textW, lineBreak: false, ellipsis: true });
  doc.fillColor('black');
}

/** The certificate as PDF bytes. */
export function renderCertificatePdf(view: CertificateView): Promise<Buffer> {
  const title = `${LABELS[view.language].title}: ${view.userName} — ${view.courseTitle}`;
  return renderPdf(
    {
      size: 'A4',
      layout: 'landscape',
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      lang: view.language,
      info: { Title: title, Author: view.issuer || 'Training', Subject: view.courseTitle, Keywords: view.code, CreationDate: view.issuedAt, ModDate: view.issuedAt },
    },
    (doc) => draw(doc, view),
  );
}
