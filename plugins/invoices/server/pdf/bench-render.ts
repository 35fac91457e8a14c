/**
 * Invoice PDF render time: prints the median milliseconds per PDF over 200 renders of the three-line Ukrainian
 * sample (after a warm-up), plus the Russian sample and a 60-line invoice for scale. Prints, never asserts; the
 * issue's target is ≤ 50 ms per PDF.
 *
 *   npx ts-node --transpile-only -P plugins/invoices/tsconfig.json plugins/invoices/server/pdf/bench-render.ts
 */
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

async function measure(label: string, view: InvoiceView, runs: number): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await renderInvoicePdf(view);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pdf = await renderInvoicePdf(view);
    times.push(performance.now() - t0);
    bytes = pdf.length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
  console.log(`invoice pdf ${label}: median ${median(times).toFixed(2)} ms per PDF, p95 ${p95.toFixed(2)} ms (${runs} renders, ${bytes} bytes)`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  warmUpInvoiceRenderer();
  console.log(`invoice pdf fonts load + parse: ${(performance.now() - t0).toFixed(0)} ms (once per process)`);
  await measure('uk, 3 lines', ukSampleView(), RUNS);
  await measure('ru, 2 lines', ruSampleView(), RUNS);
  await measure('uk, 60 lines', longSampleView(60), 50);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
