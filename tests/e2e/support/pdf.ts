import { execFileSync } from 'node:child_process';

/**
 * A PDF's text with every run of whitespace as one space. pdf-parse (pdf.js) needs dynamic import(), which Jest's
 * sandbox refuses, so it runs in a plain child Node process.
 */
export function pdfText(pdf: Buffer): string {
  const script = `const { PDFParse } = require(process.argv[1]); const c = []; process.stdin.on('data', (d) => c.push(d));
    process.stdin.on('end', async () => { const p = new PDFParse({ data: new Uint8Array(Buffer.concat(c)) }); process.stdout.write((await p.getText()).text); await p.destroy(); });`;
  return execFileSync(process.execPath, ['-e', script, require.resolve('pdf-parse')], { input: pdf, env: { ...process.env, NODE_OPTIONS: '' } })
    .toString('utf8')
    .replace(/\s+/g, ' ');
}
