/** The invoice PDF: the plain view it is drawn from, the payment purpose template, print formats, the renderer. */
export type {
  BankAccount,
  CalendarDate,
  IbanBankAccount,
  InvoiceView,
  InvoiceViewBuyer,
  InvoiceViewLine,
  InvoiceViewSupplier,
  InvoiceViewTotals,
  RuBankAccount,
} from './invoice-view';
export {
  DEFAULT_PAYMENT_PURPOSE_TEMPLATES,
  MAX_PAYMENT_PURPOSE_TEMPLATE_LENGTH,
  PAYMENT_PURPOSE_FIELD,
  PAYMENT_PURPOSE_VARIABLES,
  PaymentPurposeTemplateError,
  paymentPurposeVars,
  renderPaymentPurpose,
  validatePaymentPurposeTemplate,
} from './payment-purpose';
export type { PaymentPurposeValidation, PaymentPurposeVariable, PaymentPurposeVars } from './payment-purpose';
export { currencyShort, defaultTaxIdLabel, formatPrintDate, formatPrintMoney, formatPrintQuantity } from './print-format';
export { renderInvoicePdf, warmUpInvoiceRenderer } from './render-invoice';
export { nbuPaymentData, nbuPaymentLink } from './payment-qr';
export type { PaymentQrInput } from './payment-qr';
