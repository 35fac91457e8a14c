import { execFileSync, spawnSync } from 'node:child_process';
import { pdfText } from './support/pdf';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistryFake, startSmtpFake } from '../fakes';
import type { RegistryFake, SmtpFake } from '../fakes';
import { Session, addUser, api, signUp } from './support/api';
import { createFreshDatabase, dropDatabase, startAppProcess } from './support/app-process';
import type { RunningApp } from './support/app-process';

/**
 * Issue 7 from outside: the invoices plugin installed from the marketplace on the built app, which talks to a
 * local companies registry (REGISTRY_API_URL) and a local SMTP server. Seed 004: one-click invoices from several
 * own legal entities, with or without VAT, client requisites from a tax id.
 */

let app: RunningApp;
let registry: RegistryFake;
let smtp: SmtpFake;
let database: string | undefined;
let sharedUrl: string | undefined;

beforeAll(async () => {
  registry = await startRegistryFake({ token: 'registry-token' });
  smtp = await startSmtpFake();
  const env: Record<string, string | undefined> = { REGISTRY_API_URL: registry.url, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' };
  if (process.env['E2E_MODE'] === 'external') {
    database = await createFreshDatabase(process.env['DATABASE_URL'] as string, 'invoices');
    env['DATABASE_URL'] = database;
    env['REDIS_URL'] = process.env['REDIS_URL'];
  }
  app = await startAppProcess(env);
  sharedUrl = process.env['E2E_URL'];
  process.env['E2E_URL'] = app.url;
}, 120_000);

afterAll(async () => {
  process.env['E2E_URL'] = sharedUrl;
  await app?.stop();
  await Promise.all([registry?.close(), smtp?.close()]);
  if (database) await dropDatabase(database);
});

const TOV = {
  name: 'ТОВ «Діджитал Студія»',
  country: 'UA',
  legalForm: 'ТОВ',
  taxId: '32855961',
  vatPayer: true,
  vatRate: 20,
  iban: 'UA21 3223 1300 0002 6007 2335 6600 1',
  bankName: 'АТ «Укрексімбанк»',
  address: '01001, м. Київ, вул. Хрещатик, 10',
  signatory: 'Коваленко О. П.',
  signatoryPosition: 'Директор',
  isDefault: true,
};
const FOP = {
  name: 'ФОП Петренко Іван Іванович',
  country: 'UA',
  legalForm: 'ФОП',
  taxId: '2530414071',
  vatPayer: false,
  iban: 'UA743052990000026007233566001',
  bankName: 'АТ КБ «ПриватБанк»',
  address: '61001, м. Харків, вул. Сумська, 1',
  signatory: 'Петренко І. І.',
};
const OOO = {
  name: 'ООО «Вектор»',
  country: 'RU',
  legalForm: 'ООО',
  taxId: '7707083893',
  kpp: '773601001',
  vatPayer: true,
  vatRate: 20,
  bik: '044525225',
  account: '40702810438000034726',
  corrAccount: '30101810400000000225',
  bankName: 'ПАО Сбербанк',
  address: '117997, г. Москва, ул. Вавилова, д. 19',
  signatory: 'Иванов И. И.',
};
const LINES = [
  { name: 'Розробка сайту', quantity: 1, unit: 'посл.', price: '15000.00', vatRate: 20 },
  { name: 'Консультація', quantity: '2.5', unit: 'год', price: 1333.33, vatRate: 20 },
  { name: 'Хостинг', quantity: 12, unit: 'міс.', price: '350.50', vatRate: 20 },
];

async function ok(method: string, path: string, s: Session, body?: unknown, headers?: Record<string, string>) {
  const res = await api(method, path, { token: s.token, body, headers });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function studioWithInvoices(opts: { locale?: 'uk' | 'ru'; sandbox?: boolean } = {}): Promise<Session> {
  const s = await signUp({ locale: opts.locale ?? 'uk', timezone: 'Europe/Kyiv', sandbox: opts.sandbox });
  await ok('POST', '/marketplace/invoices/install', s);
  await ok('POST', '/pipelines', s, { code: 'sales', name: 'Продажі', stages: [{ code: 'new', name: 'Нова' }, { code: 'invoice', name: 'Рахунок' }, { code: 'won', name: 'Виграна', kind: 'won' }] });
  return s;
}

async function dealFor(s: Session, title: string, buyer = 'ТОВ «Покупець Плюс»', pipeline = 'sales'): Promise<string> {
  const company = await ok('POST', '/companies?allowDuplicate=true', s, { name: buyer, emails: ['buh@buyer.test'], address: 'м. Київ' });
  return (await ok('POST', '/deals', s, { title, companyId: company.id, pipeline })).id;
}

async function pdfOf(s: Session, invoiceId: string): Promise<Buffer> {
  const res = await fetch(`${app.url}/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${s.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await res.arrayBuffer());
}


const fields = (body: any): string[] => (body?.details ?? []).map((d: any) => d.field);

describe('legal entities', () => {
  let s: Session;
  beforeAll(async () => {
    s = await studioWithInvoices();
  });

  it('validates tax ids and IBANs by their check digits, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...TOV, taxId: '32855962' }, 'taxId'], // ЄДРПОУ check digit
      [{ ...TOV, taxId: '3285596' }, 'taxId'], // 7 digits
      [{ ...FOP, taxId: '2530414072' }, 'taxId'], // РНОКПП check digit
      [{ ...TOV, iban: 'UA21 3223 1300 0002 6007 2335 6600 2' }, 'iban'], // mod-97
      [{ ...OOO, taxId: '7707083894' }, 'taxId'], // ИНН 10
      [{ ...OOO, legalForm: 'ИП', kpp: undefined, taxId: '500100732258' }, 'taxId'], // ИНН 12
    ];
    for (const [body, field] of cases) {
      const res = await api('POST', '/legal-entities', { token: s.token, body });
      expect([res.status, res.body.error]).toEqual([400, 'validation_failed']);
      expect(fields(res.body)).toContain(field);
    }
    expect((await api('GET', '/legal-entities', { token: s.token })).body.items).toEqual([]);
  });

  it('keeps exactly one default; ТОВ with VAT, ФОП without, ООО with НДС, ИП', async () => {
    const tov = await ok('POST', '/legal-entities', s, TOV);
    const fop = await ok('POST', '/legal-entities', s, FOP);
    await ok('POST', '/legal-entities', s, OOO);
    await ok('POST', '/legal-entities', s, { ...OOO, name: 'ИП Сидоров С. С.', legalForm: 'ИП', kpp: undefined, taxId: '500100732259', vatPayer: false, vatRate: undefined });
    const list = (await ok('GET', '/legal-entities', s)).items;
    expect(list).toHaveLength(4);
    expect(list.filter((e: any) => e.isDefault).map((e: any) => e.id)).toEqual([tov.id]);
    await ok('PATCH', `/legal-entities/${fop.id}`, s, { isDefault: true });
    const after = (await ok('GET', '/legal-entities', s)).items;
    expect(after.filter((e: any) => e.isDefault).map((e: any) => e.id)).toEqual([fop.id]);
    expect(after[0].id).toBe(fop.id);
    const manager = await addUser(s, ['manager']);
    expect((await api('POST', '/legal-entities', { token: manager.token, body: { ...TOV, isDefault: false } })).status).toBe(403);
  });
});

describe('one-click invoices', () => {
  let s: Session;
  let tov: any;
  let fop: any;
  let ooo: any;
  let ip: any;
  beforeAll(async () => {
    s = await studioWithInvoices();
    tov = await ok('POST', '/legal-entities', s, TOV);
    fop = await ok('POST', '/legal-entities', s, FOP);
    ooo = await ok('POST', '/legal-entities', s, OOO);
    ip = await ok('POST', '/legal-entities', s, { ...OOO, name: 'ИП Сидоров С. С.', legalForm: 'ИП', kpp: undefined, taxId: '500100732259', vatPayer: false, vatRate: undefined });
  });

  it('issues from the deal\'s items with nothing but the entity: three lines, VAT 20 % on the total, to the kopeck', async () => {
    const dealId = await dealFor(s, 'Сайт для кав’ярні');
    const items = await ok('PUT', `/deals/${dealId}/items`, s, LINES);
    expect(items.map((i: any) => i.amount)).toEqual(['15000.00', '3333.33', '4206.00']);
    const res = await api('POST', `/deals/${dealId}/invoices`, { token: s.token, body: { legalEntityId: tov.id } });
    expect(res.status).toBe(201);
    const inv = res.body;
    expect(inv).toMatchObject({ subtotal: '22539.33', vat: '4507.87', total: '27047.20', status: 'issued', pdfUrl: `/api/v1/invoices/${inv.id}/pdf` });
    expect(inv.number).toMatch(/^INV-\d{4}-0001$/);
    expect(typeof inv.issuedAt).toBe('string');
    expect(inv.amountInWords).toBe('Двадцять сім тисяч сорок сім гривень 20 копійок');
    expect(inv.buyer).toMatchObject({ kind: 'company', name: 'ТОВ «Покупець Плюс»' });

    const text = pdfText(await pdfOf(s, inv.id));
    expect(text).toContain('ТОВ «Діджитал Студія»');
    expect(text).toContain(inv.number);
    expect(text).toContain('27 047,20');
    expect(text).toContain('Двадцять сім тисяч сорок сім гривень 20 копійок');
    expect(text).toContain('ПДВ 20 %');
    expect(text).toContain('Оплата за QR-кодом'); // the NBU payment QR code of a Ukrainian invoice in hryvnias
  });

  it('prices that include VAT take the VAT out of the total', async () => {
    const incl = await ok('POST', '/legal-entities', s, { ...TOV, name: 'ТОВ «Ціни з ПДВ»', isDefault: false, pricesIncludeVat: true });
    const dealId = await dealFor(s, 'Ціни з ПДВ');
    const inv = await ok('POST', `/deals/${dealId}/invoices`, s, { legalEntityId: incl.id, items: [{ name: 'Послуга', quantity: 1, price: '1000.00' }] });
    expect(inv).toMatchObject({ subtotal: '833.33', vat: '166.67', total: '1000.00' });
  });

  it('a non-VAT ФОП prints "Без ПДВ" and VAT 0.00', async () => {
    const dealId = await dealFor(s, 'Логотип');
    const inv = await ok('POST', `/deals/${dealId}/invoices`, s, { legalEntityId: fop.id, items: [{ name: 'Логотип', quantity: 1, price: '24000' }] });
    expect(inv).toMatchObject({ subtotal: '24000.00', vat: '0.00', total: '24000.00' });
    expect(inv.amountInWords).toBe('Двадцять чотири тисячі гривень 00 копійок');
    const text = pdfText(await pdfOf(s, inv.id));
    expect(text).toContain('Без ПДВ');
    expect(text).toContain('ФОП Петренко Іван Іванович');
    expect(text).toContain('24 000,00');
  });

  it('writes amounts out in words with the right grammar, in Ukrainian and in Russian', async () => {
    const uk: Record<string, string> = {
      '1.00': 'Одна гривня 00 копійок',
      '2.00': 'Дві гривні 00 копійок',
      '5.00': 'П’ять гривень 00 копійок',
      '11.00': 'Одинадцять гривень 00 копійок',
      '21.00': 'Двадцять одна гривня 00 копійок',
      '1000.00': 'Одна тисяча гривень 00 копійок',
      '1000000.00': 'Один мільйон гривень 00 копійок',
      '1.01': 'Одна гривня 01 копійка',
      '2.02': 'Дві гривні 02 копійки',
      '21.21': 'Двадцять одна гривня 21 копійка',
    };
    const ru: Record<string, string> = {
      '1.00': 'Один рубль 00 копеек',
      '2.00': 'Два рубля 00 копеек',
      '5.00': 'Пять рублей 00 копеек',
      '11.00': 'Одиннадцать рублей 00 копеек',
      '21.00': 'Двадцать один рубль 00 копеек',
      '1000.00': 'Одна тысяча рублей 00 копеек',
      '1000000.00': 'Один миллион рублей 00 копеек',
      '1.01': 'Один рубль 01 копейка',
      '2.02': 'Два рубля 02 копейки',
      '24000.00': 'Двадцать четыре тысячи рублей 00 копеек',
    };
    const dealId = await dealFor(s, 'Суми прописом');
    for (const [entity, table] of [[fop, uk], [ip, ru]] as const) {
      for (const [amount, words] of Object.entries(table)) {
        const inv = await ok('POST', `/deals/${dealId}/invoices`, s, { legalEntityId: entity.id, items: [{ name: 'Позиция', quantity: 1, price: amount }] });
        expect([inv.total, inv.amountInWords]).toEqual([amount, words]);
      }
    }
    const text = pdfText(await pdfOf(s, (await ok('GET', `/invoices?legalEntityId=${ip.id}&limit=1`, s)).items[0].id));
    expect(text).toContain('Двадцать четыре тысячи рублей 00 копеек');
    expect(text).toContain('ИП Сидоров С. С.');
    expect(text).toContain('Без НДС');
    expect(text).not.toContain('QR'); // the NBU payment QR code is for Ukrainian accounts only

    const withVat = await ok('POST', `/deals/${dealId}/invoices`, s, { legalEntityId: ooo.id, items: [{ name: 'Разработка', quantity: 3, price: '1000.00' }] });
    expect(withVat).toMatchObject({ subtotal: '3000.00', vat: '600.00', total: '3600.00', amountInWords: 'Три тысячи шестьсот рублей 00 копеек' });
  });

  it('numbers 20 simultaneous invoices gap-free and unique per entity; a cancelled one keeps its number', async () => {
    const own = await ok('POST', '/legal-entities', s, { ...TOV, name: 'ТОВ «Паралель»', isDefault: false, prefix: 'PAR' });
    const dealId = await dealFor(s, 'Двадцять рахунків');
    await ok('PUT', `/deals/${dealId}/items`, s, LINES);
    const results = await Promise.all(Array.from({ length: 20 }, () => api('POST', `/deals/${dealId}/invoices`, { token: s.token, body: { legalEntityId: own.id } })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const seqs = results.map((r) => Number(String(r.body.number).split('-').pop())).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const year = new Date().getFullYear();
    expect(results.every((r) => new RegExp(`^PAR-(${year}|${year - 1}|${year + 1})-\\d{4}$`).test(r.body.number))).toBe(true);

    const cancelled = results[3].body;
    expect((await ok('PATCH', `/invoices/${cancelled.id}`, s, { status: 'cancelled' })).status).toBe('cancelled');
    const next = await ok('POST', `/deals/${dealId}/invoices`, s, { legalEntityId: own.id });
    expect(Number(next.number.split('-').pop())).toBe(21);
    expect((await ok('GET', `/invoices/${cancelled.id}`, s)).number).toBe(cancelled.number);
  });

  it('a retried request with the same Idempotency-Key returns the one invoice', async () => {
    const dealId = await dealFor(s, 'Повтор');
    await ok('PUT', `/deals/${dealId}/items`, s, LINES);
    const key = `retry-${Date.now()}`;
    const [a, b] = await Promise.all([0, 1].map(() => api('POST', `/deals/${dealId}/invoices`, { token: s.token, body: {}, headers: { 'idempotency-key': key } })));
    expect(a.body.id).toBe(b.body.id);
    expect((await ok('GET', `/deals/${dealId}/invoices`, s)).items).toHaveLength(1);
  });

  it('moves issued → sent → paid; paid is final', async () => {
    const dealId = await dealFor(s, 'Статуси');
    await ok('PUT', `/deals/${dealId}/items`, s, LINES);
    const inv = await ok('POST', `/deals/${dealId}/invoices`, s, {});
    expect((await ok('PATCH', `/invoices/${inv.id}`, s, { status: 'sent' })).status).toBe('sent');
    expect((await ok('PATCH', `/invoices/${inv.id}`, s, { status: 'paid' })).status).toBe('paid');
    const back = await api('PATCH', `/invoices/${inv.id}`, { token: s.token, body: { status: 'cancelled' } });
    expect([back.status, back.body.error]).toEqual([422, 'invalid_transition']);
    const bad = await api('PATCH', `/invoices/${inv.id}`, { token: s.token, body: { status: 'lost' } });
    expect([bad.status, fields(bad.body)]).toEqual([400, ['status']]);
  });

  it('refuses what it cannot invoice with a clear reason', async () => {
    const empty = await dealFor(s, 'Порожня');
    const res = await api('POST', `/deals/${empty}/invoices`, { token: s.token, body: {} });
    expect([res.status, res.body.error]).toEqual([422, 'no_items']);
    const badLine = await api('POST', `/deals/${empty}/invoices`, { token: s.token, body: { items: [{ name: 'X', quantity: 1, price: '1.001' }] } });
    expect([badLine.status, fields(badLine.body)]).toEqual([400, ['items[0].price']]);
    const noBuyer = (await ok('POST', '/deals', s, { title: 'Без покупця', pipeline: 'sales' })).id;
    await ok('PUT', `/deals/${noBuyer}/items`, s, LINES);
    expect((await api('POST', `/deals/${noBuyer}/invoices`, { token: s.token, body: {} })).body.error).toBe('no_buyer');
  });

  it('renders page 1 to PNG with pdftoppm (when poppler-utils is installed) for a look', async () => {
    if (spawnSync('pdftoppm', ['-v']).error) return; // poppler-utils missing: the text checks above still ran
    const inv = (await ok('GET', `/invoices?legalEntityId=${tov.id}&limit=1`, s)).items[0];
    const dir = join(__dirname, 'output');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'invoice.pdf'), await pdfOf(s, inv.id));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, 'invoice.pdf'), join(dir, 'invoice-page1')]);
    const png = execFileSync('head', ['-c', '8', join(dir, 'invoice-page1.png')]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('client requisites from a tax id', () => {
  it('reads the registry through GET /companies/lookup', async () => {
    const s = await studioWithInvoices();
    const res = await api('GET', '/companies/lookup?taxId=14360570', { token: s.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'ТОВ «РОМАШКА»', taxId: '14360570', address: '01001, м. Київ, вул. Хрещатик, 1', director: 'Шевченко Тарас Григорович' });
    expect((await api('GET', '/companies/lookup?taxId=7707083893&country=RU', { token: s.token })).body).toMatchObject({ name: 'ООО «ВЕКТОР»' });
    expect(fields((await api('GET', '/companies/lookup?taxId=14360571', { token: s.token })).body)).toEqual(['taxId']);
    expect((await api('GET', '/companies/lookup?taxId=00032129', { token: s.token })).status).toBe(404);
  });

  it('says so on a portal whose app has no registry configured (503), instead of failing', async () => {
    const shared = sharedUrl as string;
    const slug = `noreg-${Date.now().toString(36)}`;
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${shared}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    await post('/portals', { name: 'No registry', slug, admin: { email: `a@${slug}.test`, password: 'correct-horse-1', name: 'A' } });
    const token = ((await (await post('/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'correct-horse-1' })).json()) as any).accessToken;
    await post('/marketplace/invoices/install', {}, token);
    const res = await fetch(`${shared}/companies/lookup?taxId=14360570`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as any;
    expect([res.status, body.error]).toEqual([503, 'registry_not_configured']);
  });
});

describe('automation and the studio', () => {
  it('invoice.generate + invoice.send e-mail the PDF to the contact and mark the invoice sent', async () => {
    const s = await studioWithInvoices({ sandbox: true });
    await ok('POST', '/legal-entities', s, TOV);
    await ok('POST', '/automations', s, {
      code: 'invoice-on-stage',
      name: 'Рахунок на етапі «Рахунок»',
      trigger: { type: 'stage.entered', pipeline: 'sales', stage: 'invoice' },
      actions: [{ type: 'invoice.generate' }, { type: 'invoice.send', to: 'contact' }],
    });
    const contact = await ok('POST', '/contacts', s, { name: 'Олена', emails: ['olena@client.test'] });
    const company = await ok('POST', '/companies', s, { name: 'ТОВ «Клієнт»' });
    const deal = await ok('POST', '/deals', s, { title: 'Автоматичний рахунок', pipeline: 'sales', companyId: company.id, contactIds: [contact.id] });
    await ok('PUT', `/deals/${deal.id}/items`, s, LINES);
    await ok('PATCH', `/deals/${deal.id}`, s, { stage: 'invoice' });
    await ok('POST', '/test-clock/advance', s, { minutes: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes('olena@client.test'), 30_000);
    const [inv] = (await ok('GET', `/deals/${deal.id}/invoices`, s)).items;
    expect(mail.subject).toBe(`Рахунок № ${inv.number}`);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`invoice-${inv.number}.pdf`, 'application/pdf']]);
    expect(pdfText(mail.attachments[0].content)).toContain('27 047,20');
    expect(inv.status).toBe('sent');
  });

  it('digital-studio\'s profitability shows what was invoiced and paid when both plugins are installed', async () => {
    const s = await studioWithInvoices();
    await ok('POST', '/marketplace/digital-studio/install', s);
    await ok('POST', '/legal-entities', s, FOP);
    const dealId = await dealFor(s, 'Проєкт з рахунками', 'ТОВ «Замовник»', 'studio_projects');
    await ok('PATCH', `/deals/${dealId}`, s, { budget: '50000.00' });
    const first = await ok('POST', `/deals/${dealId}/invoices`, s, { items: [{ name: 'Аванс', quantity: 1, price: '20000.00' }] });
    await ok('POST', `/deals/${dealId}/invoices`, s, { items: [{ name: 'Етап 2', quantity: 1, price: '15000.50' }] });
    const cancelled = await ok('POST', `/deals/${dealId}/invoices`, s, { items: [{ name: 'Помилка', quantity: 1, price: '999.99' }] });
    await ok('PATCH', `/invoices/${first.id}`, s, { status: 'sent' });
    await ok('PATCH', `/invoices/${first.id}`, s, { status: 'paid' });
    await ok('PATCH', `/invoices/${cancelled.id}`, s, { status: 'cancelled' });
    const p = await ok('GET', `/deals/${dealId}/profitability`, s);
    expect(p.invoices).toEqual({ invoiced: '35000.50', paid: '20000.00', count: 2 });
    const report = await ok('GET', '/reports/profitability', s);
    expect(report.items.find((r: any) => r.dealId === dealId).invoices).toEqual({ invoiced: '35000.50', paid: '20000.00', count: 2 });

    const alone = await signUp({ locale: 'uk' });
    await ok('POST', '/marketplace/digital-studio/install', alone);
    const other = (await ok('POST', '/deals', alone, { title: 'Без рахунків', pipeline: 'studio_projects' })).id;
    expect((await ok('GET', `/deals/${other}/profitability`, alone)).invoices).toBeNull();
  });
});
