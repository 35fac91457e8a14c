import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../common/request-context';

/**
 * The one way domain code reaches the database. `manager` is the open transaction's manager when there
 * is one (so nothing deadlocks on the single embedded connection), and `transaction` joins an open one
 * instead of nesting: a use case and everything it calls commit together or not at all.
 */
@Injectable()
export class Db {
  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return RequestContext.current()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return !!RequestContext.current()?.manager;
  }

  async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const ctx = RequestContext.current();
    if (ctx?.manager) return fn(ctx.manager);
    return this.dataSource.transaction(async (em) => RequestContext.run({ ...(ctx ?? {}), manager: em }, () => fn(em)));
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, params);
  }

  /**
   * The rows of an UPDATE/DELETE … RETURNING (TypeORM hands those back as [rows, count]). `outside` runs on
   * the pool, outside any open transaction.
   */
  async returning<T = any>(sql: string, params: unknown[] = [], outside = false): Promise<T[]> {
    const result = await (outside ? this.dataSource.manager : this.manager).query(sql, params);
    return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
  }
}
