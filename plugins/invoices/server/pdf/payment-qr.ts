import { create } from 'qrcode';

/**
 * The National Bank of Ukraine's payment QR code for a credit transfer (the NBU's rules for the structure and the
 * image of the QR code exchanging credit-transfer requisites, data format 002): banking apps (monobank, Privat24, …)
 * scan it and open a transfer with the recipient, IBAN, code, amount and purpose filled in; on a phone the same link
 * opens the bank's app.
 *
 * Thirteen elements, each ended by LF: the service tag `BCD`, the format version `002`, the encoding `1` (UTF-8),
 * the function `UCT` (Ukrainian credit transfer), the BIC (reserved, empty), the recipient (≤ 70 characters), the
 * IBAN, the amount `UAH<amount>` (dot, two decimals), the recipient's ЄДРПОУ / РНОКПП, the purpose code and the
 * reference (both reserved, empty), the payment purpose (≤ 140 characters), the display text (reserved, empty).
 * The data is Base64URL-encoded (no padding) after `https://bank.gov.ua/qr/`; the symbol uses error correction M.
 */
export interface PaymentQrInput {
  recipient: string;
  /** Without spaces: UA + 27 characters. */
  iban: string;
  /** A decimal string with two places ("27047.20"). */
  amount: string;
  recipientCode: string;
  purpose: string;
}

const MAX_RECIPIENT = 70;
const MAX_PURPOSE = 140;

/** Cuts to a number of characters (code points), never in the middle of a surrogate pair. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/[\r\n]+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('');
}

export function nbuPaymentData(input: PaymentQrInput): string {
  const elements = [
    'BCD',
    '002',
    '1',
    'UCT',
    '',
    cut(input.recipient, MAX_RECIPIENT),
    input.iban.replace(/\s+/g, '').toUpperCase(),
    `UAH${input.amount}`,
    input.recipientCode,
    '',
    '',
    cut(input.purpose, MAX_PURPOSE),
    '',
  ];
  return elements.map((e) => `${e}\n`).join('');
}

/** The link a payment QR code holds. */
export function nbuPaymentLink(input: PaymentQrInput): string {
  return `https://bank.gov.ua/qr/${Buffer.from(nbuPaymentData(input), 'utf8').toString('base64url')}`;
}

/** The symbol's dark modules, row by row, for drawing as vector squares. */
export function qrMatrix(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => !!modules.get(row, col) };
}
