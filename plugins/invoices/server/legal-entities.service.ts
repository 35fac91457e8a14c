import { Injectable } from '@nestjs/common';
import { NotFoundError, PluginDatabase, UnprocessableError } from '@portal/plugin-sdk';
import { formatRate, parseRate } from './money';
import { DEFAULT_PATTERN, validateIban, validatePattern, validatePrefix, validateRuAccount, validateRuCorrAccount, validateTaxId } from './requisites';
import type { TaxKind } from './requisites';
import { InvoicesContext } from './invoices-context';
import { Problems, body, bool, isUuid, onlyKeys, text } from './input';

export type Country = 'UA' | 'RU';

const KEYS = [
  'name',
  'country',
  'legalForm',
  'taxId',
  'kpp',
  'vatPayer',
  'vatRate',
  'pricesIncludeVat',
  'iban',
  'bik',
  'account',
  'corrAccount',
  'bankName',
  'address',
  'signatory',
  'signatoryPosition',
  'numberPattern',
  'prefix',
  'isDefault',
  'logo',
] as const;

/** Legal forms whose tax id is a person's (РНОКПП / ИНН of 12 digits); other known forms are organisations. */
const INDIVIDUAL_FORMS = ['ФОП', 'ФЛП', 'СПД', 'ИП'];
const LEGAL_FORMS = ['ТОВ', 'ПП', 'АТ', 'ПАТ', 'ПрАТ', 'ДП', 'КП', 'ООО', 'АО', 'ПАО', 'НАО', 'ЗАО', 'ОАО', 'ТДВ', 'ОДО'];
/** Ukraine's standard VAT rate; Russian VAT payers must say theirs (20/22 %, or 5/7 % on УСН). */
const UA_DEFAULT_VAT = '20';
const MAX_LOGO_BYTES = 200 * 1024;
const LOGO_RE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;

export interface EntityRow {
  id: string;
  portal_id: string;
  name: string;
  country: Country;
  legal_form: string | null;
  tax_id: string;
  tax_id_type: string;
  kpp: string | null;
  vat_payer: boolean;
  vat_rate: string | null;
  prices_include_vat: boolean;
  iban: string | null;
  bik: string | null;
  account: string | null;
  corr_account: string | null;
  bank_name: string;
  address: string;
  signatory: string;
  signatory_position: string | null;
  number_pattern: string;
  prefix: string;
  logo: string | null;
  is_default: boolean;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const currencyOf = (country: Country): 'UAH' | 'RUB' => (country === 'RU' ? 'RUB' : 'UAH');
/** A stored numeric(5,2) rate ("20.00") → the API's percent string ("20"). */
export function rateText(v: string | null): string | null {
  if (v === null) return null;
  const r = parseRate(v);
  return r.ok ? formatRate(r.value) : v;
}
const rate = rateText;

/** The API shape of a legal entity (rates as percent strings: "20", "7.5"). */
export function entityView(e: EntityRow) {
  return {
    id: e.id,
    name: e.name,
    country: e.country,
    legalForm: e.legal_form,
    taxId: e.tax_id,
    taxIdType: e.tax_id_type,
    kpp: e.kpp,
    vatPayer: e.vat_payer,
    vatRate: e.vat_payer ? rate(e.vat_rate) : null,
    pricesIncludeVat: e.prices_include_vat,
    currency: currencyOf(e.country),
    iban: e.iban,
    bik: e.bik,
    account: e.account,
    corrAccount: e.corr_account,
    bankName: e.bank_name,
    address: e.address,
    signatory: e.signatory,
    signatoryPosition: e.signatory_position,
    numberPattern: e.number_pattern,
    prefix: e.prefix,
    logo: e.logo,
    isDefault: e.is_default,
    archived: e.archived_at !== null,
    archivedAt: e.archived_at ? new Date(e.archived_at).toISOString() : null,
    createdAt: new Date(e.created_at).toISOString(),
    updatedAt: new Date(e.updated_at).toISOString(),
  };
}

/** What an issued invoice keeps of its supplier: a frozen copy, so editing the entity never changes the invoice. */
export function supplierSnapshot(e: EntityRow) {
  const v = entityView(e);
  return {
    id: v.id,
    name: v.name,
    country: v.country,
    legalForm: v.legalForm,
    taxId: v.taxId,
    taxIdType: v.taxIdType,
    kpp: v.kpp,
    vatPayer: v.vatPayer,
    vatRate: v.vatRate,
    iban: v.iban,
    bik: v.bik,
    account: v.account,
    corrAccount: v.corrAccount,
    bankName: v.bankName,
    address: v.address,
    signatory: v.signatory,
    signatoryPosition: v.signatoryPosition,
    logo: v.logo,
  };
}

type Values = Record<string, unknown>;

function valuesOf(e: EntityRow): Values {
  return {
    name: e.name,
    country: e.country,
    legalForm: e.legal_form,
    taxId: e.tax_id,
    kpp: e.kpp,
    vatPayer: e.vat_payer,
    vatRate: e.vat_payer ? rate(e.vat_rate) : null,
    pricesIncludeVat: e.prices_include_vat,
    iban: e.iban,
    bik: e.bik,
    account: e.account,
    corrAccount: e.corr_account,
    bankName: e.bank_name,
    address: e.address,
    signatory: e.signatory,
    signatoryPosition: e.signatory_position,
    numberPattern: e.number_pattern,
    prefix: e.prefix,
    isDefault: e.is_default,
    logo: e.logo,
  };
}

/** The columns of a valid entity, in the order of the INSERT below. */
interface Columns {
  name: string;
  country: Country;
  legalForm: string | null;
  taxId: string;
  taxIdType: string;
  kpp: string | null;
  vatPayer: boolean;
  vatRate: string | null;
  pricesIncludeVat: boolean;
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
}

/**
 * Checks a whole entity (a new one, or an existing one with a patch applied), every problem naming its field:
 * tax id and bank accounts with their check digits, the VAT setting, the numbering pattern, the logo.
 */
export function validateEntity(v: Values, p: Problems): Columns | null {
  const name = text(v, 'name', 300, p, { required: true });
  const country = v['country'];
  if (country !== 'UA' && country !== 'RU') p.add('country', 'must be "UA" or "RU"');
  const legalForm = text(v, 'legalForm', 20, p);
  let kind: TaxKind | undefined;
  if (legalForm && INDIVIDUAL_FORMS.includes(legalForm)) kind = 'individual';
  else if (legalForm && LEGAL_FORMS.includes(legalForm)) kind = 'legal';

  let taxId = '';
  let taxIdType = '';
  if (v['taxId'] === undefined || v['taxId'] === null || v['taxId'] === '') p.add('taxId', 'is required');
  else if (typeof v['taxId'] !== 'string') p.add('taxId', 'must be a string of digits');
  else if (country === 'UA' || country === 'RU') {
    const r = validateTaxId(country, kind, v['taxId']);
    if (r.ok) [taxId, taxIdType] = [r.normalized, r.type];
    else p.add('taxId', kind ? `${r.message} (a ${legalForm} has the tax id of ${kind === 'individual' ? 'a person' : 'an organisation'})` : r.message);
  }

  let kpp = text(v, 'kpp', 9, p) ?? null;
  if (kpp !== null) {
    if (country !== 'RU') p.add('kpp', 'only Russian organisations have a КПП');
    else if (!/^\d{4}[0-9A-Z]{2}\d{3}$/.test(kpp)) p.add('kpp', 'must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits');
  }
  if (taxIdType === 'RU_INN_INDIVIDUAL' && kpp !== null) {
    p.add('kpp', 'an ИП has no КПП');
    kpp = null;
  }

  const vatPayer = v['vatPayer'];
  if (typeof vatPayer !== 'boolean') p.add('vatPayer', vatPayer === undefined || vatPayer === null ? 'is required (true or false)' : 'must be true or false');
  let vatRate: string | null = null;
  const rawRate = v['vatRate'];
  if (vatPayer === true) {
    if (rawRate === undefined || rawRate === null || rawRate === '') {
      if (country === 'UA') vatRate = UA_DEFAULT_VAT;
      else p.add('vatRate', 'is required for a Russian VAT payer (e.g. 20, 22, or 5 / 7 on УСН)');
    } else {
      const r = parseRate(rawRate, 'vatRate');
      if (r.ok) vatRate = formatRate(r.value);
      else p.add('vatRate', r.error);
    }
  } else if (vatPayer === false && rawRate !== undefined && rawRate !== null) {
    const r = parseRate(rawRate, 'vatRate');
    if (!r.ok || r.value !== 0n) p.add('vatRate', 'must be absent (or 0) when the entity is not a VAT payer');
  }
  const pricesIncludeVat = v['pricesIncludeVat'] ?? false;
  if (typeof pricesIncludeVat !== 'boolean') p.add('pricesIncludeVat', 'must be true or false');

  let iban: string | null = null;
  let bik: string | null = null;
  let account: string | null = null;
  let corrAccount: string | null = null;
  const given = (k: string) => v[k] !== undefined && v[k] !== null && v[k] !== '';
  if (country === 'UA') {
    for (const k of ['bik', 'account', 'corrAccount']) if (given(k)) p.add(k, 'is for Russian entities; a Ukrainian one has an IBAN');
    if (!given('iban')) p.add('iban', 'is required for a Ukrainian entity');
    else {
      const r = validateIban(v['iban'] as string);
      if (!r.ok) p.add('iban', r.message);
      else if (r.country !== 'UA') p.add('iban', `must be a Ukrainian IBAN (UA…), got one of ${r.country}`);
      else iban = r.normalized;
    }
  } else if (country === 'RU') {
    if (given('iban')) p.add('iban', 'is not used by Russian banks: give bik, account and corrAccount');
    for (const k of ['bik', 'account', 'corrAccount']) if (!given(k)) p.add(k, 'is required for a Russian entity');
    if (given('bik') && given('account')) {
      const r = validateRuAccount(v['bik'] as string, v['account'] as string);
      if (r.ok) [bik, account] = [r.bik, r.account];
      else p.add(r.field, r.message);
    }
    if (given('bik') && given('corrAccount')) {
      const r = validateRuCorrAccount(v['bik'] as string, v['corrAccount'] as string);
      if (r.ok) corrAccount = r.corrAccount;
      else if (!p.has(r.field)) p.add(r.field, r.message);
    }
  }

  const bankName = text(v, 'bankName', 300, p, { required: true });
  const address = text(v, 'address', 1000, p, { required: true });
  const signatory = text(v, 'signatory', 200, p, { required: true });
  const signatoryPosition = text(v, 'signatoryPosition', 200, p) ?? null;

  let numberPattern = DEFAULT_PATTERN;
  if (v['numberPattern'] !== undefined && v['numberPattern'] !== null) {
    if (typeof v['numberPattern'] !== 'string') p.add('numberPattern', 'must be a string');
    else {
      const r = validatePattern(v['numberPattern']);
      if (r.ok) numberPattern = v['numberPattern'];
      else p.add('numberPattern', r.message.replace(/^pattern/, 'numberPattern'));
    }
  }
  let prefix = 'INV';
  if (v['prefix'] !== undefined && v['prefix'] !== null) {
    if (typeof v['prefix'] !== 'string') p.add('prefix', 'must be a string');
    else {
      const r = validatePrefix(v['prefix']);
      if (r.ok) prefix = r.prefix;
      else p.add('prefix', r.message);
    }
  }

  let logo: string | null = null;
  if (v['logo'] !== undefined && v['logo'] !== null && v['logo'] !== '') {
    const m = typeof v['logo'] === 'string' ? LOGO_RE.exec(v['logo'].replace(/\s+/g, '')) : null;
    if (!m) p.add('logo', 'must be a data URL of a PNG or JPEG image: "data:image/png;base64,…"');
    else {
      const bytes = Buffer.from(m[2], 'base64');
      const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      if (bytes.length > MAX_LOGO_BYTES) p.add('logo', `must be at most ${MAX_LOGO_BYTES / 1024} KB`);
      else if (!(m[1] === 'png' ? isPng : isJpeg)) p.add('logo', `is not a ${m[1].toUpperCase()} image`);
      else logo = `data:image/${m[1]};base64,${m[2]}`;
    }
  }

  if (p.list.length) return null;
  return {
    name: name as string,
    country: country as Country,
    legalForm: legalForm ?? null,
    taxId,
    taxIdType,
    kpp,
    vatPayer: vatPayer as boolean,
    vatRate,
    pricesIncludeVat: (vatPayer as boolean) && (pricesIncludeVat as boolean),
    iban,
    bik,
    account,
    corrAccount,
    bankName: bankName as string,
    address: address as string,
    signatory: signatory as string,
    signatoryPosition,
    numberPattern,
    prefix,
    logo,
  };
}

/** The portal's own companies that issue invoices (admins manage them; everyone may read them to pick one). */
@Injectable()
export class LegalEntitiesService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: InvoicesContext,
  ) {}

  /** Serialises changes of the default entity on a portal (the partial unique index is the last guard). */
  private lockPortalEntities(portalId: string): Promise<unknown> {
    return this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`inv-entities:${portalId}`]);
  }

  async create(raw: unknown) {
    this.ctx.requireAdmin('manage legal entities');
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, KEYS, p);
    const isDefault = bool(b, 'isDefault', p);
    const c = validateEntity(b as Values, p);
    p.throwIfAny();
    const cols = c as Columns;
    const portalId = this.ctx.portalId();
    return this.db.transaction(async () => {
      await this.lockPortalEntities(portalId);
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM inv_legal_entities WHERE portal_id = $1 AND is_default`, [portalId]);
      // The first entity is the default; a new default takes over from the old one in this transaction.
      const makeDefault = isDefault === true || n === 0;
      if (makeDefault) await this.db.query(`UPDATE inv_legal_entities SET is_default = false, updated_at = clock_timestamp() WHERE portal_id = $1 AND is_default`, [portalId]);
      const [row] = await this.db.query<EntityRow>(
        `INSERT INTO inv_legal_entities (portal_id, name, country, legal_form, tax_id, tax_id_type, kpp, vat_payer, vat_rate, prices_include_vat, iban, bik, account,
           corr_account, bank_name, address, signatory, signatory_position, number_pattern, prefix, logo, is_default, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING *`,
        [portalId, ...this.params(cols), makeDefault, this.ctx.userIdOrNull()],
      );
      return entityView(row);
    });
  }

  private params(c: Columns): unknown[] {
    return [
      c.name,
      c.country,
      c.legalForm,
      c.taxId,
      c.taxIdType,
      c.kpp,
      c.vatPayer,
      c.vatRate,
      c.pricesIncludeVat,
      c.iban,
      c.bik,
      c.account,
      c.corrAccount,
      c.bankName,
      c.address,
      c.signatory,
      c.signatoryPosition,
      c.numberPattern,
      c.prefix,
      c.logo,
    ];
  }

  async list(q: Record<string, unknown>) {
    const archived = q['archived'] === 'true';
    const rows = await this.db.query<EntityRow>(
      `SELECT * FROM inv_legal_entities WHERE portal_id = $1 AND ($2::boolean OR archived_at IS NULL) ORDER BY is_default DESC, created_at, id`,
      [this.ctx.portalId(), archived],
    );
    return { items: rows.map(entityView), nextCursor: null };
  }

  async row(id: string, lock = false): Promise<EntityRow> {
    const [row] = isUuid(id) ? await this.db.query<EntityRow>(`SELECT * FROM inv_legal_entities WHERE portal_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [this.ctx.portalId(), id]) : [];
    if (!row) throw new NotFoundError('Legal entity', id);
    return row;
  }

  async get(id: string) {
    return entityView(await this.row(id));
  }

  /** The active default entity, or null when the portal has none. */
  async defaultEntity(): Promise<EntityRow | null> {
    const [row] = await this.db.query<EntityRow>(`SELECT * FROM inv_legal_entities WHERE portal_id = $1 AND is_default AND archived_at IS NULL`, [this.ctx.portalId()]);
    return row ?? null;
  }

  async update(id: string, raw: unknown) {
    this.ctx.requireAdmin('manage legal entities');
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, KEYS, p);
    const isDefault = bool(b, 'isDefault', p);
    p.throwIfAny();
    const portalId = this.ctx.portalId();
    return this.db.transaction(async () => {
      await this.lockPortalEntities(portalId);
      const cur = await this.row(id, true);
      if (cur.archived_at) throw new UnprocessableError('entity_archived', 'This legal entity is archived; archived entities cannot be changed');
      // A patch is applied to the whole entity and the result checked as a whole (country ↔ bank details, VAT ↔ rate).
      const merged = { ...valuesOf(cur), ...b } as Values;
      // Switching VAT off drops the stored rate unless the patch names one.
      if (b['vatPayer'] === false && !('vatRate' in b)) merged['vatRate'] = null;
      if (b['country'] !== undefined && b['country'] !== cur.country) {
        for (const k of ['iban', 'bik', 'account', 'corrAccount', 'kpp'] as const) if (!(k in b)) merged[k] = null;
      }
      const c = validateEntity(merged, p);
      p.throwIfAny();
      if (isDefault === false && cur.is_default) {
        throw new UnprocessableError('default_entity_required', 'A portal always has one default legal entity: make another entity the default instead', [{ field: 'isDefault' }]);
      }
      if (isDefault === true && !cur.is_default) await this.db.query(`UPDATE inv_legal_entities SET is_default = false, updated_at = clock_timestamp() WHERE portal_id = $1 AND is_default`, [portalId]);
      const [row] = await this.db.returning<EntityRow>(
        `UPDATE inv_legal_entities SET name = $3, country = $4, legal_form = $5, tax_id = $6, tax_id_type = $7, kpp = $8, vat_payer = $9, vat_rate = $10::numeric,
           prices_include_vat = $11, iban = $12, bik = $13, account = $14, corr_account = $15, bank_name = $16, address = $17, signatory = $18,
           signatory_position = $19, number_pattern = $20, prefix = $21, logo = $22, is_default = $23, updated_at = clock_timestamp()
         WHERE portal_id = $1 AND id = $2 RETURNING *`,
        [portalId, id, ...this.params(c as Columns), isDefault === true || cur.is_default],
      );
      return entityView(row);
    });
  }

  /**
   * Archives (never deletes: issued invoices point at it). Archiving the default hands the default to the oldest
   * remaining active entity, so a portal with entities always has exactly one default.
   */
  async archive(id: string) {
    this.ctx.requireAdmin('manage legal entities');
    const portalId = this.ctx.portalId();
    return this.db.transaction(async () => {
      await this.lockPortalEntities(portalId);
      const cur = await this.row(id, true);
      if (cur.archived_at) return entityView(cur);
      await this.db.query(`UPDATE inv_legal_entities SET archived_at = $3, is_default = false, updated_at = clock_timestamp() WHERE portal_id = $1 AND id = $2`, [portalId, id, this.ctx.now()]);
      if (cur.is_default) {
        await this.db.query(
          `UPDATE inv_legal_entities SET is_default = true, updated_at = clock_timestamp()
            WHERE id = (SELECT id FROM inv_legal_entities WHERE portal_id = $1 AND archived_at IS NULL ORDER BY created_at, id LIMIT 1)`,
          [portalId],
        );
      }
      return entityView(await this.row(id));
    });
  }
}
