import { Injectable } from '@nestjs/common';
import { ValidationFailedError, unknownReference } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { UserEntity } from '../users/user.entity';
import { DepartmentEntity } from './department.entity';
import { CreateDepartmentDto, UpdateDepartmentDto } from './dto/department.dto';

@Injectable()
export class DepartmentsRepository extends PortalScopedRepository<DepartmentEntity> {
  protected readonly entity = DepartmentEntity;
  protected readonly label = 'Department';
}

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly departments: DepartmentsRepository,
    private readonly db: Db,
  ) {}

  list(): Promise<DepartmentEntity[]> {
    return this.departments.find({}, { name: 'ASC' });
  }

  get(id: string): Promise<DepartmentEntity> {
    return this.departments.get(id);
  }

  create(dto: CreateDepartmentDto): Promise<DepartmentEntity> {
    return this.db.transaction(async () => {
      await this.assertRefs(dto.headId, dto.parentId);
      return this.departments.insert({ name: dto.name.trim(), headId: dto.headId ?? null, parentId: dto.parentId ?? null });
    });
  }

  update(id: string, dto: UpdateDepartmentDto): Promise<DepartmentEntity> {
    return this.db.transaction(async () => {
      const d = await this.departments.getForUpdate(id);
      await this.assertRefs(dto.headId, dto.parentId);
      if (dto.parentId === id) throw ValidationFailedError.field('parentId', 'a department cannot be its own parent');
      if (dto.name !== undefined) d.name = dto.name.trim();
      if (dto.headId !== undefined) d.headId = dto.headId;
      if (dto.parentId !== undefined) d.parentId = dto.parentId;
      return this.departments.save(d);
    });
  }

  private async assertRefs(headId?: string | null, parentId?: string | null): Promise<void> {
    if (headId) {
      const head = await this.db.manager.getRepository(UserEntity).findOne({ where: { id: headId, portalId: RequestContext.portalId() } });
      if (!head || head.deletedAt) throw unknownReference('headId', 'User', headId);
    }
    if (parentId && !(await this.departments.findById(parentId))) throw unknownReference('parentId', 'Department', parentId);
  }

}
