import { execFileSync } from 'node:child_process';

/**
 * pdf-parse (pdf.js) starts its worker with a dynamic import(), which Jest's CommonJS sandbox refuses ("A dynamic
 * import callback was invoked without --experimental-vm-modules"), so the text is read by a plain Node child
 * process running pdf-parse's documented v2 API: new PDFParse({ data }).getText().
 */
const EXTRACT = `
const { PDFParse } = require(process.argv[1]);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const r = await parser.getText();
    process.stdout.write(JSON.stringify({ text: r.text, pages: r.total }));
  } finally {
    await parser.destroy();
  }
});`;

/** A PDF's text, every run of whitespace as one space (pdf.js puts table cells on tab-separated lines), and its page count. */
export function pdfText(pdf: Buffer): { text: string; pages: number } {
  const out = execFileSync(process.execPath, ['-e', EXTRACT, require.resolve('pdf-parse')], { input: pdf, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const { text, pages } = JSON.parse(out.toString('utf8')) as { text: string; pages: number };
  return { text: text.replace(/\s+/g, ' '), pages };
}
