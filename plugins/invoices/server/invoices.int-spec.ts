import { bootPortal } from '@portal/plugin-sdk/testing';
import type { PortalUnderTest } from '@portal/plugin-sdk/testing';
// The registry's local fake lives with the other fakes of external services (tests/fakes), as core's specs use them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startRegistryFake, startSmtpFake } from '../../../tests/fakes';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { RegistryFake, SmtpFake } from '../../../tests/fakes';
import { invoices } from './index';

/**
 * The invoices plugin through the API, on the real database (PGlite, or a fresh PostgreSQL database when
 * DATABASE_URL is set), on a sandbox portal whose clock (and queue) moves only when the test says so, with a
 * local companies registry behind REGISTRY_API_URL.
 */

let portal: PortalUnderTest;
let registry: RegistryFake;
let smtp: SmtpFake;
let pipeline: string;

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
  vatRate: '20',
  bik: '044525225',
  account: '40702810438000034726',
  corrAccount: '30101810400000000225',
  bankName: 'ПАО Сбербанк',
  address: '117997, г. Москва, ул. Вавилова, д. 19',
  signatory: 'Иванов И. И.',
};
const LINES = [
  { name: 'Розробка сайту', quantity: 1, unit: 'посл.', price: '15000.00' },
  { name: 'Консультація', quantity: '2.5', unit: 'год', price: 1333.33 },
  { name: 'Хостинг', quantity: 12, unit: 'міс.', price: '350.50' },
];

async function entity(input: Record<string, unknown>, as?: string) {
  const res = await portal.api('POST', '/legal-entities', input, as);
  expect([res.status, res.body?.details]).toEqual([201, undefined]);
  return res.body;
}

async function company(name: string, taxId?: string) {
  const res = await portal.api('POST', '/companies?allowDuplicate=true', { name, taxId, address: 'м. Львів, пл. Ринок, 1' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function deal(title: string, extra: Record<string, unknown> = {}) {
  const res = await portal.api('POST', '/deals', { title, pipeline, ...extra });
  expect([res.status, res.body?.error]).toEqual([201, undefined]);
  return res.body.id as string;
}

async function dealWithItems(title: string, lines: unknown[] = LINES) {
  const id = await deal(title, { companyId: await company(`Клієнт ${title}`, '14360570') });
  const res = await portal.api('PUT', `/deals/${id}/items`, lines);
  expect([res.status, res.body?.details]).toEqual([200, undefined]);
  return id;
}

/** POST with headers the kit's api() does not send. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${portal.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${portal.token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

const fields = (res: { body: any }) => (res.body.details ?? []).map((d: any) => d.field);

beforeAll(async () => {
  registry = await startRegistryFake({ token: 'registry-token' });
  smtp = await startSmtpFake();
  process.env['REGISTRY_API_URL'] = registry.url;
  try {
    portal = await bootPortal({ plugins: [invoices], install: ['invoices'], sandbox: true, env: { SMTP_URL: smtp.url } });
  } finally {
    delete process.env['REGISTRY_API_URL'];
  }
  const p = await portal.api('POST', '/pipelines', {
    code: 'inv_sales',
    name: 'Sales',
    stages: [
      { code: 'new', name: 'New' },
      { code: 'invoice', name: 'Invoice' },
      { code: 'won', name: 'Won', kind: 'won' },
    ],
  });
  expect(p.status).toBe(201);
  pipeline = 'inv_sales';
}, 240_000);

afterAll(async () => {
  await portal?.close();
  await registry?.close();
  await smtp?.close();
});

describe('install', () => {
  it('is in the marketplace as a finance plugin with its settings', async () => {
    const market = ((await portal.api('GET', '/marketplace')).body as any[]).find((p) => p.id === 'invoices');
    expect(market).toMatchObject({ installed: true, category: 'finance' });
    const settings = await portal.api('PATCH', '/marketplace/invoices/settings', { defaultLanguage: 'de' });
    expect(settings.status).toBe(400);
    expect((await portal.api('GET', '/marketplace/invoices/settings')).status).toBe(200);
  });
});

describe('legal entities', () => {
  it('refuses bad requisites, naming each field', async () => {
    const bad = await portal.api('POST', '/legal-entities', { ...TOV, taxId: '32855968', iban: 'UA223223130000026007233566001', vatRate: '20.005', numberPattern: '{prefix}-{YYYY}', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(fields(bad).sort()).toEqual(['extra', 'iban', 'numberPattern', 'taxId', 'vatRate']);
    expect(bad.body.details.find((d: any) => d.field === 'iban').message).toMatch(/check digits/);

    const fop = await portal.api('POST', '/legal-entities', { ...FOP, taxId: '32855961' }); // an organisation's code for a ФОП
    expect(fields(fop)).toEqual(['taxId']);
    const ru = await portal.api('POST', '/legal-entities', { ...OOO, account: '40702810438000034727', iban: 'UA213223130000026007233566001' });
    expect(fields(ru).sort()).toEqual(['account', 'iban']);
    const ruVat = await portal.api('POST', '/legal-entities', { ...OOO, vatRate: undefined });
    expect(fields(ruVat)).toEqual(['vatRate']);
    const missing = await portal.api('POST', '/legal-entities', { country: 'UA' });
    expect(fields(missing).sort()).toEqual(['address', 'bankName', 'iban', 'name', 'signatory', 'taxId', 'vatPayer']);
    const nonVat = await portal.api('POST', '/legal-entities', { ...FOP, vatRate: 20 });
    expect(fields(nonVat)).toEqual(['vatRate']);
  });

  it('is admin-only to manage, readable by everyone', async () => {
    const manager = await portal.user({ name: 'Manager', roles: ['manager'] });
    expect((await portal.api('POST', '/legal-entities', TOV, manager.token)).status).toBe(403);
    expect((await portal.api('GET', '/legal-entities', undefined, manager.token)).status).toBe(200);
  });

  it('keeps exactly one default: the first one, then whichever is made default, and the next one on archive', async () => {
    const a = await entity(TOV);
    expect(a).toMatchObject({ isDefault: true, vatRate: '20', currency: 'UAH', taxIdType: 'UA_EDRPOU', iban: 'UA213223130000026007233566001', numberPattern: '{prefix}-{YYYY}-{seq:4}' });
    const b = await entity(FOP);
    expect(b).toMatchObject({ isDefault: false, vatPayer: false, vatRate: null, taxIdType: 'UA_RNOKPP' });
    const c = await entity({ ...OOO, isDefault: true });
    expect(c).toMatchObject({ isDefault: true, currency: 'RUB', kpp: '773601001', taxIdType: 'RU_INN_LEGAL' });
    const list = (await portal.api('GET', '/legal-entities')).body.items;
    expect(list.filter((e: any) => [a.id, b.id, c.id].includes(e.id)).filter((e: any) => e.isDefault).map((e: any) => e.id)).toEqual([c.id]);

    const unset = await portal.api('PATCH', `/legal-entities/${c.id}`, { isDefault: false });
    expect([unset.status, unset.body.error]).toEqual([422, 'default_entity_required']);
    expect((await portal.api('PATCH', `/legal-entities/${a.id}`, { isDefault: true })).body.isDefault).toBe(true);
    expect((await portal.api('GET', `/legal-entities/${c.id}`)).body.isDefault).toBe(false);

    const archived = await portal.api('DELETE', `/legal-entities/${a.id}`);
    expect(archived.body).toMatchObject({ archived: true, isDefault: false });
    const defaults = (await portal.api('GET', '/legal-entities')).body.items.filter((e: any) => e.isDefault);
    expect(defaults.map((e: any) => e.id)).toEqual([b.id]); // the oldest remaining one
    expect((await portal.api('GET', '/legal-entities')).body.items.map((e: any) => e.id)).not.toContain(a.id);
    // Make the ТОВ the portal's default again for the rest of the suite.
    const tov = await entity({ ...TOV, isDefault: true });
    expect(tov.isDefault).toBe(true);
  });

  it('validates a patch against the whole entity', async () => {
    const e = await entity({ ...FOP, name: 'ФОП для змін' });
    const bad = await portal.api('PATCH', `/legal-entities/${e.id}`, { vatPayer: true, vatRate: 'abc' });
    expect(fields(bad)).toEqual(['vatRate']);
    const ok = await portal.api('PATCH', `/legal-entities/${e.id}`, { vatPayer: true, vatRate: 7, prefix: 'ФП', numberPattern: '{prefix}/{seq}' });
    expect(ok.body).toMatchObject({ vatPayer: true, vatRate: '7', prefix: 'ФП', numberPattern: '{prefix}/{seq}' });
    const toRu = await portal.api('PATCH', `/legal-entities/${e.id}`, { country: 'RU' });
    expect(fields(toRu).sort()).toEqual(['account', 'bik', 'corrAccount', 'taxId']);
    const logo = await portal.api('PATCH', `/legal-entities/${e.id}`, { logo: 'data:image/png;base64,AAAA' });
    expect(fields(logo)).toEqual(['logo']);
  });
});

describe('deal items', () => {
  it('replaces a deal\'s lines, exactly, and names every bad one by its path', async () => {
    const id = await deal('Items');
    const bad = await portal.api('PUT', `/deals/${id}/items`, [
      { name: 'OK', quantity: 1, price: 10 },
      { name: '', quantity: 0, price: '1.005', vatRate: 120, colour: 'red' },
      { name: 'Comma', quantity: 1, price: '1,5' },
    ]);
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['[1].colour', '[1].name', '[1].quantity', '[1].price', '[1].vatRate', '[2].price']);
    expect((await portal.api('PUT', `/deals/${id}/items`, { name: 'x' })).body.details[0].field).toBe('body');

    const ok = await portal.api('PUT', `/deals/${id}/items`, LINES);
    expect(ok.body).toEqual([
      { position: 1, name: 'Розробка сайту', quantity: '1', unit: 'посл.', price: '15000.00', vatRate: null, amount: '15000.00' },
      { position: 2, name: 'Консультація', quantity: '2.5', unit: 'год', price: '1333.33', vatRate: null, amount: '3333.33' },
      { position: 3, name: 'Хостинг', quantity: '12', unit: 'міс.', price: '350.50', vatRate: null, amount: '4206.00' },
    ]);
    expect((await portal.api('GET', `/deals/${id}/items`)).body).toEqual(ok.body);
    expect((await portal.api('PUT', `/deals/${id}/items`, [LINES[0]])).body).toHaveLength(1);
    expect((await portal.api('GET', `/deals/${id}/items`)).body.map((i: any) => i.amount)).toEqual(['15000.00']);
    expect((await portal.api('GET', `/deals/00000000-0000-4000-8000-000000000000/items`)).status).toBe(404);
  });
});

describe('issuing', () => {
  it('issues in one click from the default entity to the deal\'s company, with exact totals and the amount in words', async () => {
    const id = await dealWithItems('One click');
    const res = await portal.api('POST', `/deals/${id}/invoices`, {});
    expect([res.status, res.body.details]).toEqual([201, undefined]);
    const inv = res.body;
    const year = inv.issueDate.slice(0, 4);
    expect(inv).toMatchObject({
      number: `INV-${year}-0001`,
      status: 'issued',
      subtotal: '22539.33',
      vat: '4507.87',
      total: '27047.20',
      currency: 'UAH',
      language: 'uk',
      vatPayer: true,
      vatGroups: [{ rate: '20', subtotal: '22539.33', vat: '4507.87', total: '27047.20' }],
      pdfUrl: `/api/v1/invoices/${inv.id}/pdf`,
      buyer: { kind: 'company', name: 'Клієнт One click', taxId: '14360570' },
      supplier: { name: TOV.name, taxId: '32855961', iban: 'UA213223130000026007233566001', hasLogo: false },
    });
    expect(inv.amountInWords).toMatch(/^Двадцять сім тисяч сорок сім гривень 20 копійок/);
    expect(inv.items.map((l: any) => l.amount)).toEqual(['15000.00', '3333.33', '4206.00']);
    expect(new Date(inv.issuedAt).toISOString()).toBe(inv.issuedAt);
    expect((await portal.api('GET', `/invoices/${inv.id}`)).body).toEqual(inv);

    const timeline = (await portal.api('GET', `/deals/${id}/timeline`)).body.items;
    expect(timeline.find((e: any) => e.kind === 'invoice_issued')).toMatchObject({ data: { invoiceId: inv.id, number: inv.number, total: '27047.20' } });

    // The invoice is a frozen document: editing the entity or the items later changes nothing on it.
    const tov = (await portal.api('GET', '/legal-entities')).body.items.find((e: any) => e.isDefault);
    await portal.api('PATCH', `/legal-entities/${tov.id}`, { name: 'ТОВ «Нова назва»' });
    await portal.api('PUT', `/deals/${id}/items`, [LINES[0]]);
    expect((await portal.api('GET', `/invoices/${inv.id}`)).body).toEqual(inv);
    await portal.api('PATCH', `/legal-entities/${tov.id}`, { name: TOV.name });
  });

  it('prints VAT 0.00 for a non-VAT ФОП, even for deal items that carry a rate', async () => {
    const fop = (await portal.api('GET', '/legal-entities')).body.items.find((e: any) => e.taxId === FOP.taxId && !e.vatPayer);
    const id = await dealWithItems('ФОП', [...LINES.slice(0, 2), { ...LINES[2], vatRate: 20 }]);
    const res = await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: fop.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ subtotal: '22539.33', vat: '0.00', total: '22539.33', vatPayer: false, vatGroups: [], number: `INV-${res.body.issueDate.slice(0, 4)}-0001` });
    expect(res.body.items.map((l: any) => l.vatRate)).toEqual([null, null, null]);
    // Given lines are the caller's words: a VAT rate on a non-VAT entity is an error naming the line.
    const bad = await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: fop.id, items: [{ name: 'x', quantity: 1, price: 1, vatRate: 20 }] });
    expect([bad.status, fields(bad)]).toEqual([400, ['items[0].vatRate']]);
  });

  it('bills a Russian entity in roubles and Russian, to the first contact when the deal has no company', async () => {
    const ooo = (await portal.api('GET', '/legal-entities')).body.items.find((e: any) => e.country === 'RU');
    const contact = (await portal.api('POST', '/contacts', { name: 'Сидоров Пётр', emails: ['petr@example.test'] })).body.id;
    const id = await deal('Контакт', { contactIds: [contact] });
    const res = await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: ooo.id, items: [{ name: 'Услуга', quantity: 3, price: '1000' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ currency: 'RUB', language: 'ru', subtotal: '3000.00', vat: '600.00', total: '3600.00', buyer: { kind: 'contact', name: 'Сидоров Пётр', email: 'petr@example.test' } });
    expect(res.body.amountInWords).toMatch(/^Три тысячи шестьсот рублей 00 копеек/);
  });

  it('explains what is missing instead of issuing', async () => {
    const bare = await deal('No items');
    expect((await portal.api('POST', `/deals/${bare}/invoices`, {})).body.error).toBe('no_items');
    const noBuyer = await deal('No buyer');
    await portal.api('PUT', `/deals/${noBuyer}/items`, LINES);
    expect((await portal.api('POST', `/deals/${noBuyer}/invoices`, {})).body.error).toBe('no_buyer');
    const bad = await portal.api('POST', `/deals/${noBuyer}/invoices`, { legalEntityId: 'nope', items: [], language: 'de' });
    expect(fields(bad).sort()).toEqual(['items', 'language', 'legalEntityId']);
    const unknown = await portal.api('POST', `/deals/${noBuyer}/invoices`, { legalEntityId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, fields(unknown)]).toEqual([400, ['legalEntityId']]);
    expect((await portal.api('POST', `/deals/00000000-0000-4000-8000-000000000000/invoices`, {})).status).toBe(404);
  });

  it('numbers 20 invoices issued at once 0001..0020, without gaps or duplicates', async () => {
    const e = await entity({ ...TOV, name: 'ТОВ «Паралельна»', prefix: 'PAR' });
    const id = await dealWithItems('Twenty');
    const all = await Promise.all(Array.from({ length: 20 }, () => portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: e.id })));
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(201));
    const year = all[0].body.issueDate.slice(0, 4);
    const numbers = all.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `PAR-${year}-${String(i + 1).padStart(4, '0')}`));
    const [counter] = await portal.sql(`SELECT last_seq::int AS n FROM inv_counters WHERE legal_entity_id = $1`, [e.id]);
    expect(counter.n).toBe(20);
  });

  it('rolls the number back when an issue fails after taking it: the next invoice gets it, no gap', async () => {
    const id = await dealWithItems('Gap');
    const yy = (await portal.api('GET', '/test-clock')).body.now.slice(2, 4);
    // Pattern A counts without a year ("G26-1"); pattern B counts per year and prints the same "G26-1".
    const e = await entity({ ...TOV, name: 'ТОВ «Без пропусків»', prefix: `G${yy}-`, numberPattern: '{prefix}{seq}' });
    expect((await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: e.id })).body.number).toBe(`G${yy}-1`);
    await portal.api('PATCH', `/legal-entities/${e.id}`, { prefix: 'G', numberPattern: '{prefix}{YY}-{seq}' });
    const clash = await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: e.id });
    expect([clash.status, clash.body.error]).toEqual([409, 'number_taken']);
    // The failed issue took year-counter 1 and rolled it back with everything else.
    expect(await portal.sql(`SELECT year, last_seq::int AS n FROM inv_counters WHERE legal_entity_id = $1 ORDER BY year`, [e.id])).toEqual([{ year: 0, n: 1 }]);
    await portal.api('PATCH', `/legal-entities/${e.id}`, { prefix: `G${yy}-`, numberPattern: '{prefix}{seq}' });
    expect((await portal.api('POST', `/deals/${id}/invoices`, { legalEntityId: e.id })).body.number).toBe(`G${yy}-2`);
  });

  it('returns the same invoice for a retried request (Idempotency-Key or requestId), never a second number', async () => {
    const id = await dealWithItems('Retry');
    const a = await post(`/deals/${id}/invoices`, {}, { 'idempotency-key': 'retry-1' });
    const b = await post(`/deals/${id}/invoices`, {}, { 'idempotency-key': 'retry-1' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => post(`/deals/${id}/invoices`, { requestId: 'retry-2' })));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect((await portal.api('GET', `/invoices?dealId=${id}`)).body.items).toHaveLength(2);
    const other = await dealWithItems('Retry elsewhere');
    const reused = await post(`/deals/${other}/invoices`, {}, { 'idempotency-key': 'retry-1' });
    expect([reused.status, reused.body.error]).toEqual([409, 'idempotency_key_reused']);
    const mismatch = await post(`/deals/${id}/invoices`, { requestId: 'x' }, { 'idempotency-key': 'y' });
    expect(fields(mismatch)).toEqual(['requestId']);
  });
});

describe('statuses', () => {
  it('moves issued → sent → paid, refuses other moves, and a cancelled invoice keeps its number', async () => {
    const id = await dealWithItems('Statuses');
    const inv = (await portal.api('POST', `/deals/${id}/invoices`, {})).body;
    const paidEarly = await portal.api('PATCH', `/invoices/${inv.id}`, { status: 'paid' });
    expect([paidEarly.status, paidEarly.body.error]).toEqual([422, 'invalid_transition']);
    expect(paidEarly.body.details).toEqual([{ from: 'issued', to: 'paid', allowed: ['sent', 'cancelled'] }]);
    expect((await portal.api('PATCH', `/invoices/${inv.id}`, { status: 'sent' })).body).toMatchObject({ status: 'sent', number: inv.number });
    const paid = (await portal.api('PATCH', `/invoices/${inv.id}`, { status: 'paid' })).body;
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid.paidAt).toEqual(expect.any(String));
    expect((await portal.api('PATCH', `/invoices/${inv.id}`, { status: 'cancelled' })).body.error).toBe('invalid_transition');
    expect((await portal.api('PATCH', `/invoices/${inv.id}`, { status: 'issued' })).status).toBe(400);

    const second = (await portal.api('POST', `/deals/${id}/invoices`, {})).body;
    const cancelled = (await portal.api('PATCH', `/invoices/${second.id}`, { status: 'cancelled' })).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', number: second.number });
    const third = (await portal.api('POST', `/deals/${id}/invoices`, {})).body;
    expect(Number(third.number.slice(-4))).toBe(Number(second.number.slice(-4)) + 1);

    const list = (await portal.api('GET', `/invoices?dealId=${id}&status=cancelled`)).body;
    expect(list.items.map((i: any) => i.number)).toEqual([second.number]);
    expect((await portal.api('GET', `/deals/${id}/invoices`)).body.items.map((i: any) => i.id)).toEqual([third.id, second.id, inv.id]);
    const timeline = (await portal.api('GET', `/deals/${id}/timeline`)).body.items;
    expect(timeline.filter((e: any) => e.kind === 'invoice_status_changed').map((e: any) => e.data.to)).toEqual(['cancelled', 'paid', 'sent']);
    expect((await portal.api('GET', '/invoices?status=late')).status).toBe(400);
  });

  it('pages the list with a cursor', async () => {
    const first = (await portal.api('GET', '/invoices?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const next = (await portal.api('GET', `/invoices?limit=2&cursor=${first.nextCursor}`)).body;
    expect(next.items.map((i: any) => i.id)).not.toContain(first.items[0].id);
  });

  it('renders the frozen invoice as a PDF, with the payment purpose from the portal\'s template at issue', async () => {
    const bad = await portal.api('PATCH', '/marketplace/invoices/settings', { paymentPurposeTemplateUk: '{{#each x}}' });
    expect([bad.status, fields(bad)]).toEqual([400, ['paymentPurposeTemplateUk']]);
    const ok = await portal.api('PATCH', '/marketplace/invoices/settings', { paymentPurposeTemplateUk: 'Оплата за рахунком № {{number}} від {{date}}' });
    expect(ok.status).toBe(200);
    const id = await dealWithItems('PDF');
    const inv = (await portal.api('POST', `/deals/${id}/invoices`, {})).body;
    await portal.api('PATCH', '/marketplace/invoices/settings', { paymentPurposeTemplateUk: null });
    const [{ payment_purpose }] = await portal.sql(`SELECT payment_purpose FROM inv_invoices WHERE id = $1`, [inv.id]);
    expect(payment_purpose).toMatch(new RegExp(`^Оплата за рахунком № ${inv.number} від \\d{2}\\.\\d{2}\\.\\d{4}$`));

    const res = await fetch(`${portal.url}/invoices/${inv.id}/pdf`, { headers: { authorization: `Bearer ${portal.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await portal.api('GET', '/invoices/00000000-0000-4000-8000-000000000000/pdf')).status).toBe(404);
  });
});

describe('automation', () => {
  it('invoice.generate issues once per run and invoice.send e-mails it to the contact and marks it sent', async () => {
    const bad = await portal.api('POST', '/automations', { code: 'bad', name: 'bad', trigger: { type: 'deal.created' }, actions: [{ type: 'invoice.send', to: 'nobody' }] });
    expect(bad.status).toBe(400);
    const rule = await portal.api('POST', '/automations', {
      code: 'invoice-on-stage',
      name: 'Invoice when the deal reaches "Invoice"',
      trigger: { type: 'stage.entered', pipeline, stage: 'invoice' },
      actions: [{ type: 'invoice.generate' }, { type: 'invoice.send', to: 'contact' }],
    });
    expect([rule.status, rule.body.details]).toEqual([201, undefined]);
    const contact = (await portal.api('POST', '/contacts', { name: 'Олена', emails: ['olena@example.test'] })).body.id;
    const id = await deal('Automated', { contactIds: [contact], companyId: await company('Автоклієнт') });
    await portal.api('PUT', `/deals/${id}/items`, LINES);
    expect((await portal.api('PATCH', `/deals/${id}`, { stage: 'invoice' })).status).toBe(200);
    await portal.api('POST', '/test-clock/advance', { minutes: 1 });
    const list = (await portal.api('GET', `/invoices?dealId=${id}`)).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'sent', total: '27047.20', buyer: { name: 'Автоклієнт' } });
    const [mail] = await portal.sql(`SELECT payload FROM automation_deliveries WHERE portal_id = $1 AND kind = 'email' ORDER BY created_at DESC LIMIT 1`, [portal.portalId]);
    expect(mail.payload).toMatchObject({ to: 'olena@example.test', subject: `Рахунок № ${list[0].number}` });
    expect(mail.payload.text).toContain('27047.20');
    const received = await smtp.waitFor((m) => m.to.includes('olena@example.test'));
    expect(received.subject).toBe(`Рахунок № ${list[0].number}`);
    expect(received.attachments).toHaveLength(1);
    expect(received.attachments[0]).toMatchObject({ filename: `invoice-${list[0].number}.pdf`, contentType: 'application/pdf' });
    const sent = await fetch(`${portal.url}/invoices/${list[0].id}/pdf`, { headers: { authorization: `Bearer ${portal.token}` } });
    expect(received.attachments[0].content.equals(Buffer.from(await sent.arrayBuffer()))).toBe(true);
  });
});

const LOOKUP = '/companies/lookup';

describe('companies lookup', () => {
  it('answers at /companies/lookup, not captured by core\'s GET /companies/:id (plugin routes are mounted first)', async () => {
    const res = await portal.api('GET', '/company-registry/lookup?taxId=14360570');
    expect(res.status).toBe(200);
    const company = await portal.api('GET', '/companies/00000000-0000-4000-8000-000000000000');
    expect([company.status, company.body.error]).toEqual([404, 'not_found']);
  });

  it('reads requisites from the registry through the HTTP driver', async () => {
    const res = await portal.api('GET', `${LOOKUP}?taxId=1436%200570`);
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    expect(res.body).toMatchObject({ name: 'ТОВ «РОМАШКА»', taxId: '14360570', country: 'UA', director: 'Шевченко Тарас Григорович' });
    const req = await registry.waitFor((r) => r.taxId === '14360570');
    expect(req.headers['authorization']).toBe('Bearer registry-token');
    expect((await portal.api('GET', `${LOOKUP}?taxId=7707083893&country=RU`)).body).toMatchObject({ name: 'ООО «ВЕКТОР»', country: 'RU' });
  });

  it('says 404 for an unknown tax id, 400 naming taxId for an invalid one, 502 when the registry fails', async () => {
    const unknown = await portal.api('GET', `${LOOKUP}?taxId=00032129`);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'company_not_found']);
    const invalid = await portal.api('GET', `${LOOKUP}?taxId=14360571`);
    expect([invalid.status, fields(invalid)]).toEqual([400, ['taxId']]);
    expect(fields(await portal.api('GET', LOOKUP))).toEqual(['taxId']);
    registry.failNext(1, 500);
    const down = await portal.api('GET', `${LOOKUP}?taxId=14360570`);
    expect([down.status, down.body.error]).toEqual([502, 'registry_unavailable']);
  });
});

describe('tenants', () => {
  it('keeps every portal to its own entities, items, invoices and numbers', async () => {
    const slug = `inv-other-${Date.now()}`;
    expect((await portal.api('POST', '/portals', { name: 'Other', slug, admin: { email: `a@${slug}.test`, password: 'other-password-1', name: 'A' } })).status).toBe(201);
    const token = (await portal.api('POST', '/auth/login', { portal: slug, email: `a@${slug}.test`, password: 'other-password-1' })).body.accessToken;
    expect((await portal.api('GET', '/legal-entities', undefined, token)).body.error).toBe('plugin_not_installed');
    expect((await portal.api('POST', '/marketplace/invoices/install', undefined, token)).status).toBe(200);

    const mine = (await portal.api('GET', '/invoices?limit=1')).body.items[0];
    expect((await portal.api('GET', '/legal-entities', undefined, token)).body.items).toEqual([]);
    expect((await portal.api('GET', `/invoices/${mine.id}`, undefined, token)).status).toBe(404);
    expect((await portal.api('GET', `/legal-entities/${mine.legalEntityId}`, undefined, token)).status).toBe(404);
    expect((await portal.api('GET', `/deals/${mine.dealId}/items`, undefined, token)).status).toBe(404);
    expect((await portal.api('POST', `/deals/${mine.dealId}/invoices`, {}, token)).status).toBe(404);
    expect((await portal.api('PATCH', `/invoices/${mine.id}`, { status: 'cancelled' }, token)).status).toBe(404);
    expect((await portal.api('GET', '/invoices', undefined, token)).body.items).toEqual([]);

    // The same entity requisites on another portal count from 1.
    expect((await portal.api('POST', '/legal-entities', TOV, token)).status).toBe(201);
    const c = (await portal.api('POST', '/companies', { name: 'Їхній клієнт' }, token)).body.id;
    expect((await portal.api('POST', '/pipelines', { code: 'theirs', name: 'Theirs', stages: [{ code: 'new', name: 'New' }] }, token)).status).toBe(201);
    const d = (await portal.api('POST', '/deals', { title: 'Theirs', pipeline: 'theirs', companyId: c }, token)).body.id;
    const inv = await portal.api('POST', `/deals/${d}/invoices`, { items: LINES }, token);
    expect(inv.status).toBe(201);
    expect(inv.body.number.slice(-4)).toBe('0001');
  });
});

describe('without REGISTRY_API_URL', () => {
  let bare: PortalUnderTest;
  beforeAll(async () => {
    bare = await bootPortal({ plugins: [invoices], install: ['invoices'] });
  }, 240_000);
  afterAll(async () => bare?.close());

  it('says the registry is not configured (503), after checking the tax id', async () => {
    const res = await bare.api('GET', `${LOOKUP}?taxId=14360570`);
    expect([res.status, res.body.error]).toEqual([503, 'registry_not_configured']);
    expect(res.body.message).toMatch(/REGISTRY_API_URL/);
    expect((await bare.api('GET', `${LOOKUP}?taxId=123`)).status).toBe(400);
  });
});
