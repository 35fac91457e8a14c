/**
 * The invoices plugin's portal logic that needs no Angular: the API's shapes, money and dates shown exactly as the
 * API gives them (decimal strings, never floats), status moves, request ids, and where a 400 puts its messages.
 */
import { formatMoney, parseMoney } from '../server/money/amounts';

export type InvoiceStatus = 'issued' | 'sent' | 'paid' | 'cancelled';
export type StatusMove = 'sent' | 'paid' | 'cancelled';
export type Country = 'UA' | 'RU';
export type InvoiceLanguage = 'uk' | 'ru';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface LegalEntity {
  id: string;
  name: string;
  country: Country;
  legalForm: string | null;
  taxId: string;
  taxIdType: string;
  kpp: string | null;
  vatPayer: boolean;
  vatRate: string | null;
  pricesIncludeVat: boolean;
  currency: 'UAH' | 'RUB';
  iban: string | null;
  bik: string | null;
  account: string | null;
  corrAccount: string | null;
  bankName: string;
  address: string;
  signatory: string;
  signatoryPosition: string | null;
  numberPattern: string;
  prefix: string;
  logo: string | null;
  isDefault: boolean;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DealItem {
  position: number;
  name: string;
  quantity: string;
  unit: string | null;
  price: string;
  vatRate: string | null;
  amount: string;
}

export interface DealItems {
  items: DealItem[];
  total: string;
}

/** `GET`/`PUT /deals/:id/items` answer the lines; their total is summed exactly (kopecks as bigint, never floats). */
export function dealItemsOf(items: DealItem[]): DealItems {
  let kopecks = 0n;
  for (const i of items) {
    const parsed = parseMoney(i.amount);
    if (parsed.ok) kopecks += parsed.value;
  }
  return { items, total: formatMoney(kopecks) };
}

export interface Invoice {
  id: string;
  number: string;
  dealId: string | null;
  legalEntityId: string;
  status: InvoiceStatus;
  issuedAt: string;
  issueDate: string;
  language: InvoiceLanguage;
  currency: string;
  subtotal: string;
  vat: string;
  total: string;
  vatPayer: boolean;
  pricesIncludeVat: boolean;
  items: DealItem[];
  amountInWords: string;
  supplier: { id: string; name: string; legalForm: string | null; taxId: string };
  buyer: { kind: 'company' | 'contact'; id: string; name: string; taxId: string | null };
  pdfUrl: string;
  sentAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
}

export interface Deal {
  id: string;
  title: string;
  companyId: string | null;
  contactIds: string[];
  responsibleId: string | null;
}

export interface Company {
  id: string;
  name: string;
  taxId: string | null;
  address: string | null;
}

export interface RegistryCompany {
  name: string;
  taxId: string;
  address: string | null;
  director: string | null;
  country: Country;
  companyId: string | null;
}

export const STATUSES: InvoiceStatus[] = ['issued', 'sent', 'paid', 'cancelled'];

/** issued → sent → paid; issued | sent → cancelled; paid and cancelled are final (the server's rule). */
export const NEXT_STATUSES: Record<InvoiceStatus, StatusMove[]> = { issued: ['sent', 'cancelled'], sent: ['paid', 'cancelled'], paid: [], cancelled: [] };

/** Who may mark an invoice paid or cancelled: admins, heads, accountants, or the deal's responsible. */
export function mayFinalize(roles: readonly string[], userId: string | null, dealResponsibleId: string | null | undefined): boolean {
  return roles.some((r) => r === 'admin' || r === 'head' || r === 'accountant') || (!!userId && dealResponsibleId === userId);
}

// ---- money, numbers, dates -------------------------------------------------------------------------------

/**
 * A decimal string from the API in the language's money format, exactly: Intl formats the string itself (no float
 * in between). Without a currency, just the grouped number with two decimals.
 */
export function money(value: string | null | undefined, currency: string | null, lang: string): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    const fmt = new Intl.NumberFormat(lang, currency ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (fmt.format as unknown as (v: string) => string)(value);
  } catch {
    return currency ? `${value} ${currency}` : value;
  }
}

/** A quantity or rate string ("1.5", "20") in the language's format, as exact as it came. */
export function decimal(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    return (new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format as unknown as (v: string) => string)(value);
  } catch {
    return value;
  }
}

/** What a person types as a number ("1 500,50") → the API's decimal string ("1500.50"); anything else as typed. */
export function decimalInput(text: string): string {
  const s = text.trim().replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  return /^-?\d*\.?\d+$/.test(s) || /^-?\d+\.$/.test(s) ? s.replace(/\.$/, '') : text.trim();
}

/** "2026-03-05" → "5 бер. 2026 р." in the language (a calendar date: no time zone shift). */
export function dateText(day: string | null | undefined, lang: string): string {
  if (!day) return '—';
  try {
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
  } catch {
    return day;
  }
}

// ---- errors ----------------------------------------------------------------------------------------------

/** The API's error code (`no_items`, `invalid_transition`, …) when there is one. */
export const errorCode = (err: unknown): string => (err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '');

export const errorStatus = (err: unknown): number => (err && typeof err === 'object' && 'status' in err ? Number((err as { status: unknown }).status) : 0);

export const errorDetails = (err: unknown): Record<string, unknown>[] =>
  err && typeof err === 'object' && 'details' in err && Array.isArray((err as { details: unknown }).details) ? ((err as { details: unknown[] }).details.filter((d) => d && typeof d === 'object') as Record<string, unknown>[]) : [];

/** A network failure (nothing reached the server, or its answer did not reach us): a retry may repeat the request. */
export const isNetworkError = (err: unknown): boolean => errorCode(err) === 'network' || errorStatus(err) === 0;

/**
 * The messages of a 400 about lines, by line index and field: `[1].price` (PUT items) and `items[1].price` (issue)
 * both become `{1: {price: …}}`; a message about a whole line goes under `line`.
 */
export function lineErrors(fieldErrors: Record<string, string>): Record<number, Record<string, string>> {
  const out: Record<number, Record<string, string>> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const m = /^(?:items)?\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (!m) continue;
    const i = Number(m[1]);
    (out[i] ??= {})[m[2] ?? 'line'] = message;
  }
  return out;
}

/** The field messages that are not about one line (`body`, `items`): shown above the table. */
export function otherErrors(fieldErrors: Record<string, string>): string[] {
  return Object.entries(fieldErrors)
    .filter(([field]) => !/^(?:items)?\[\d+\]/.test(field))
    .map(([, message]) => message);
}

// ---- request ids -----------------------------------------------------------------------------------------

/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost), so it falls back. */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- line items as edited --------------------------------------------------------------------------------

export interface ItemDraft {
  /** A stable key for the row while it is edited (rows move when one above is removed). */
  key: number;
  name: string;
  quantity: string;
  unit: string;
  price: string;
  vatRate: string;
}

let nextKey = 1;

export function emptyDraft(): ItemDraft {
  return { key: nextKey++, name: '', quantity: '1', unit: '', price: '', vatRate: '' };
}

/** A saved line as the editor shows it: decimals with the language's separator (Ukrainian and Russian write "1500,50"). */
export function draftOf(item: DealItem, lang = 'en'): ItemDraft {
  const local = (v: string) => (lang === 'uk' || lang === 'ru' ? v.replace('.', ',') : v);
  return { key: nextKey++, name: item.name, quantity: local(item.quantity), unit: item.unit ?? '', price: local(item.price), vatRate: local(item.vatRate ?? '') };
}

/** An IBAN in groups of four, as banks print it ("UA21 3223 1300 …"). */
export const ibanText = (iban: string | null | undefined): string => (iban ? iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ') : '—');

/** A legal entity's name with its legal form ("ТОВ «Світанок»"). */
export const entityLabel = (e: { legalForm: string | null; name: string }): string => [e.legalForm, e.name].filter(Boolean).join(' ');

/** Whether a row was left empty (a fresh row the person did not fill): it is not sent. */
export const isBlankDraft = (d: ItemDraft): boolean => !d.name.trim() && !d.price.trim() && (!d.quantity.trim() || d.quantity.trim() === '1') && !d.unit.trim() && !d.vatRate.trim();

/** A row as `PUT /deals/:id/items` takes it: numbers normalised, empty optional parts left out. */
export function itemBody(d: ItemDraft): { name: string; quantity: string; unit?: string; price: string; vatRate?: string } {
  const body: { name: string; quantity: string; unit?: string; price: string; vatRate?: string } = { name: d.name.trim(), quantity: decimalInput(d.quantity), price: decimalInput(d.price) };
  if (d.unit.trim()) body.unit = d.unit.trim();
  if (d.vatRate.trim()) body.vatRate = decimalInput(d.vatRate.replace('%', ''));
  return body;
}

/** The same lines as the server has them (to tell whether the editor holds unsaved changes). */
export function sameLines(drafts: ItemDraft[], saved: DealItem[]): boolean {
  const mine = drafts.filter((d) => !isBlankDraft(d)).map(itemBody);
  if (mine.length !== saved.length) return false;
  return mine.every((m, i) => {
    const s = saved[i];
    return m.name === s.name && sameNumber(m.quantity, s.quantity) && (m.unit ?? null) === s.unit && sameNumber(m.price, s.price) && sameNumber(m.vatRate ?? null, s.vatRate);
  });
}

/** "1500" and "1500.00" are the same amount (compared as text without trailing zeros, never as floats). */
function sameNumber(a: string | null, b: string | null): boolean {
  const norm = (v: string | null) => (v === null ? null : v.includes('.') ? v.replace(/\.?0+$/, '') : v);
  return norm(a) === norm(b);
}

// ---- legal entities --------------------------------------------------------------------------------------

export const MAX_LOGO_BYTES = 200 * 1024;

/** Legal forms offered per country (the server knows which ones are people: ФОП, ИП). */
export const LEGAL_FORMS: Record<Country, string[]> = {
  UA: ['ТОВ', 'ФОП', 'ПП', 'АТ', 'ПрАТ', 'ПАТ', 'ДП', 'КП', 'ТДВ'],
  RU: ['ООО', 'ИП', 'АО', 'ПАО', 'НАО'],
};

export const isPersonForm = (form: string | null | undefined): boolean => ['ФОП', 'ФЛП', 'СПД', 'ИП'].includes((form ?? '').trim());

/** Reads a logo file as a data URL, refusing what the server would refuse (not PNG/JPEG, over 200 KB). */
export function readLogo(file: File): Promise<{ ok: true; dataUrl: string } | { ok: false; reason: 'type' | 'size' }> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return Promise.resolve({ ok: false, reason: 'type' });
  if (file.size > MAX_LOGO_BYTES) return Promise.resolve({ ok: false, reason: 'size' });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ ok: true, dataUrl: String(reader.result) });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The query string of a list's filters (empty ones left out). */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
