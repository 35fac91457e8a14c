import { Injectable } from '@nestjs/common';
import { unknownReference } from '../../common/errors';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { CompanyEntity } from './company.entity';

@Injectable()
export class CompaniesRepository extends PortalScopedRepository<CompanyEntity> {
  protected readonly entity = CompanyEntity;
  protected readonly label = 'Company';
}

@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    private readonly db: Db,
  ) {}

  /** The id must be a company of this portal; else 400 naming `field`. */
  async assertExists(id: string | null | undefined, field = 'companyId'): Promise<void> {
    if (!id) return;
    if (!(await this.companies.findById(id))) throw unknownReference(field, 'Company', id);
  }
}
