import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { ConflictError, DomainError, ForbiddenError, ValidationFailedError, unknownReference } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { AuthUserCache } from '../auth/auth-user.cache';
import { hashPassword } from '../auth/passwords';
import { DepartmentsRepository } from '../departments/departments.service';
import { AbsenceEntity } from './absence.entity';
import { CreateAbsenceDto, CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { AbsencesRepository, UsersRepository } from './users.repository';
import { UserEntity } from './user.entity';

/** Tables whose owner column moves to the receiving user when a user is deleted. */
const OWNED: { table: string; column: string }[] = [
  { table: 'deals', column: 'responsible_id' },
  { table: 'tasks', column: 'assignee_id' },
  { table: 'contacts', column: 'responsible_id' },
  { table: 'companies', column: 'responsible_id' },
];

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly absences: AbsencesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly db: Db,
    private readonly authCache: AuthUserCache,
    private readonly clock: Clock,
  ) {}

  list(query: { active?: string; departmentId?: string; role?: string; q?: string }): Promise<UserEntity[]> {
    const qb = this.users.qb('u').andWhere('u.deleted_at IS NULL').orderBy('u.name', 'ASC');
    if (query.active === 'true' || query.active === 'false') qb.andWhere('u.active = :a', { a: query.active === 'true' });
    if (query.departmentId) {
      if (!isUuid(query.departmentId)) throw ValidationFailedError.field('departmentId', 'must be a UUID');
      qb.andWhere('u.department_id = :d', { d: query.departmentId });
    }
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.q) qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${query.q}%` });
    return qb.getMany();
  }

  get(id: string): Promise<UserEntity> {
    return this.users.get(id);
  }

  async create(dto: CreateUserDto): Promise<UserEntity> {
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async () => {
      if (dto.departmentId && !(await this.departments.findById(dto.departmentId))) throw unknownReference('departmentId', 'Department', dto.departmentId);
      await this.assertEmailFree(dto.email);
      return this.users.insert({
        email: dto.email.trim().toLowerCase(),
        name: dto.name.trim(),
        passwordHash,
        roles: [...new Set(dto.roles)],
        departmentId: dto.departmentId ?? null,
        locale: dto.locale ?? null,
        active: true,
        deletedAt: null,
      });
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserEntity> {
    const isAdmin = RequestContext.hasRole('admin');
    const isSelf = RequestContext.userId() === id;
    const adminOnly = dto.roles !== undefined || dto.active !== undefined || dto.departmentId !== undefined || dto.email !== undefined;
    if (!isAdmin && (!isSelf || adminOnly)) throw new ForbiddenError('Only an admin can change this user');
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    // Dropped after the commit, so a request in between cannot cache the old state again.
    return this.afterCommitForget(id, () => this.db.transaction(async () => {
      const user = await this.users.getForUpdate(id);
      if (user.deletedAt) throw new DomainError(404, 'not_found', `User ${id} not found`);
      if (dto.departmentId && !(await this.departments.findById(dto.departmentId))) throw unknownReference('departmentId', 'Department', dto.departmentId);
      if (dto.email && dto.email.toLowerCase() !== user.email) await this.assertEmailFree(dto.email);
      if (isSelf && (dto.active === false || (dto.roles && !dto.roles.includes('admin') && user.roles.includes('admin')))) {
        await this.assertAnotherAdmin(id);
      }
      if (dto.name !== undefined) user.name = dto.name.trim();
      if (dto.email !== undefined) user.email = dto.email.trim().toLowerCase();
      if (dto.roles !== undefined) user.roles = [...new Set(dto.roles)];
      if (dto.departmentId !== undefined) user.departmentId = dto.departmentId;
      if (dto.active !== undefined) user.active = dto.active;
      if (dto.locale !== undefined) user.locale = dto.locale;
      if (passwordHash) user.passwordHash = passwordHash;
      return this.users.save(user);
    }));
  }

  /** Deletes a user after handing their deals, tasks, contacts and companies to `transferTo`. */
  async remove(id: string, transferTo: string | undefined): Promise<{ transferred: Record<string, number> }> {
    if (!transferTo) throw ValidationFailedError.field('transferTo', 'name the user who receives the deals, tasks, contacts and companies');
    if (transferTo === id) throw ValidationFailedError.field('transferTo', 'must be another user');
    return this.afterCommitForget(id, () => this.db.transaction(async (em) => {
      const user = await this.users.get(id);
      await this.users.assertExist([transferTo], 'transferTo');
      if (user.roles.includes('admin')) await this.assertAnotherAdmin(id);
      const transferred: Record<string, number> = {};
      const portalId = RequestContext.portalId();
      for (const { table, column } of OWNED) {
        const [, count] = await em.query(`UPDATE ${table} SET ${column} = $1 WHERE portal_id = $2 AND ${column} = $3`, [transferTo, portalId, id]);
        transferred[table] = Number(count ?? 0);
      }
      await em.query(`UPDATE departments SET head_id = NULL WHERE portal_id = $1 AND head_id = $2`, [portalId, id]);
      await this.users.update(id, { deletedAt: this.clock.now(), active: false } as Partial<UserEntity>);
      return { transferred };
    }));
  }

  private async afterCommitForget<T>(userId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.authCache.invalidate(userId);
    }
  }

  async addAbsence(userId: string, dto: CreateAbsenceDto): Promise<AbsenceEntity> {
    if (dto.to < dto.from) throw ValidationFailedError.field('to', 'must not be before from');
    return this.db.transaction(async () => {
      await this.users.get(userId);
      return this.absences.insert({ userId, from: dto.from.slice(0, 10), to: dto.to.slice(0, 10), reason: dto.reason.trim() });
    });
  }

  async listAbsences(userId?: string): Promise<AbsenceEntity[]> {
    if (userId) await this.users.get(userId);
    const qb = this.absences.qb('a').orderBy('a.from', 'ASC');
    if (userId) qb.andWhere('a.user_id = :u', { u: userId });
    return qb.getMany();
  }

  async removeAbsence(userId: string, absenceId: string): Promise<void> {
    const a = await this.absences.get(absenceId);
    if (a.userId !== userId) throw new DomainError(404, 'not_found', `Absence ${absenceId} not found`);
    await this.absences.delete(absenceId);
  }

  private async assertEmailFree(email: string): Promise<void> {
    const taken = await this.users.qb('u').andWhere('lower(u.email) = lower(:e) AND u.deleted_at IS NULL', { e: email.trim() }).getCount();
    if (taken) throw new ConflictError('email_taken', `A user with e-mail ${email} already exists`, [{ field: 'email' }]);
  }

  private async assertAnotherAdmin(id: string): Promise<void> {
    const others = await this.users
      .qb('u')
      .andWhere(`'admin' = ANY(u.roles) AND u.active AND u.deleted_at IS NULL AND u.id <> :id`, { id })
      .getCount();
    if (!others) throw new ConflictError('last_admin', 'The portal must keep at least one active admin');
  }
}
