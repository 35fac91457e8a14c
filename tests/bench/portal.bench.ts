/**
 * Benchmark for the portal (issue 5), on the built app:
 *
 * 1. Initial JS+CSS of the portal, gzip-compressed, as a browser downloads it before the first page: the
 *    files index.html loads. Budget ≤ 600 kB (angular.json also fails a build whose initial raw size passes
 *    600 kB, a stricter bound).
 * 2. Time until the kanban of a pipeline with BENCH_DEALS (2,000) deals is interactive in Chromium (its
 *    first cards rendered and draggable), against the marketplace page of the same portal in the same run.
 *
 * Runs on DATABASE_URL when set (a fresh database), else on the embedded database.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, createFreshDatabase, startAppProcess } from '../e2e/support/app-process';
import { CHROMIUM, launch } from '../browser/support/browser';
import { call } from './http';

const DEALS = Number(process.env['BENCH_DEALS'] ?? 2000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const BUDGET_KB = 600;

function initialBundle(): { files: string[]; raw: number; gzip: number } {
  const dir = join(ROOT, 'dist/apps/portal/browser');
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...new Set([...index.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]))].filter((f) => !/^https?:/.test(f));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(join(dir, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const bundle = initialBundle();
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(`\nportal benchmark`);
  console.log(`  initial bundle (${bundle.files.join(', ')}): ${kb(bundle.raw)} kB raw, ${kb(bundle.gzip)} kB gzip (budget ≤ ${BUDGET_KB} kB) ${bundle.gzip / 1024 <= BUDGET_KB ? 'OK' : 'ABOVE BUDGET'}`);
  console.log(`  (all files in dist: ${readdirSync(join(ROOT, 'dist/apps/portal/browser')).length})`);

  if (!existsSync(CHROMIUM)) {
    console.log(`  kanban timing skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', AUTOMATION_WORKER: 'off' };
  if (process.env['DATABASE_URL']) env['DATABASE_URL'] = await createFreshDatabase(process.env['DATABASE_URL'], 'bench_portal');
  const app = await startAppProcess(env);
  const browser = await launch();
  try {
    const base = app.url;
    const slug = `bench-${Date.now().toString(36)}`;
    await call(base, 'POST', '/portals', null, { name: 'Bench', slug, admin: { email: `a@${slug}.test`, password: 'bench-password', name: 'Admin' }, locale: 'uk' });
    const { accessToken: token } = await call(base, 'POST', '/auth/login', null, { portal: slug, email: `a@${slug}.test`, password: 'bench-password' });
    await call(base, 'POST', '/pipelines', token, {
      code: 'sales',
      name: 'Sales',
      stages: ['new', 'contact', 'brief', 'offer', 'contract', 'invoice'].map((code) => ({ code, name: code })).concat([{ code: 'won', name: 'won', kind: 'won' } as never]),
    });
    const stages = ['new', 'contact', 'brief', 'offer', 'contract', 'invoice'];
    for (let i = 0; i < DEALS; i += 1000) {
      const items = Array.from({ length: Math.min(1000, DEALS - i) }, (_, k) => ({ title: `Угода ${i + k}`, pipeline: 'sales', stage: stages[(i + k) % stages.length], budget: `${1000 + ((i + k) % 97) * 10}.50` }));
      await call(base, 'POST', '/deals/import', token, { items });
    }
    const origin = base.replace(/\/api\/v1$/, '');
    const timeTo = async (path: string, selector: string) => {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await context.addInitScript((t) => localStorage.setItem('portal.token', t), token);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${origin}${path}`);
      await page.locator(selector).first().waitFor({ timeout: 60_000 });
      const ms = performance.now() - t0;
      await context.close();
      return ms;
    };
    await timeTo('/marketplace', '[data-testid^="plugin-card-"], [data-testid="page-title"]');
    const kanban: number[] = [];
    const market: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      market.push(await timeTo('/marketplace', '[data-testid="page-title"]'));
      kanban.push(await timeTo('/deals?pipeline=sales', '[data-testid^="deal-card-"]'));
    }
    console.log(`  kanban with ${DEALS} deals interactive (first cards rendered): median ${median(kanban).toFixed(0)} ms of ${RUNS}`);
    console.log(`  baseline, the marketplace page of the same portal: median ${median(market).toFixed(0)} ms → ratio ${(median(kanban) / median(market)).toFixed(2)}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
