import { decimalInput, draftOf, emptyDraft, ibanText, isBlankDraft, itemBody, lineErrors, mayFinalize, money, otherErrors, sameLines } from './invoices';
import { previewItems } from './items-preview';
import { entityBody, newEntityForm, withCountry } from './legal-entity-form.model';
import { numberExample } from './number-example';

describe('money and numbers as the API gives them', () => {
  it('formats a decimal string exactly, beyond what a float holds', () => {
    // As a float 99999999999999.99 prints as 100 000 000 000 000,00.
    // (The currency sign depends on the runtime's ICU data: грн in browsers, ₴ in some Node builds.)
    expect(money('99999999999999.99', 'UAH', 'uk').replace(/\s/g, ' ')).toMatch(/^99 999 999 999 999,99 (грн|₴)$/);
    expect(money('0.10', null, 'en')).toBe('0.10');
    expect(money(null, 'UAH', 'uk')).toBe('—');
  });

  it('reads numbers as people type them', () => {
    expect(decimalInput('1 500,50')).toBe('1500.50');
    expect(decimalInput('2500,505')).toBe('2500.505');
    expect(decimalInput(' 12 ')).toBe('12');
    expect(decimalInput('abc')).toBe('abc');
  });

  it('prints an IBAN in groups of four', () => {
    expect(ibanText('UA213223130000026007233566001')).toBe('UA21 3223 1300 0002 6007 2335 6600 1');
  });
});

describe('line items as edited', () => {
  it('sends rows normalised, leaving out empty optional parts, and skips blank rows', () => {
    const d = { ...emptyDraft(), name: ' Верстка ', quantity: '1,5', unit: '', price: '2 500,50', vatRate: '20 %' };
    expect(itemBody(d)).toEqual({ name: 'Верстка', quantity: '1.5', price: '2500.50', vatRate: '20' });
    expect(isBlankDraft(emptyDraft())).toBe(true);
    expect(isBlankDraft(d)).toBe(false);
  });

  it('tells unsaved changes from the saved lines, comparing amounts as text', () => {
    const saved = [{ position: 1, name: 'Хостинг', quantity: '12', unit: 'міс.', price: '150.25', vatRate: null, amount: '1803.00' }];
    const drafts = saved.map((i) => draftOf(i, 'uk'));
    expect(drafts[0].price).toBe('150,25');
    expect(sameLines([...drafts, emptyDraft()], saved)).toBe(true);
    expect(sameLines([{ ...drafts[0], price: '150,250' }], saved)).toBe(true);
    expect(sameLines([{ ...drafts[0], price: '150,26' }], saved)).toBe(false);
  });

  it('puts the messages of a 400 on their line and cell, for the items PUT and for an issue', () => {
    const fields = { '[1].price': 'bad price', 'items[0].quantity': 'bad qty', '[2]': 'not an object', body: 'must be an array' };
    expect(lineErrors(fields)).toEqual({ 0: { quantity: 'bad qty' }, 1: { price: 'bad price' }, 2: { line: 'not an object' } });
    expect(otherErrors(fields)).toEqual(['must be an array']);
  });

  it('previews amounts and the invoice with the server’s exact arithmetic', () => {
    const rows = [
      { ...emptyDraft(), name: 'Дизайн', quantity: '1', price: '12000' },
      { ...emptyDraft(), name: 'Верстка', quantity: '3', price: '2500,50' },
      { ...emptyDraft(), name: 'Хостинг', quantity: '12', price: '150,25' },
      emptyDraft(),
    ];
    const p = previewItems(rows, { vatPayer: true, vatRate: '20', pricesIncludeVat: false });
    expect(p.amounts).toEqual(['12000.00', '7501.50', '1803.00', null]);
    expect(p.total).toBe('21304.50');
    expect(p.invoice).toEqual({ subtotal: '21304.50', vat: '4260.90', total: '25565.40', vatGroups: [{ rate: '20', vat: '4260.90' }] });
    expect(previewItems([{ ...rows[0], price: '1,005' }], null).total).toBeNull();
  });
});

describe('who may finalise an invoice', () => {
  it('is finance roles or the deal’s responsible', () => {
    expect(mayFinalize(['accountant'], 'u', null)).toBe(true);
    expect(mayFinalize(['manager'], 'u', 'u')).toBe(true);
    expect(mayFinalize(['manager'], 'u', 'v')).toBe(false);
  });
});

describe('legal entity form', () => {
  it('shows the number the server will give, or says the pattern is wrong', () => {
    expect(numberExample('{prefix}-{YYYY}-{seq:4}', 'СВ', '2026-03-05')).toEqual({ ok: true, example: 'СВ-2026-0001', yearly: true });
    expect(numberExample('{prefix}/{seq}', 'INV', '2026-03-05')).toEqual({ ok: true, example: 'INV/1', yearly: false });
    expect(numberExample('{prefix}-{YYYY}', 'INV', '2026-03-05')).toMatchObject({ ok: false, field: 'numberPattern' });
  });

  it('sends the chosen country’s bank fields only, and clears the others on a PATCH', () => {
    const ua = { ...newEntityForm('UA'), name: 'Світанок', taxId: '3285 5961', iban: 'ua21 3223 1300 0002 6007 2335 6600 1', vatPayer: true, bik: '044525225' };
    const created = entityBody(ua, 'create');
    expect(created).toMatchObject({ country: 'UA', taxId: '32855961', iban: 'UA213223130000026007233566001', vatRate: '20', legalForm: 'ТОВ' });
    expect(created).not.toHaveProperty('bik');
    expect(created).not.toHaveProperty('kpp');
    const patch = entityBody(withCountry(ua, 'RU'), 'edit');
    expect(patch).toMatchObject({ country: 'RU', legalForm: 'ООО', iban: null, bik: null, vatRate: null, kpp: null });
    expect(entityBody({ ...ua, vatPayer: false }, 'edit')).toMatchObject({ vatRate: null, pricesIncludeVat: false });
  });
});
