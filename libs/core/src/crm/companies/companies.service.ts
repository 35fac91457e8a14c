import { Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { ForbiddenError, ValidationFailedError, unknownReference } from '../../common/errors';
import { Page, decodeCursor, pageOf, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { UsersRepository } from '../../identity/users/users.repository';
import { DuplicatesService } from '../duplicates/duplicates.service';
import {
  InputProblems,
  added,
  changedFieldCodes,
  changedKeys,
  normalizeEmails,
  normalizePhones,
  normalizeTags,
  normalizeWeb,
  optionalText,
  requiredText,
} from '../duplicates/party-input';
import { normalizeTaxId } from '../duplicates/tax-id';
import { FieldValuesService } from '../fields/field-values.service';
import { TimelineService, TimelineView } from '../timeline/timeline.service';
import { CompaniesRepository, CompanyFilter } from './companies.repository';
import { CompanyEntity } from './company.entity';
import { CreateCompanyDto } from './dto/create-company.dto';
import { UpdateCompanyDto } from './dto/update-company.dto';

export { CompaniesRepository } from './companies.repository';

export interface SaveOptions {
  /** Save even when another company already has the tax id or one of the e-mails or phones. */
  allowDuplicate?: boolean;
}

const TRACKED = ['name', 'taxId', 'emails', 'phones', 'web', 'address', 'responsibleId', 'tags'] as const;

/** Companies: the organisations contacts work for. Every write checks for duplicates (tax id, e-mail, phone) unless told not to. */
@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly fieldValues: FieldValuesService,
    private readonly timeline: TimelineService,
    private readonly duplicates: DuplicatesService,
  ) {}

  /** The id must be a company of this portal; else 400 naming `field`. */
  async assertExists(id: string | null | undefined, field = 'companyId'): Promise<void> {
    if (!id) return;
    if (!(await this.companies.findById(id))) throw unknownReference(field, 'Company', id);
  }

  /** 404 when the id is not a company of this portal. */
  get(id: string): Promise<CompanyEntity> {
    return this.companies.get(id);
  }

  /** The companies of this portal among `ids` (unknown ids are left out), in no particular order. */
  findByIds(ids: string[]): Promise<CompanyEntity[]> {
    return this.companies.findByIds(ids.filter(isUuid));
  }

  async list(query: Omit<CompanyFilter, 'taxId'> & { taxId?: string; limit?: unknown; cursor?: unknown }): Promise<Page<CompanyEntity>> {
    const limit = parseLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    if (cursor && !isUuid(cursor.id)) throw ValidationFailedError.field('cursor', 'is not a cursor returned by this list');
    const country = await this.duplicates.country();
    const taxId = query.taxId?.trim() ? query.taxId.replace(/\s+/g, '').toUpperCase() : undefined;
    const rows = await this.companies.page({ q: query.q, tag: query.tag, responsibleId: query.responsibleId, taxId }, country, limit, cursor);
    return pageOf(rows, limit, (c) => c);
  }

  /** The company's history, newest first (404 when the company is not of this portal). */
  async timelineOf(id: string, query: { limit?: unknown; cursor?: unknown; kind?: string }): Promise<Page<TimelineView>> {
    await this.companies.get(id);
    return this.timeline.list('company', id, query);
  }

  async create(dto: CreateCompanyDto, opts: SaveOptions = {}): Promise<CompanyEntity> {
    const country = await this.duplicates.country();
    const problems = new InputProblems();
    const name = requiredText(dto.name, 'name', 300, problems);
    const taxId = taxIdOf(dto.taxId, country, problems);
    const emails = normalizeEmails(dto.emails, problems);
    const phones = normalizePhones(dto.phones, country, problems);
    const web = normalizeWeb(dto.web, problems);
    const address = optionalText(dto.address, 'address', 1000, problems);
    const tags = normalizeTags(dto.tags, problems);
    problems.throwIfAny();
    const responsibleId = dto.responsibleId === undefined ? (RequestContext.userId() ?? null) : dto.responsibleId;
    return this.db.transaction(async () => {
      await this.users.assertExist([responsibleId], 'responsibleId');
      const fields = await this.fieldValues.normalize('company', dto.fields, {}, { creating: true });
      if (!opts.allowDuplicate) await this.duplicates.assertNone('company', { emails, phones, taxId });
      const company = await this.companies.insert({ name, taxId, emails, phones, web, address, responsibleId, fields, tags });
      await this.timeline.add('company', company.id, 'created', { name });
      return company;
    });
  }

  async update(id: string, dto: UpdateCompanyDto, opts: SaveOptions = {}): Promise<CompanyEntity> {
    const country = await this.duplicates.country();
    const problems = new InputProblems();
    const patch: Partial<CompanyEntity> = {};
    if (dto.name !== undefined) patch.name = requiredText(dto.name, 'name', 300, problems);
    if (dto.taxId !== undefined) patch.taxId = taxIdOf(dto.taxId, country, problems);
    if (dto.emails !== undefined) patch.emails = normalizeEmails(dto.emails, problems);
    if (dto.phones !== undefined) patch.phones = normalizePhones(dto.phones, country, problems);
    if (dto.web !== undefined) patch.web = normalizeWeb(dto.web, problems);
    if (dto.address !== undefined) patch.address = optionalText(dto.address, 'address', 1000, problems);
    if (dto.tags !== undefined) patch.tags = normalizeTags(dto.tags, problems);
    if (dto.responsibleId !== undefined) patch.responsibleId = dto.responsibleId;
    problems.throwIfAny();
    return this.db.transaction(async () => {
      const before = await this.companies.getForUpdate(id);
      if (patch.responsibleId) await this.users.assertExist([patch.responsibleId], 'responsibleId');
      if (dto.fields !== undefined) patch.fields = await this.fieldValues.normalize('company', dto.fields, before.fields ?? {});
      const after = { ...before, ...patch } as CompanyEntity;
      if (!opts.allowDuplicate) {
        const taxId = after.taxId && after.taxId !== before.taxId ? after.taxId : null;
        await this.duplicates.assertNone('company', { emails: added(before.emails, after.emails), phones: added(before.phones, after.phones), taxId }, id);
      }
      const keys = changedKeys(before, after, TRACKED);
      const codes = changedFieldCodes(before.fields ?? {}, after.fields ?? {});
      if (!keys.length && !codes.length) return before;
      await this.companies.update(id, Object.fromEntries([...keys.map((k) => [k, after[k]]), ...(codes.length ? [['fields', after.fields]] : [])]));
      for (const k of keys) await this.timeline.add('company', id, 'field_changed', { field: k, from: before[k], to: after[k] });
      for (const c of codes) await this.timeline.add('company', id, 'field_changed', { field: `fields.${c}`, from: before.fields?.[c] ?? null, to: after.fields?.[c] ?? null });
      return this.companies.get(id);
    });
  }

  /** Admins and the company's responsible user may delete it; its contacts and deals stay, unlinked (FK ON DELETE SET NULL). */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const company = await this.companies.getForUpdate(id);
      if (!RequestContext.hasRole('admin') && company.responsibleId !== RequestContext.userId()) {
        throw new ForbiddenError('Only an admin or the responsible user can delete this company');
      }
      await this.companies.delete(id);
    });
  }
}

function taxIdOf(raw: string | null | undefined, country: CountryCode, problems: InputProblems): string | null {
  if (raw === null || raw === undefined || !raw.trim()) return null;
  const r = normalizeTaxId(raw, country);
  if (r.ok) return r.value;
  problems.add('taxId', `taxId ${r.message}`);
  return null;
}
