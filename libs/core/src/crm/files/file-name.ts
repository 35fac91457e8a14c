/** The longest name kept (the column holds 500; file systems and browsers choke well before). */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * The original name of an upload, as the user saw it. Multipart parsers decode the `filename` parameter
 * as latin1 by default while browsers and Node's fetch send raw UTF-8 bytes; bytes that form valid UTF-8
 * are read back as UTF-8 ("Коммерческое предложение.pdf"), anything else is kept as decoded. Paths,
 * control characters and surrounding spaces go; the result is NFC.
 */
export function originalFileName(raw: string | undefined | null): string {
  let name = raw ?? '';
  const isLatin1 = [...name].every((c) => c.charCodeAt(0) <= 0xff);
  if (isLatin1 && [...name].some((c) => c.charCodeAt(0) >= 0x80)) {
    const bytes = Buffer.from(name, 'latin1');
    const utf8 = bytes.toString('utf8');
    if (Buffer.from(utf8, 'utf8').equals(bytes)) name = utf8;
  }
  const withoutControls = [...name.normalize('NFC')].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const base = (withoutControls.split(/[/\\]/).pop() ?? '').trim();
  if (!base || base === '.' || base === '..') return 'file';
  return [...base].slice(0, MAX_FILE_NAME_LENGTH).join('');
}

/**
 * `Content-Disposition` that every client reads right: an ASCII fallback in `filename` and the exact
 * UTF-8 name in `filename*` (RFC 6266 / RFC 5987).
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
