import { Injectable } from '@nestjs/common';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { FieldDefEntity } from './field-def.entity';

@Injectable()
export class FieldDefsRepository extends PortalScopedRepository<FieldDefEntity> {
  protected readonly entity = FieldDefEntity;
  protected readonly label = 'Field';
}
