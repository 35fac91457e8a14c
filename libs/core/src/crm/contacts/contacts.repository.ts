import { Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { Keyset } from '../../common/pagination';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { searchCondition } from '../duplicates/party-search';
import { ContactEntity } from './contact.entity';

export interface ContactFilter {
  q?: string;
  tag?: string;
  responsibleId?: string;
  companyId?: string;
}

@Injectable()
export class ContactsRepository extends PortalScopedRepository<ContactEntity> {
  protected readonly entity = ContactEntity;
  protected readonly label = 'Contact';

  /** One page (limit + 1 rows, to tell whether there is a next one), newest first, keyset over (created_at, id). */
  page(filter: ContactFilter, country: CountryCode, limit: number, cursor: Keyset | null): Promise<ContactEntity[]> {
    const qb = this.qb('c').orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1);
    if (filter.q?.trim()) {
      const { sql, params } = searchCondition('c', filter.q, country, { taxId: false });
      qb.andWhere(sql, params);
    }
    if (filter.tag?.trim()) qb.andWhere('EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE lower(t) = lower(:tag))', { tag: filter.tag.trim() });
    if (filter.responsibleId) qb.andWhere('c.responsible_id = :responsibleId', { responsibleId: filter.responsibleId });
    if (filter.companyId) qb.andWhere('c.company_id = :companyId', { companyId: filter.companyId });
    if (cursor) qb.andWhere('(c.created_at, c.id) < (:at, :cid)', { at: cursor.at, cid: cursor.id });
    return qb.getMany();
  }

  findByIds(ids: string[]): Promise<ContactEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.qb('c').andWhere('c.id IN (:...ids)', { ids }).getMany();
  }
}
