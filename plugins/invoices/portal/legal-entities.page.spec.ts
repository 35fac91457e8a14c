import { TestBed } from '@angular/core/testing';
import { PORTAL_HOST } from '@portal/portal-kit';
import { LegalEntitiesPage } from './legal-entities.page';
import { FakeApiError, byTestId, fakeHost, settle, typeInto } from './testing';

async function render(routes: Record<string, (body: unknown) => unknown>) {
  const fake = fakeHost(routes);
  TestBed.configureTestingModule({ providers: [{ provide: PORTAL_HOST, useValue: fake.host }] });
  const fixture = TestBed.createComponent(LegalEntitiesPage);
  await settle();
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement, calls: fake.calls };
}

describe('LegalEntitiesPage', () => {
  it('opens the form for the first entity and shows each refusal next to its field', async () => {
    const { fixture, root, calls } = await render({
      'GET /legal-entities': () => ({ items: [], nextCursor: null }),
      'POST /legal-entities': () => {
        throw new FakeApiError(400, 'validation_failed', { iban: 'iban check digits do not match', signatory: 'is required' });
      },
    });
    expect(byTestId(root, 'le-form')).not.toBeNull();
    typeInto(root, 'le-field-name', 'Світанок');
    typeInto(root, 'le-field-prefix', 'СВ');
    await fixture.whenStable();
    expect(byTestId(root, 'le-number-example-value')?.textContent).toMatch(/^СВ-\d{4}-0001$/);
    (byTestId(root, 'le-country-RU') as HTMLElement).click();
    await fixture.whenStable();
    expect(byTestId(root, 'le-field-iban')).toBeNull();
    expect(byTestId(root, 'le-field-bik')).not.toBeNull();
    expect(byTestId(root, 'le-field-kpp')).not.toBeNull();
    (byTestId(root, 'le-country-UA') as HTMLElement).click();
    await fixture.whenStable();
    (byTestId(root, 'le-save') as HTMLElement).click();
    await settle();
    await fixture.whenStable();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ country: 'UA', name: 'Світанок', prefix: 'СВ', legalForm: 'ТОВ' });
    expect(byTestId(root, 'le-error-iban')?.textContent).toContain('IBAN');
    expect(byTestId(root, 'le-error-signatory')?.textContent).toBe('Обов’язкове поле');
    expect(byTestId(root, 'le-error-name')).toBeNull();
  });

  it('refuses a logo over 200 KB before sending it', async () => {
    const { fixture, root } = await render({ 'GET /legal-entities': () => ({ items: [], nextCursor: null }) });
    const input = byTestId(root, 'le-logo-input') as HTMLInputElement;
    const big = new File([new Uint8Array(210 * 1024)], 'logo.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [big] });
    input.dispatchEvent(new Event('change'));
    await settle();
    await fixture.whenStable();
    expect(byTestId(root, 'le-error-logo')?.textContent).toContain('210 КБ');
  });
});
