/**
 * `@portal/plugin-sdk/pdf`: Cyrillic fonts for plugins' PDFs (invoices, certificates), kept out of the SDK's main
 * entry so plugins that draw no PDF never load pdfkit.
 *
 * DejaVu Sans (regular, bold) from the `dejavu-fonts-ttf` npm package, embedded and subset. Parsing its tables
 * (fontkit) is most of a render's cost, so the fonts are read and parsed once per process and every document embeds
 * its own subset of the shared parsed fonts (pdfkit 0.20 accepts a parsed fontkit font: anything with layout()).
 *
 * Sharing has one trap, measured: fontkit caches glyph objects with the code points they were first requested with,
 * and the subsetter requests the components of composite glyphs with none (DejaVu's Cyrillic "С" is a reference to
 * Latin "C"). A later document that prints Latin "C" then gets a glyph without code points and its ToUnicode map
 * shifts ("CRM" extracts as "8R:"). So before any use every code point of the font's cmap is looked up once.
 * If pdfkit ever stops exposing the parsed font, the TTF buffers are passed instead (correct, only slower).
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { packageFile } from './package-files';

/** The names the fonts are registered under in a document: `doc.font(PDF_FONT.bold)`. */
export const PDF_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
  characterSet: number[];
  glyphForCodePoint: (codePoint: number) => unknown;
}

type FontSource = PDFKit.Mixins.PDFFontSource;
let fonts: { regular: FontSource; bold: FontSource } | null = null;

function parsedFont(doc: PDFKit.PDFDocument, name: string): ParsedFont | null {
  doc.font(name);
  const font = (doc as unknown as { _font?: { font?: Partial<ParsedFont> } })._font?.font;
  if (!font || typeof font.layout !== 'function' || !Array.isArray(font.characterSet) || typeof font.glyphForCodePoint !== 'function') return null;
  return font as ParsedFont;
}

function loadFonts(): { regular: FontSource; bold: FontSource } {
  if (fonts) return fonts;
  const buffers = { regular: readFileSync(packageFile('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), bold: readFileSync(packageFile('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')) };
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont(PDF_FONT.regular, buffers.regular).registerFont(PDF_FONT.bold, buffers.bold);
  const regular = parsedFont(probe, PDF_FONT.regular);
  const bold = parsedFont(probe, PDF_FONT.bold);
  if (regular && bold) {
    for (const font of [regular, bold]) for (const cp of font.characterSet) font.glyphForCodePoint(cp);
    fonts = { regular: regular as unknown as FontSource, bold: bold as unknown as FontSource };
  } else {
    fonts = buffers;
  }
  return fonts;
}

/** Registers the Cyrillic fonts in a new document under PDF_FONT's names. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const f = loadFonts();
  doc.registerFont(PDF_FONT.regular, f.regular);
  doc.registerFont(PDF_FONT.bold, f.bold);
}

/** Reads and parses the fonts now rather than in the first render (≈ 0.3 s); e.g. at server start. */
export function warmUpPdfFonts(): void {
  loadFonts();
}

/**
 * A PDF's bytes: a new document with `options` (no default font: pdfkit would otherwise load Helvetica's metrics into
 * every document for nothing) and the Cyrillic fonts registered, drawn by `draw`. Rejects when the options or the
 * drawing throw. Give `info.CreationDate` a fixed date (an issue date) and the same input renders to the same bytes.
 */
export function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let doc: PDFKit.PDFDocument;
    try {
      doc = new PDFDocument({ font: null as unknown as string, compress: true, ...options });
    } catch (e) {
      reject(e);
      return;
    }
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      registerPdfFonts(doc);
      draw(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}
