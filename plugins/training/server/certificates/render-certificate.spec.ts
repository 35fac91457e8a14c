import { pdfText } from '@portal/plugin-sdk/testing';
import { CODE_ALPHABET, newCertificateCode, normalizeCertificateCode } from './certificate-code';
import { renderCertificatePdf, warmUpCertificateRenderer } from './render-certificate';
import type { CertificateView } from './render-certificate';


const view = (over: Partial<CertificateView> = {}): CertificateView => ({
  language: 'ru',
  issuer: 'ООО «Вектор»',
  userName: 'Иван Петров',
  courseTitle: 'Работа со сделками',
  scorePct: 93,
  issuedAt: new Date('2026-03-05T10:00:00Z'),
  issuedOn: '05.03.2026',
  code: 'ABCDE23456',
  verifyUrl: 'https://crm.example.com/api/v1/training/certificates/verify/ABCDE23456',
  ...over,
});

describe('renderCertificatePdf', () => {
  beforeAll(() => warmUpCertificateRenderer());

  it('prints a Russian certificate with every part', async () => {
    const { text, pages } = pdfText(await renderCertificatePdf(view()));
    expect(pages).toBe(1);
    for (const part of ['ООО «Вектор»', 'СЕРТИФИКАТ', 'о прохождении обучения', 'Настоящим подтверждается, что', 'Иван Петров', 'успешно прошёл(ла) курс', '«Работа со сделками»', 'Результат: 93 %', 'Дата выдачи: 05.03.2026', 'Код проверки: ABCDE23456', 'Проверить: https://crm.example.com/api/v1/training/certificates/verify/ABCDE23456']) {
      expect(text).toContain(part);
    }
  });

  it('prints an English one, and fits a very long name and title on the page', async () => {
    const long = view({ language: 'en', userName: 'Maximilian Alexander Konstantinopolsky-Wolfeschlegelsteinhausen', courseTitle: `${'Very long course title about pipelines and deals '.repeat(4)}end` });
    const { text, pages } = pdfText(await renderCertificatePdf(long));
    expect(pages).toBe(1);
    for (const part of ['CERTIFICATE', 'This is to certify that', 'has successfully completed the course', 'Score: 93 %', 'Issued on: 05.03.2026', 'Verification code: ABCDE23456', 'Konstantinopolsky']) {
      expect(text).toContain(part);
    }
  });

  it('renders the same certificate to the same bytes', async () => {
    const a = await renderCertificatePdf(view({ language: 'uk', userName: 'Олена', courseTitle: 'Курс' }));
    const b = await renderCertificatePdf(view({ language: 'uk', userName: 'Олена', courseTitle: 'Курс' }));
    expect(a.equals(b)).toBe(true);
  });
});

describe('certificate codes', () => {
  it('are 10 characters of an alphabet without 0, O, 1 or I, and differ', () => {
    const codes = new Set(Array.from({ length: 200 }, newCertificateCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
    expect(CODE_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('read as people type them', () => {
    expect(normalizeCertificateCode('abcde-23456')).toBe('ABCDE23456');
    expect(normalizeCertificateCode(' ABCDE 23456 ')).toBe('ABCDE23456');
    expect(normalizeCertificateCode('ABCDE2345')).toBeNull();
    expect(normalizeCertificateCode('ABCDE2345O')).toBeNull();
  });
});
