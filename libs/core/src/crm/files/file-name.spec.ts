import { contentDisposition, originalFileName } from './file-name';

describe('originalFileName', () => {
  it('reads back the UTF-8 bytes a multipart parser decoded as latin1', () => {
    const sent = 'Коммерческое предложение.pdf';
    const asLatin1 = Buffer.from(sent, 'utf8').toString('latin1');
    expect(originalFileName(asLatin1)).toBe(sent);
  });

  it('keeps names that are already right', () => {
    expect(originalFileName('report.pdf')).toBe('report.pdf');
    expect(originalFileName('Договір №5.docx')).toBe('Договір №5.docx');
    // latin1 bytes that are not UTF-8 stay as decoded
    expect(originalFileName('caf\u00e9.txt')).toBe('café.txt');
  });

  it('drops paths and control characters, never returns an empty name', () => {
    expect(originalFileName('C:\\Users\\me\\plan.xlsx')).toBe('plan.xlsx');
    expect(originalFileName('../../etc/passwd')).toBe('passwd');
    expect(originalFileName('a\u0000b\n.txt')).toBe('ab.txt');
    expect(originalFileName('')).toBe('file');
    expect(originalFileName(undefined)).toBe('file');
  });
});

describe('contentDisposition', () => {
  it('carries the exact UTF-8 name in filename* and an ASCII fallback', () => {
    const header = contentDisposition('Коммерческое предложение (v2).pdf');
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = header.split("filename*=UTF-8''")[1];
    expect(decodeURIComponent(encoded)).toBe('Коммерческое предложение (v2).pdf');
    expect(encoded).not.toMatch(/[()' ]/);
  });

  it('never lets a quote break the header', () => {
    expect(contentDisposition('a"b.txt')).toContain('filename="a_b.txt"');
  });
});
