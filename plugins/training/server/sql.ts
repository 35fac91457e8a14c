/**
 * SQL as the plugin's code runs it, whether from its Nest services (the SDK's PluginDatabase) or from the manifest's
 * hooks (the host's `ctx.query`, in the install transaction or the refused request): one small interface, so the
 * content store and the hooks share every query.
 */
export type QueryFn = (sql: string, params?: unknown[]) => Promise<any>;

export interface Sql {
  /** Rows of a SELECT or INSERT … RETURNING. */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows of an UPDATE / DELETE … RETURNING (TypeORM hands those back as [rows, count]). */
  returning<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

const rowsOf = (result: unknown): any[] =>
  Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : Array.isArray(result) ? result : [];

export function sqlOf(fn: QueryFn): Sql {
  return {
    query: async (sql, params = []) => rowsOf(await fn(sql, params)),
    returning: async (sql, params = []) => rowsOf(await fn(sql, params)),
  };
}

export { isUuid } from '@portal/plugin-sdk';
