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
}
