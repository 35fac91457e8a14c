import { nbuPaymentData, nbuPaymentLink, qrMatrix } from './payment-qr';

const INPUT = {
  recipient: 'ТОВ «Діджитал Студія»',
  iban: 'UA21 3223 1300 0002 6007 2335 6600 1',
  amount: '27047.20',
  recipientCode: '32855961',
  purpose: 'Оплата згідно рахунку № INV-2026-0003 від 01.12.2026, у т.ч. ПДВ 4 507,87 грн',
};

describe('the NBU payment QR code (format 002)', () => {
  it('holds thirteen LF-ended elements in the order of the NBU rules', () => {
    const lines = nbuPaymentData(INPUT).split('\n');
    expect(lines).toEqual([
      'BCD',
      '002',
      '1',
      'UCT',
      '',
      'ТОВ «Діджитал Студія»',
      'UA213223130000026007233566001',
      'UAH27047.20',
      '32855961',
      '',
      '',
      INPUT.purpose,
      '',
      '',
    ]);
  });

  it('is a bank.gov.ua/qr/ link with the data in Base64URL, UTF-8, without padding', () => {
    const link = nbuPaymentLink(INPUT);
    expect(link.startsWith('https://bank.gov.ua/qr/')).toBe(true);
    const payload = link.slice('https://bank.gov.ua/qr/'.length);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(payload, 'base64url').toString('utf8')).toBe(nbuPaymentData(INPUT));
  });

  it('cuts the recipient to 70 and the purpose to 140 characters, on one line each', () => {
    const lines = nbuPaymentData({ ...INPUT, recipient: 'Р'.repeat(90), purpose: `П\nр${'и'.repeat(200)}` }).split('\n');
    expect([...lines[5]]).toHaveLength(70);
    expect([...lines[11]]).toHaveLength(140);
    expect(lines[11].startsWith('П р')).toBe(true);
  });

  it('encodes into a QR symbol small enough to scan from paper', () => {
    const m = qrMatrix(nbuPaymentLink(INPUT));
    expect(m.size).toBeGreaterThanOrEqual(21);
    expect(m.size).toBeLessThanOrEqual(77); // version 15 at most, as the rules allow for format 002
    expect(m.dark(0, 0)).toBe(true); // a finder pattern's corner
  });
});
