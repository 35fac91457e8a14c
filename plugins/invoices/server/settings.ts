import type { PluginSettingSpec } from '@portal/plugin-sdk';

export const LANGUAGES = ['uk', 'ru'] as const;
export type InvoiceLanguageCode = (typeof LANGUAGES)[number];

/**
 * The plugin's settings. The registry's address is not a setting but the environment variable REGISTRY_API_URL
 * (one registry per installation, like SMTP_URL). The payment-purpose templates are plain strings here; the PDF
 * module owns their placeholders and validates them when it renders (absent: its built-in default).
 */
export const SETTINGS: Record<string, PluginSettingSpec> = {
  defaultLanguage: { type: 'enum', options: [...LANGUAGES], label: 'Language of new invoices (absent: Ukrainian for UA entities, Russian for RU ones)' },
  paymentPurposeTemplateUk: { type: 'string', label: 'Payment purpose (Ukrainian), Handlebars: {{number}}, {{date}}, {{total}}, {{vat}}, {{supplierName}}, {{buyerName}}… (absent: the built-in default)' },
  paymentPurposeTemplateRu: { type: 'string', label: 'Payment purpose (Russian), Handlebars, as for Ukrainian (absent: the built-in default)' },
};

export interface InvoiceSettings {
  defaultLanguage: InvoiceLanguageCode | null;
  paymentPurposeTemplate: Record<InvoiceLanguageCode, string | null>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

export function invoiceSettings(s: Record<string, unknown>): InvoiceSettings {
  const lang = s['defaultLanguage'];
  return {
    defaultLanguage: (LANGUAGES as readonly unknown[]).includes(lang) ? (lang as InvoiceLanguageCode) : null,
    paymentPurposeTemplate: { uk: str(s['paymentPurposeTemplateUk']), ru: str(s['paymentPurposeTemplateRu']) },
  };
}
