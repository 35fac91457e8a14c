import { Injectable } from '@nestjs/common';
import { unknownReference } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { ContactEntity } from './contact.entity';

@Injectable()
export class ContactsRepository extends PortalScopedRepository<ContactEntity> {
  protected readonly entity = ContactEntity;
  protected readonly label = 'Contact';
}

@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly db: Db,
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
}
