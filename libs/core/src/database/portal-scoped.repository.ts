import { Injectable } from '@nestjs/common';
import { EntityTarget, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { Db } from './db';

/**
 * Base of every repository of tenant-owned rows: each read and write is scoped to the portal of the
 * request context here, once, so that one portal can never see or touch another's records.
 */
// @Injectable on the base class emits the constructor metadata its subclasses inherit for DI.
@Injectable()
export abstract class PortalScopedRepository<T extends ObjectLiteral & { id: string; portalId: string }> {
  protected abstract readonly entity: EntityTarget<T>;
  /** Human name used in 404 messages, e.g. "Deal". */
  protected abstract readonly label: string;

  constructor(protected readonly db: Db) {}

  protected get repo() {
    return this.db.manager.getRepository(this.entity);
  }

  protected get portalId(): string {
    return RequestContext.portalId();
  }

  /** A query builder already limited to the current portal. */
  qb(alias: string): SelectQueryBuilder<T> {
    return this.repo.createQueryBuilder(alias).where(`${alias}.portal_id = :portalId`, { portalId: this.portalId });
  }

  find(where: FindOptionsWhere<T> = {} as FindOptionsWhere<T>, order?: Record<string, 'ASC' | 'DESC'>): Promise<T[]> {
    return this.repo.find({ where: { ...where, portalId: this.portalId } as FindOptionsWhere<T>, order: order as never });
  }

  findOneBy(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repo.findOne({ where: { ...where, portalId: this.portalId } as FindOptionsWhere<T> });
  }

  async findById(id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    return this.findOneBy({ id } as FindOptionsWhere<T>);
  }

  async get(id: string): Promise<T> {
    const row = await this.findById(id);
    if (!row) throw new NotFoundError(this.label, id);
    return row;
  }

  /** Locks the row for the rest of the transaction (concurrent moves of one deal serialize). */
  async getForUpdate(id: string): Promise<T> {
    if (!isUuid(id)) throw new NotFoundError(this.label, id);
    const row = await this.qb('t').andWhere('t.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!row) throw new NotFoundError(this.label, id);
    return row;
  }

  async insert(values: Partial<T>): Promise<T> {
    const entity = this.repo.create({ ...values, portalId: this.portalId } as T);
    return this.repo.save(entity);
  }

  async save(entity: T): Promise<T> {
    if (entity.portalId !== this.portalId) throw new NotFoundError(this.label, entity.id);
    return this.repo.save(entity);
  }

  async update(id: string, values: Partial<T>): Promise<void> {
    await this.repo.update({ id, portalId: this.portalId } as FindOptionsWhere<T>, values as never);
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id, portalId: this.portalId } as FindOptionsWhere<T>);
  }
}
