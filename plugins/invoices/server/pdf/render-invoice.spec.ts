import { pdfText } from '@portal/plugin-sdk/testing';
import { amountInWords } from '../money';
import type { InvoiceView } from './invoice-view';
import { renderInvoicePdf, warmUpInvoiceRenderer } from './render-invoice';
import { longSampleView, ruSampleView, ukSampleView } from './sample-views';


// A 1×1 PNG.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('renderInvoicePdf', () => {
  beforeAll(() => warmUpInvoiceRenderer());

  it('renders a Ukrainian ТОВ invoice with VAT 20 % and three lines', async () => {
    const view = ukSampleView();
    const pdf = await renderInvoicePdf(view);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pages } = pdfText(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('Рахунок на оплату № INV-2025-0042 від 05.03.2025');
    expect(text).toContain('Постачальник: ТОВ «Альфа-Сервіс»');
    expect(text).toContain('Код ЄДРПОУ 32855961');
    expect(text).toContain('IBAN UA21 3223 1300 0002 6007 2335 6600 1');
    expect(text).toContain('Платник ПДВ, ІПН 328559626598');
    expect(text).toContain('Покупець: ТОВ «Покупець Плюс»');
    expect(text).toContain('Сплатити до: 15.03.2025');
    for (const h of ['№', 'Найменування', 'Кіл-сть', 'Од.', 'Ціна', 'Сума']) expect(text).toContain(h);
    expect(text).toContain('Ліцензія на п’ять робочих місць, 1 рік');
    expect(text).toContain('Разом: 20 000,00');
    expect(text).toContain('ПДВ 20 %: 4 000,00');
    expect(text).toContain('Всього до сплати: 24 000,00');
    const words = amountInWords('24000.00', 'UAH', 'uk');
    expect(words).toBe('Двадцять чотири тисячі гривень 00 копійок');
    expect(text).toContain(`Всього на суму: ${words}`);
    expect(text).toContain('Призначення платежу: Оплата згідно рахунку № INV-2025-0042 від 05.03.2025, у т.ч. ПДВ 4 000,00 грн');
    expect(text).toContain('Виписав(ла):');
    expect(text).toContain('Петренко О. В., директор');
  });

  it('renders a Russian ООО invoice on УСН without VAT', async () => {
    const view = ruSampleView();
    const { text, pages } = pdfText(await renderInvoicePdf(view));
    expect(pages).toBe(1);
    expect(text).toContain('Счёт на оплату № СЧ-2025-0007 от 01.04.2025');
    expect(text).toContain('Поставщик: ООО «Бета Софт»');
    expect(text).toContain('ИНН 7707083893, КПП 773601001');
    expect(text).toContain('р/с 40702810938000012345');
    expect(text).toContain('БИК 044525225, к/с 30101810400000000225');
    expect(text).toContain('Покупатель: ООО «Покупатель»');
    for (const h of ['Наименование', 'Кол-во', 'Ед.', 'Цена', 'Сумма']) expect(text).toContain(h);
    expect(text).toContain('Настройка CRM-системы');
    expect(text).toContain('Итого: 15 750,50');
    expect(text).toContain('Без НДС: —');
    expect(text).toContain('Всего к оплате: 15 750,50');
    const words = amountInWords('15750.50', 'RUB', 'ru');
    expect(text).toContain(`Всего на сумму: ${words}`);
    expect(text).toContain('Назначение платежа: Оплата по счёту № СЧ-2025-0007 от 01.04.2025, без НДС');
    expect(text).toContain('Выписал(а):');
  });

  it('keeps Latin text extractable whichever language was rendered first (shared parsed fonts)', async () => {
    // DejaVu's Cyrillic "С" is a composite of Latin "C": see the font notes in render-invoice.ts.
    for (const view of [ukSampleView(), ruSampleView(), ukSampleView(), ruSampleView()]) {
      const { text } = pdfText(await renderInvoicePdf(view));
      expect(text).toMatch(view.invoice.language === 'uk' ? /IBAN UA21 3223/ : /Настройка CRM-системы/);
    }
  });

  it('breaks a long table across pages, repeating the header, and numbers the pages', async () => {
    const view = longSampleView(90);
    const { text, pages } = pdfText(await renderInvoicePdf(view));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text.match(/№ Найменування Кіл-сть Од\. Ціна Сума/g)?.length).toBe(pages);
    expect(text).toContain(`сторінка 1 з ${pages}`);
    expect(text).toContain(`сторінка ${pages} з ${pages}`);
    // Every row made it, the last one and the totals after it too.
    for (const n of [1, 45, 90]) expect(text).toContain(`Позиція ${n}:`);
    expect(text).toContain(`Всього до сплати: ${view.totals.total.replace(/\B(?=(\d{3})+(?!\d))/g, ' ').replace('.', ',')}`);
    expect(text).toContain(`Всього на суму: ${amountInWords(view.totals.total, 'UAH', 'uk')}`);
  });

  it('draws a logo and fits a huge amount in its column', async () => {
    const view: InvoiceView = ukSampleView(PNG_1X1);
    view.lines = [{ n: 1, name: 'Дуже дорога позиція', quantity: '1', unit: 'шт.', price: '999999999999.99', amount: '999999999999.99' }];
    view.totals = { subtotal: '999999999999.99', vat: '0.00', total: '999999999999.99', vatLabel: 'ПДВ 0 %' };
    view.amountInWords = amountInWords('999999999999.99', 'UAH', 'uk');
    const { text } = pdfText(await renderInvoicePdf(view));
    expect(text).toContain('999 999 999 999,99');
    expect(text).toContain(view.amountInWords);
  });

  it('rejects a logo that is not an image and a malformed date', async () => {
    await expect(renderInvoicePdf(ukSampleView(Buffer.from('not an image')))).rejects.toThrow(/supplier\.logo/);
    const view = ukSampleView();
    view.invoice.issuedAt = '05.03.2025';
    await expect(renderInvoicePdf(view)).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('prints the median render time over 20 renders (target ≤ 50 ms; not asserted)', async () => {
    const view = ukSampleView();
    await renderInvoicePdf(view);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await renderInvoicePdf(view);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = (times[9] + times[10]) / 2;
    console.log(`renderInvoicePdf: median ${median.toFixed(1)} ms per PDF over 20 renders (uk, 3 lines)`);
    expect(median).toBeGreaterThan(0);
  });
});
