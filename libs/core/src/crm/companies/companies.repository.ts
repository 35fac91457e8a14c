import { Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { Keyset } from '../../common/pagination';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { searchCondition } from '../duplicates/party-search';
import { CompanyEntity } from './company.entity';

export interface CompanyFilter {
  q?: string;
  tag?: string;
  responsibleId?: string;
  /** Already normalised. */
  taxId?: string;
}

@Injectable()
export class CompaniesRepository extends PortalScopedRepository<CompanyEntity> {
  protected readonly entity = CompanyEntity;
  protected readonly label = 'Company';

  /** One page (limit + 1 rows, to tell whether there is a next one), newest first, keyset over (created_at, id). */
  page(filter: CompanyFilter, country: CountryCode, limit: number, cursor: Keyset | null): Promise<CompanyEntity[]> {
    const qb = this.qb('c').orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1);
    if (filter.q?.trim()) {
      const { sql, params } = searchCondition('c', filter.q, country, { taxId: true });
      qb.andWhere(sql, params);
    }
    if (filter.tag?.trim()) qb.andWhere('EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE lower(t) = lower(:tag))', { tag: filter.tag.trim() });
    if (filter.responsibleId) qb.andWhere('c.responsible_id = :responsibleId', { responsibleId: filter.responsibleId });
    if (filter.taxId) qb.andWhere('c.tax_id = :taxId', { taxId: filter.taxId });
    if (cursor) qb.andWhere('(c.created_at, c.id) < (:at, :cid)', { at: cursor.at, cid: cursor.id });
    return qb.getMany();
  }

  findByIds(ids: string[]): Promise<CompanyEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.qb('c').andWhere('c.id IN (:...ids)', { ids }).getMany();
  }
}
