import { Injectable } from '@nestjs/common';
import { NotFoundError, unknownReference } from '../../common/errors';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { AbsenceEntity } from './absence.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository extends PortalScopedRepository<UserEntity> {
  protected readonly entity = UserEntity;
  protected readonly label = 'User';

  /** Deleted users are gone for the API (their history keeps their id). */
  override async get(id: string): Promise<UserEntity> {
    const u = await this.findById(id);
    if (!u || u.deletedAt) throw new NotFoundError(this.label, id);
    return u;
  }

  /** Checks that every id is a live user of this portal; names the field when one is not. */
  async assertExist(ids: (string | null | undefined)[], field: string): Promise<void> {
    for (const id of ids) {
      if (!id) continue;
      const u = await this.findById(id);
      if (!u || u.deletedAt || !u.active) throw unknownReference(field, 'Active user', id);
    }
  }
}

@Injectable()
export class AbsencesRepository extends PortalScopedRepository<AbsenceEntity> {
  protected readonly entity = AbsenceEntity;
  protected readonly label = 'Absence';
}
