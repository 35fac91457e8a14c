import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError, unknownReference } from '../../common/errors';
import { Page, decodeCursor, pageOf, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { UsersRepository } from '../../identity/users/users.repository';
import { CompaniesService } from '../companies/companies.service';
import { DuplicatesService } from '../duplicates/duplicates.service';
import { InputProblems, added, changedFieldCodes, changedKeys, normalizeEmails, normalizePhones, normalizeTags, optionalText, requiredText } from '../duplicates/party-input';
import { FieldValuesService } from '../fields/field-values.service';
import { TimelineService, TimelineView } from '../timeline/timeline.service';
import { ContactEntity } from './contact.entity';
import { ContactFilter, ContactsRepository } from './contacts.repository';
import { CreateContactDto } from './dto/create-contact.dto';
import { UpdateContactDto } from './dto/update-contact.dto';

export { ContactsRepository } from './contacts.repository';

export interface SaveOptions {
  /** Save even when another contact already has one of the e-mails or phones. */
  allowDuplicate?: boolean;
}

const TRACKED = ['name', 'emails', 'phones', 'position', 'companyId', 'responsibleId', 'tags'] as const;

/** Contacts: people the portal works with. Every write checks for duplicates (e-mail, phone) unless told not to. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly db: Db,
    private readonly companies: CompaniesService,
    private readonly users: UsersRepository,
    private readonly fieldValues: FieldValuesService,
    private readonly timeline: TimelineService,
    private readonly duplicates: DuplicatesService,
  ) {}

  /** Every id must be a contact of this portal; else 400 naming `field` (e.g. "contactIds[1]"). */
  async assertExist(ids: string[], field = 'contactIds'): Promise<void> {
    if (!ids.length) return;
    const bad = ids.findIndex((id) => !isUuid(id));
    if (bad >= 0) throw unknownReference(`${field}[${bad}]`, 'Contact', ids[bad]);
    const found = await this.contacts.qb('c').andWhere('c.id IN (:...ids)', { ids }).select('c.id').getMany();
    const have = new Set(found.map((c) => c.id));
    const missing = ids.findIndex((id) => !have.has(id));
    if (missing >= 0) throw unknownReference(`${field}[${missing}]`, 'Contact', ids[missing]);
  }

  /** 404 when the id is not a contact of this portal. */
  get(id: string): Promise<ContactEntity> {
    return this.contacts.get(id);
  }

  /** The contacts of this portal among `ids` (unknown ids are left out), in no particular order. */
  findByIds(ids: string[]): Promise<ContactEntity[]> {
    return this.contacts.findByIds(ids.filter(isUuid));
  }

  async list(query: ContactFilter & { limit?: unknown; cursor?: unknown }): Promise<Page<ContactEntity>> {
    const limit = parseLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    if (cursor && !isUuid(cursor.id)) throw ValidationFailedError.field('cursor', 'is not a cursor returned by this list');
    const country = await this.duplicates.country();
    const rows = await this.contacts.page(query, country, limit, cursor);
    return pageOf(rows, limit, (c) => c);
  }

  /** The contacts of a company (404 when the company is not of this portal). */
  async listOfCompany(companyId: string, query: { limit?: unknown; cursor?: unknown }): Promise<Page<ContactEntity>> {
    await this.companies.get(companyId);
    return this.list({ companyId, limit: query.limit, cursor: query.cursor });
  }

  /** The contact's history, newest first (404 when the contact is not of this portal). */
  async timelineOf(id: string, query: { limit?: unknown; cursor?: unknown; kind?: string }): Promise<Page<TimelineView>> {
    await this.contacts.get(id);
    return this.timeline.list('contact', id, query);
  }

  async create(dto: CreateContactDto, opts: SaveOptions = {}): Promise<ContactEntity> {
    const country = await this.duplicates.country();
    const problems = new InputProblems();
    const name = requiredText(dto.name, 'name', 300, problems);
    const emails = normalizeEmails(dto.emails, problems);
    const phones = normalizePhones(dto.phones, country, problems);
    const position = optionalText(dto.position, 'position', 200, problems);
    const tags = normalizeTags(dto.tags, problems);
    problems.throwIfAny();
    const companyId = dto.companyId ?? null;
    const responsibleId = dto.responsibleId === undefined ? (RequestContext.userId() ?? null) : dto.responsibleId;
    return this.db.transaction(async () => {
      await this.users.assertExist([responsibleId], 'responsibleId');
      await this.companies.assertExists(companyId, 'companyId');
      const fields = await this.fieldValues.normalize('contact', dto.fields, {}, { creating: true });
      if (!opts.allowDuplicate) await this.duplicates.assertNone('contact', { emails, phones });
      const contact = await this.contacts.insert({ name, emails, phones, position, companyId, responsibleId, fields, tags });
      await this.timeline.add('contact', contact.id, 'created', { name });
      return contact;
    });
  }

  async update(id: string, dto: UpdateContactDto, opts: SaveOptions = {}): Promise<ContactEntity> {
    const country = await this.duplicates.country();
    const problems = new InputProblems();
    const patch: Partial<ContactEntity> = {};
    if (dto.name !== undefined) patch.name = requiredText(dto.name, 'name', 300, problems);
    if (dto.emails !== undefined) patch.emails = normalizeEmails(dto.emails, problems);
    if (dto.phones !== undefined) patch.phones = normalizePhones(dto.phones, country, problems);
    if (dto.position !== undefined) patch.position = optionalText(dto.position, 'position', 200, problems);
    if (dto.tags !== undefined) patch.tags = normalizeTags(dto.tags, problems);
    if (dto.companyId !== undefined) patch.companyId = dto.companyId;
    if (dto.responsibleId !== undefined) patch.responsibleId = dto.responsibleId;
    problems.throwIfAny();
    return this.db.transaction(async () => {
      const before = await this.contacts.getForUpdate(id);
      if (patch.responsibleId) await this.users.assertExist([patch.responsibleId], 'responsibleId');
      if (patch.companyId) await this.companies.assertExists(patch.companyId, 'companyId');
      if (dto.fields !== undefined) patch.fields = await this.fieldValues.normalize('contact', dto.fields, before.fields ?? {});
      const after = { ...before, ...patch } as ContactEntity;
      if (!opts.allowDuplicate) {
        await this.duplicates.assertNone('contact', { emails: added(before.emails, after.emails), phones: added(before.phones, after.phones) }, id);
      }
      const keys = changedKeys(before, after, TRACKED);
      const codes = changedFieldCodes(before.fields ?? {}, after.fields ?? {});
      if (!keys.length && !codes.length) return before;
      await this.contacts.update(id, Object.fromEntries([...keys.map((k) => [k, after[k]]), ...(codes.length ? [['fields', after.fields]] : [])]));
      for (const k of keys) await this.timeline.add('contact', id, 'field_changed', { field: k, from: before[k], to: after[k] });
      for (const c of codes) await this.timeline.add('contact', id, 'field_changed', { field: `fields.${c}`, from: before.fields?.[c] ?? null, to: after.fields?.[c] ?? null });
      return this.contacts.get(id);
    });
  }

  /** Admins and the contact's responsible user may delete it; its deal links go with it. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const contact = await this.contacts.getForUpdate(id);
      if (!RequestContext.hasRole('admin') && contact.responsibleId !== RequestContext.userId()) {
        throw new ForbiddenError('Only an admin or the responsible user can delete this contact');
      }
      await this.contacts.delete(id);
    });
  }
}
