import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PORTAL_HOST } from '@portal/portal-kit';
import { DealInvoicesWidget } from './deal-invoices.widget';
import type { DealItem, Invoice, LegalEntity } from './invoices';
import { FakeApiError, byTestId, fakeHost, settle, typeInto } from './testing';

const DEAL = { id: 'd-1', title: 'Сайт', companyId: 'c-1', contactIds: [], responsibleId: 'u-1' };
const COMPANY = { id: 'c-1', name: 'Ромашка', taxId: '14360570', address: null };
const ENTITY = { id: 'e-1', name: '«Світанок»', legalForm: 'ТОВ', country: 'UA', currency: 'UAH', vatPayer: true, vatRate: '20', pricesIncludeVat: false, isDefault: true, archived: false } as LegalEntity;
const ITEMS: DealItem[] = [{ position: 1, name: 'Дизайн', quantity: '1', unit: null, price: '12000.00', vatRate: null, amount: '12000.00' }];
const INVOICE = { id: 'i-1', number: 'СВ-2026-0001', dealId: 'd-1', status: 'issued', issueDate: '2026-03-05', currency: 'UAH', total: '14400.00', supplier: { name: '«Світанок»', legalForm: 'ТОВ' } } as Invoice;

async function render(routes: Record<string, (body: unknown) => unknown>, roles = ['admin']) {
  const fake = fakeHost(
    {
      'GET /deals/d-1': () => DEAL,
      'GET /companies/c-1': () => COMPANY,
      'GET /legal-entities': () => ({ items: [ENTITY], nextCursor: null }),
      'GET /deals/d-1/items': () => ITEMS,
      'GET /deals/d-1/invoices': () => ({ items: [], nextCursor: null }),
      ...routes,
    },
    { roles },
  );
  TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: PORTAL_HOST, useValue: fake.host }] });
  const fixture = TestBed.createComponent(DealInvoicesWidget);
  fixture.componentRef.setInput('dealId', 'd-1');
  await settle();
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement, calls: fake.calls };
}

async function click(fixture: { whenStable(): Promise<unknown> }, root: HTMLElement, id: string) {
  const el = byTestId(root, id);
  if (!el) throw new Error(`no element ${id}`);
  el.click();
  await settle();
  await fixture.whenStable();
}

beforeEach(() => {
  (window as unknown as { open: unknown }).open = jest.fn(() => null);
  (URL as unknown as { createObjectURL: unknown }).createObjectURL = jest.fn(() => 'blob:pdf');
  (URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn();
});

describe('DealInvoicesWidget', () => {
  it('issues once per intent: a retry after a lost answer sends the same request id, the next invoice a new one', async () => {
    let attempts = 0;
    const { fixture, root, calls } = await render({
      'POST /deals/d-1/invoices': () => {
        attempts++;
        if (attempts === 1) throw new FakeApiError(0, 'network');
        return { ...INVOICE, id: `i-${attempts}` };
      },
    });
    await click(fixture, root, 'inv-issue');
    expect(byTestId(root, 'inv-issue-error')).not.toBeNull();
    await click(fixture, root, 'inv-issue');
    await click(fixture, root, 'inv-issue');
    const keys = calls.filter((c) => c.method === 'POST').map((c) => (c.body as { requestId: string }).requestId);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
    // The PDF was fetched and offered as a download, since no tab could be opened here.
    expect(calls.some((c) => c.method === 'BLOB' && c.path === '/invoices/i-3/pdf')).toBe(true);
    expect(byTestId(root, 'inv-issued-pdf')?.getAttribute('href')).toBe('blob:pdf');
    expect(byTestId(root, 'inv-issued')?.textContent).toContain('Браузер не дозволив');
  });

  it('explains a missing legal entity, with a link for admins only', async () => {
    const refuse = () => {
      throw new FakeApiError(422, 'no_legal_entity');
    };
    const admin = await render({ 'POST /deals/d-1/invoices': refuse });
    await click(admin.fixture, admin.root, 'inv-issue');
    expect(byTestId(admin.root, 'inv-issue-error')?.textContent).toContain('Спершу додайте свою');
    expect(byTestId(admin.root, 'inv-issue-entities-link')?.getAttribute('href')).toBe('/invoices/legal-entities');
    TestBed.resetTestingModule();
    const manager = await render({ 'POST /deals/d-1/invoices': refuse }, ['manager']);
    await click(manager.fixture, manager.root, 'inv-issue');
    expect(byTestId(manager.root, 'inv-issue-error')?.textContent).toContain('Попросіть адміністратора');
    expect(byTestId(manager.root, 'inv-issue-entities-link')).toBeNull();
  });

  it('shows a 400 of the items next to the exact cell', async () => {
    const { fixture, root, calls } = await render({
      'PUT /deals/d-1/items': () => {
        throw new FakeApiError(400, 'validation_failed', { '[1].price': '[1].price has more than 2 decimal places' });
      },
    });
    await click(fixture, root, 'inv-item-add');
    typeInto(root, 'inv-item-name-1', 'Верстка');
    typeInto(root, 'inv-item-price-1', '2500,505');
    await fixture.whenStable();
    await click(fixture, root, 'inv-items-save');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual([
      { name: 'Дизайн', quantity: '1', price: '12000.00' },
      { name: 'Верстка', quantity: '1', price: '2500.505' },
    ]);
    expect(byTestId(root, 'inv-item-error-1-price')?.textContent).toContain('Ціна');
    expect(byTestId(root, 'inv-item-price-1')?.classList).toContain('invalid');
    expect(byTestId(root, 'inv-item-error-0-price')).toBeNull();
  });

  it('marks an invoice paid and explains a refused move', async () => {
    const { fixture, root } = await render({
      'GET /deals/d-1/invoices': () => ({ items: [{ ...INVOICE, status: 'sent' }], nextCursor: null }),
      'PATCH /invoices/i-1': () => {
        throw new FakeApiError(422, 'invalid_transition', {}, [{ from: 'cancelled', to: 'paid', allowed: [] }]);
      },
      'GET /invoices/i-1': () => ({ ...INVOICE, status: 'cancelled' }),
    });
    await click(fixture, root, 'inv-mark-paid-i-1');
    expect(byTestId(root, 'inv-action-error-i-1')?.textContent).toContain('«Скасовано» не може стати «Оплачено»');
    expect(byTestId(root, 'inv-invoice-status-i-1')?.textContent?.trim()).toBe('Скасовано');
    expect(byTestId(root, 'inv-mark-paid-i-1')).toBeNull();
  });

  it('asks before cancelling an invoice', async () => {
    const { fixture, root, calls } = await render({
      'GET /deals/d-1/invoices': () => ({ items: [INVOICE], nextCursor: null }),
      'PATCH /invoices/i-1': (body) => ({ ...INVOICE, status: (body as { status: string }).status }),
    });
    await click(fixture, root, 'inv-mark-cancelled-i-1');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    await click(fixture, root, 'inv-cancel-yes-i-1');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'cancelled' });
    expect(byTestId(root, 'inv-invoice-status-i-1')?.textContent?.trim()).toBe('Скасовано');
  });

  it('says calmly that the registry is not connected', async () => {
    const { fixture, root } = await render({
      'GET /companies/lookup': () => {
        throw new FakeApiError(503, 'registry_not_configured');
      },
    });
    await click(fixture, root, 'inv-lookup-toggle');
    await click(fixture, root, 'inv-lookup-find');
    expect(byTestId(root, 'inv-lookup-notice')?.textContent).toContain('REGISTRY_API_URL');
  });
});
