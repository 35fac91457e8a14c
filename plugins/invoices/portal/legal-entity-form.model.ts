import { DEFAULT_PATTERN } from '../server/requisites/numbering';
import { LEGAL_FORMS, isPersonForm } from './invoices';
import type { Country, LegalEntity } from './invoices';

/** A legal entity as its form edits it: text as typed, the country's bank fields only, everything else as is. */
export interface EntityForm {
  country: Country;
  legalForm: string;
  name: string;
  taxId: string;
  kpp: string;
  vatPayer: boolean;
  vatRate: string;
  pricesIncludeVat: boolean;
  iban: string;
  bik: string;
  account: string;
  corrAccount: string;
  bankName: string;
  address: string;
  signatory: string;
  signatoryPosition: string;
  numberPattern: string;
  prefix: string;
  logo: string | null;
  isDefault: boolean;
}

export type EntityField = keyof EntityForm;

/** Every field the server may name in a 400, in the order the form shows them (the first one gets the focus). */
export const ENTITY_FIELDS: EntityField[] = [
  'country',
  'legalForm',
  'name',
  'taxId',
  'kpp',
  'address',
  'iban',
  'bik',
  'account',
  'corrAccount',
  'bankName',
  'vatPayer',
  'vatRate',
  'pricesIncludeVat',
  'prefix',
  'numberPattern',
  'signatory',
  'signatoryPosition',
  'logo',
  'isDefault',
];

export const UA_VAT_RATE = '20';

export function newEntityForm(country: Country = 'UA'): EntityForm {
  return {
    country,
    legalForm: LEGAL_FORMS[country][0],
    name: '',
    taxId: '',
    kpp: '',
    vatPayer: false,
    vatRate: country === 'UA' ? UA_VAT_RATE : '',
    pricesIncludeVat: false,
    iban: '',
    bik: '',
    account: '',
    corrAccount: '',
    bankName: '',
    address: '',
    signatory: '',
    signatoryPosition: '',
    numberPattern: DEFAULT_PATTERN,
    prefix: 'INV',
    logo: null,
    isDefault: false,
  };
}

export function formOf(e: LegalEntity): EntityForm {
  return {
    country: e.country,
    legalForm: e.legalForm ?? '',
    name: e.name,
    taxId: e.taxId,
    kpp: e.kpp ?? '',
    vatPayer: e.vatPayer,
    vatRate: e.vatRate ?? (e.country === 'UA' ? UA_VAT_RATE : ''),
    pricesIncludeVat: e.pricesIncludeVat,
    iban: e.iban ?? '',
    bik: e.bik ?? '',
    account: e.account ?? '',
    corrAccount: e.corrAccount ?? '',
    bankName: e.bankName,
    address: e.address,
    signatory: e.signatory,
    signatoryPosition: e.signatoryPosition ?? '',
    numberPattern: e.numberPattern,
    prefix: e.prefix,
    logo: e.logo,
    isDefault: e.isDefault,
  };
}

/** Switching the country: the other country's legal form, bank fields and КПП go, the VAT rate gets its default. */
export function withCountry(f: EntityForm, country: Country): EntityForm {
  if (f.country === country) return f;
  return {
    ...f,
    country,
    legalForm: LEGAL_FORMS[country].includes(f.legalForm) ? f.legalForm : LEGAL_FORMS[country][0],
    iban: '',
    bik: '',
    account: '',
    corrAccount: '',
    kpp: '',
    vatRate: country === 'UA' ? f.vatRate || UA_VAT_RATE : f.vatRate === UA_VAT_RATE ? '' : f.vatRate,
  };
}

export const hasKpp = (f: EntityForm): boolean => f.country === 'RU' && !isPersonForm(f.legalForm);

const text = (v: string): string | null => (v.trim() ? v.trim() : null);
const compact = (v: string): string | null => (v.trim() ? v.replace(/\s+/g, '') : null);

/**
 * The body of `POST /legal-entities` / `PATCH /legal-entities/:id`. A PATCH carries every field (null clears an
 * optional one), since the server checks the entity as a whole; `isDefault` is sent only to take the default over.
 */
export function entityBody(f: EntityForm, mode: 'create' | 'edit'): Record<string, unknown> {
  const ua = f.country === 'UA';
  const body: Record<string, unknown> = {
    name: f.name.trim(),
    country: f.country,
    legalForm: text(f.legalForm),
    taxId: compact(f.taxId) ?? '',
    kpp: hasKpp(f) ? compact(f.kpp) : null,
    vatPayer: f.vatPayer,
    vatRate: f.vatPayer ? (compact(f.vatRate.replace('%', ''))?.replace(',', '.') ?? null) : null,
    pricesIncludeVat: f.vatPayer && f.pricesIncludeVat,
    iban: ua ? compact(f.iban)?.toUpperCase() ?? null : null,
    bik: ua ? null : compact(f.bik),
    account: ua ? null : compact(f.account),
    corrAccount: ua ? null : compact(f.corrAccount),
    bankName: f.bankName.trim(),
    address: f.address.trim(),
    signatory: f.signatory.trim(),
    signatoryPosition: text(f.signatoryPosition),
    numberPattern: f.numberPattern.trim() || DEFAULT_PATTERN,
    prefix: f.prefix.trim(),
    logo: f.logo,
  };
  if (f.isDefault) body['isDefault'] = true;
  if (mode === 'create') {
    // A new entity needs no nulls: absent is the same and keeps the request short.
    for (const [k, v] of Object.entries(body)) if (v === null) delete body[k];
  }
  return body;
}
