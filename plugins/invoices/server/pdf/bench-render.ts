/**
 * Invoice PDF render time: prints the median milliseconds per PDF over 200 renders of the three-line Ukrainian
 * sample (after a warm-up), plus the Russian sample and a 60-line invoice for scale. Prints, never asserts; the
 * issue's target is ≤ 50 ms per PDF.
 *
 *   npx ts-node --transpile-only -P plugins/invoices/tsconfig.json plugins/invoices/server/pdf/bench-render.ts
 */
import PDFDocument from 'pdfkit';
import { packageFile } from '@portal/plugin-sdk';
import { nbuPaymentLink } from './payment-qr';
import { renderInvoicePdf, warmUpInvoiceRenderer } from './render-invoice';
import { longSampleView, ruSampleView, ukSampleView } from './sample-views';
import type { InvoiceView } from './invoice-view';

const RUNS = 200;
const WARM_UP = 20;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The baseline, measured in the same run: pdfkit's plain use — a one-line document registering the same Cyrillic font (parsed per document). */
function baselinePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', font: null as unknown as string, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', packageFile('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    doc.font('body').fontSize(10).text('Рахунок на оплату № INV-2026-0001');
    doc.end();
  });
}

async function timesOf(render: () => Promise<Buffer>, runs: number): Promise<{ times: number[]; bytes: number }> {
  for (let i = 0; i < WARM_UP; i++) await render();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = (await render()).length;
    times.push(performance.now() - t0);
  }
  return { times, bytes };
}

let baseline = 0;

async function measure(label: string, view: InvoiceView, runs: number): Promise<void> {
  const { times, bytes } = await timesOf(() => renderInvoicePdf(view), runs);
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
  const m = median(times);
  console.log(`invoice pdf ${label}: median ${m.toFixed(2)} ms per PDF, p95 ${p95.toFixed(2)} ms, ${(m / baseline).toFixed(2)}× the one-line baseline (${runs} renders, ${bytes} bytes)`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  warmUpInvoiceRenderer();
  console.log(`invoice pdf fonts load + parse: ${(performance.now() - t0).toFixed(0)} ms (once per process)`);
  baseline = median((await timesOf(baselinePdf, RUNS)).times);
  console.log(`baseline: a plain one-line pdfkit document with the embedded font, median ${baseline.toFixed(2)} ms`);
  await measure('uk, 3 lines', ukSampleView(), RUNS);
  const uk = ukSampleView();
  const qr = nbuPaymentLink({ recipient: uk.supplier.name, iban: 'UA213223130000026007233566001', amount: uk.totals.total, recipientCode: uk.supplier.taxId, purpose: uk.paymentPurpose });
  await measure('uk, 3 lines + NBU payment QR', { ...uk, paymentQr: qr }, RUNS);
  await measure('ru, 2 lines', ruSampleView(), RUNS);
  await measure('uk, 60 lines', longSampleView(60), 50);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
