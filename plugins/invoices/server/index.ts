import { ValidationFailedError, definePlugin } from '@portal/plugin-sdk';
import { validatePaymentPurposeTemplate } from './pdf';
import { invoiceGenerate, invoiceSend } from './automation';
import { InvoicesModule } from './invoices.module';
import { SCHEMA } from './schema';
import { SETTINGS } from './settings';

/**
 * Issue 7: invoices from the portal's own legal entities (ТОВ / ФОП / ООО / ИП, with VAT or without), exact
 * totals, gap-free numbering per entity and year, one click from a deal's items, statuses, the companies registry
 * lookup, and automation actions to issue and e-mail them.
 */
export const invoices = definePlugin({
  id: 'invoices',
  version: '1.0.0',
  name: 'Invoices',
  summary: 'One-click invoices for deals from your own legal entities (with or without VAT), exact totals and amounts in words, gap-free numbering, statuses, client requisites from the registry by tax id, and automation actions to issue and e-mail invoices.',
  translations: {
    uk: {
      name: 'Рахунки',
      summary: 'Рахунки за угодами в один клік від ваших юридичних осіб (з ПДВ або без), точні суми та сума прописом, нумерація без пропусків, статуси, реквізити клієнта з реєстру за кодом, дії автоматизації для виставлення й надсилання рахунків.',
    },
    ru: {
      name: 'Счета',
      summary: 'Счета по сделкам в один клик от ваших юрлиц (с НДС или без), точные суммы и сумма прописью, нумерация без пропусков, статусы, реквизиты клиента из реестра по ИНН, действия автоматизации для выставления и отправки счетов.',
    },
  },
  category: 'finance',
  module: InvoicesModule,
  schema: SCHEMA,
  settings: SETTINGS,
  actions: [invoiceGenerate, invoiceSend],
  ui: {
    module: 'invoices',
    routes: [
      { path: 'invoices', component: 'InvoicesPage', title: { en: 'Invoices', uk: 'Рахунки', ru: 'Счета' } },
      { path: 'invoices/legal-entities', component: 'LegalEntitiesPage', title: { en: 'Our legal entities', uk: 'Наші юрособи', ru: 'Наши юрлица' }, roles: ['admin'] },
    ],
    menu: [
      { route: 'invoices', label: { en: 'Invoices', uk: 'Рахунки', ru: 'Счета' }, icon: 'receipt_long' },
      { route: 'invoices/legal-entities', label: { en: 'Legal entities', uk: 'Юрособи', ru: 'Юрлица' }, icon: 'account_balance', roles: ['admin'] },
    ],
    dealCardWidgets: [{ id: 'invoices-deal', component: 'DealInvoicesWidget', title: { en: 'Items and invoices', uk: 'Позиції та рахунки', ru: 'Позиции и счета' } }],
  },
  // The payment-purpose templates are the PDF module's language: it checks them when they are saved.
  onSettingsChanged: async (ctx) => {
    const problems = [];
    for (const [key, lang] of [['paymentPurposeTemplateUk', 'uk'], ['paymentPurposeTemplateRu', 'ru']] as const) {
      const template = ctx.settings[key];
      if (template === undefined || template === null || template === '') continue;
      const r = validatePaymentPurposeTemplate(template, lang);
      if (!r.ok) problems.push({ field: key, message: r.message });
    }
    if (problems.length) throw new ValidationFailedError(problems);
  },
});

export default invoices;
