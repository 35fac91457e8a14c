import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { CountryCode } from 'libphonenumber-js';
import { ValidationFailedError } from '../../common/errors';
import { normalizeEmail, normalizePhone, portalCountry } from '../../common/phone';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalsService } from '../../portal/portals.service';
import { DuplicateCandidate, DuplicateEntity, DuplicateKeys, DuplicateMatch, hasKeys, lockKeysOf, matchesOf } from './duplicate-match';
import { DuplicateError } from './duplicate.errors';
import { FindDuplicatesQuery } from './dto/find-duplicates.query';
import { normalizeTaxId } from './tax-id';

const TABLE: Record<DuplicateEntity, string> = { contact: 'contacts', company: 'companies' };
const MAX_MATCHES = 50;

/**
 * The duplicate finder of contacts and companies. Lookups go through the GIN indexes of `emails` and
 * `phones` (`&&`) and the (portal_id, tax_id) index — never a scan of the portal's records.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly db: Db,
    private readonly portals: PortalsService,
  ) {}

  /** The country national phone numbers and tax ids of the current portal are read in. */
  async country(): Promise<CountryCode> {
    const portal = await this.portals.get(RequestContext.portalId());
    return portalCountry(portal ?? { timezone: 'Europe/Kyiv', locale: 'uk' });
  }

  /** Records of `entity` (other than `excludeId`) sharing any of the normalised keys. */
  async find(entity: DuplicateEntity, keys: DuplicateKeys, excludeId?: string | null): Promise<DuplicateMatch[]> {
    const taxId = entity === 'company' ? (keys.taxId ?? null) : null;
    const scoped = { emails: keys.emails, phones: keys.phones, taxId };
    if (!hasKeys(scoped)) return [];
    const params: unknown[] = [RequestContext.portalId()];
    const param = (v: unknown) => `$${params.push(v)}`;
    const any: string[] = [];
    if (scoped.emails.length) any.push(`emails && ${param([...scoped.emails])}::text[]`);
    if (scoped.phones.length) any.push(`phones && ${param([...scoped.phones])}::text[]`);
    if (taxId) any.push(`tax_id = ${param(taxId)}`);
    const columns = entity === 'company' ? 'id, name, emails, phones, tax_id AS "taxId", created_at' : 'id, name, emails, phones, created_at';
    const exclude = excludeId && isUuid(excludeId) ? ` AND id <> ${param(excludeId)}` : '';
    // MATERIALIZED keeps ORDER BY … LIMIT from tempting the planner into walking the portal's list index
    // with a filter (a scan of every contact of the portal); inside, the GIN bitmap scans are cheapest.
    const sql =
      `WITH m AS MATERIALIZED (SELECT ${columns} FROM ${TABLE[entity]} WHERE portal_id = $1 AND (${any.join(' OR ')})${exclude}) ` +
      `SELECT * FROM m ORDER BY created_at, id LIMIT ${MAX_MATCHES}`;
    const rows = await this.db.query<DuplicateCandidate>(sql, params);
    return matchesOf(entity, rows, scoped);
  }

  /**
   * Inside the caller's transaction: locks every key (so a concurrent save of the same phone waits for
   * this one to commit), then refuses with 409 `duplicate` when another record already holds one.
   */
  async assertNone(entity: DuplicateEntity, keys: DuplicateKeys, excludeId?: string | null): Promise<void> {
    await this.lock(entity, keys);
    const matches = await this.find(entity, keys, excludeId);
    if (matches.length) throw new DuplicateError(matches);
  }

  /** Transaction-scoped advisory locks on the portal's normalised values, released at commit or rollback. */
  async lock(entity: DuplicateEntity, keys: DuplicateKeys): Promise<void> {
    if (!this.db.inTransaction) throw new Error('Duplicate locks are taken inside the saving transaction');
    const scoped = entity === 'company' ? keys : { ...keys, taxId: null };
    for (const key of lockKeysOf(RequestContext.portalId(), entity, scoped)) {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
    }
  }

  /** `GET /duplicates`: what the UI warns about before saving. Values are normalised as a save would. */
  async search(query: FindDuplicatesQuery): Promise<DuplicateMatch[]> {
    const country = await this.country();
    const problems: { field: string; message: string }[] = [];
    const emails: string[] = [];
    for (const raw of listOf(query.email, 'email', problems)) {
      const email = typeof raw === 'string' ? normalizeEmail(raw) : '';
      if (!email || !isEmail(email)) problems.push({ field: 'email', message: `"${String(raw)}" is not a valid e-mail address` });
      else emails.push(email);
    }
    const phones: string[] = [];
    for (const raw of listOf(query.phone, 'phone', problems)) {
      const phone = typeof raw === 'string' ? normalizePhone(raw, country) : null;
      if (!phone) problems.push({ field: 'phone', message: `"${String(raw)}" is not a valid phone number` });
      else phones.push(phone);
    }
    let taxId: string | null = null;
    const rawTax = listOf(query.taxId, 'taxId', problems);
    if (rawTax.length > 1) problems.push({ field: 'taxId', message: 'give one tax id' });
    else if (rawTax.length === 1) {
      const r = typeof rawTax[0] === 'string' ? normalizeTaxId(rawTax[0], country) : ({ ok: false, message: 'must be a string' } as const);
      if (r.ok) taxId = r.value;
      else problems.push({ field: 'taxId', message: r.message });
    }
    if (query.excludeId !== undefined && !isUuid(query.excludeId)) problems.push({ field: 'excludeId', message: 'excludeId must be a UUID' });
    if (problems.length) throw new ValidationFailedError(problems);
    const keys: DuplicateKeys = { emails, phones, taxId };
    const entities: DuplicateEntity[] = query.entity ? [query.entity] : ['contact', 'company'];
    const out: DuplicateMatch[] = [];
    for (const entity of entities) out.push(...(await this.find(entity, keys, query.excludeId)));
    return out;
  }
}

/** A query parameter given once or repeated (`?phone=a&phone=b`). */
function listOf(v: unknown, field: string, problems: { field: string; message: string }[]): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  const list = Array.isArray(v) ? v : [v];
  if (list.length > 20) problems.push({ field, message: `at most 20 values of ${field}` });
  return list.slice(0, 20);
}
