import { API_BASE, networkError, toApiError } from '../../../core/api.service';

/** A file of a deal (`GET /deals/:id/files`). */
export interface DealFile {
  id: string;
  name: string;
  size: number;
  mime: string | null;
  dealId: string | null;
  uploadedBy: string | null;
  createdAt: string;
}

/**
 * A size in the current language's words: "512 B", "12 kB", "1.5 MB", "2.1 GB" (uk "1,5 МБ", ru "1,5 МБ").
 * Kilobytes are whole from 10 kB on; decimal units are what users see in their file managers.
 */
export function sizeText(bytes: number, lang: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = [
    ['byte', 1],
    ['kilobyte', 1000],
    ['megabyte', 1000 ** 2],
    ['gigabyte', 1000 ** 3],
  ] as const;
  let [unit, base] = units[0] as readonly [string, number];
  for (const u of units) if (bytes >= u[1]) [unit, base] = u;
  const value = bytes / base;
  const digits = unit === 'byte' || value >= 10 ? 0 : 1;
  try {
    // English says "512 byte" in short form: "B" like the other units.
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value).replace(/\sbytes?$/, ' B');
  } catch {
    return `${value.toFixed(digits)} ${{ byte: 'B', kilobyte: 'kB', megabyte: 'MB', gigabyte: 'GB' }[unit]}`;
  }
}

/** The short type badge of a file: its extension ("pdf"), else "file". */
export function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * `POST <path>` of one file as multipart field `file`, with upload progress (0..1). XMLHttpRequest, because
 * `fetch` reports no upload progress; failures are `ApiError`s like the rest of the API's.
 */
export function uploadFile(path: string, file: File, token: string | null, onProgress: (fraction: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(toApiError(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(networkError(new Error('upload aborted')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The contents of `GET /files/:id` (it needs the bearer token, so a plain link cannot fetch it). */
export async function downloadBlob(fileId: string, token: string | null): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/files/${encodeURIComponent(fileId)}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    throw toApiError(res.status, body, res.statusText);
  }
  return res.blob();
}

/** Hands a blob to the browser as a download under its own name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
