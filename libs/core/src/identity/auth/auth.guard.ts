import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, ForbiddenError } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { AuthUser, AuthUserCache } from './auth-user.cache';
import { TokenService } from './token.service';

/**
 * Global guard: resolves the bearer token to an active user and sets the request context's portal —
 * the single place where the tenant of a request is decided. The user is re-read on every request, so
 * deactivation and role changes take effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly db: Db,
    private readonly cache: AuthUserCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) throw new DomainError(401, 'unauthorized', 'A valid bearer token is required');
    const user = await this.activeUser(claims.sub, claims.portal);
    if (!user) throw new DomainError(401, 'unauthorized', 'This user can no longer sign in');
    const store = RequestContext.current();
    if (!store) throw new Error('Request context middleware is not installed');
    store.portalId = user.portalId;
    store.userId = user.id;
    store.roles = user.roles;
    if (user.sandbox) store.clockNow = await this.sandboxClock(user.portalId);
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
    if (required?.length && !user.roles.includes('admin') && !required.some((r) => user.roles.includes(r))) {
      throw new ForbiddenError(`This needs the role ${required.join(' or ')}`);
    }
    return true;
  }

  private async sandboxClock(portalId: string): Promise<Date | undefined> {
    const [row] = await this.db.dataSource.query<{ clock_now: Date | null }[]>(`SELECT clock_now FROM portals WHERE id = $1`, [portalId]);
    return row?.clock_now ?? undefined;
  }

  private async activeUser(id: string, portalId: string): Promise<AuthUser | null> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached && cached.portalId === portalId ? cached : null;
    // Plain SQL: this runs on every cache miss, and the ORM's query building costs more than the query.
    const [row] = await this.db.dataSource.query<{ id: string; portal_id: string; roles: string[]; sandbox: boolean }[]>(
      `SELECT u.id, u.portal_id, u.roles, p.sandbox FROM users u JOIN portals p ON p.id = u.portal_id
        WHERE u.id = $1 AND u.portal_id = $2 AND u.active AND u.deleted_at IS NULL`,
      [id, portalId],
    );
    const user = row ? { id: row.id, portalId: row.portal_id, roles: row.roles, sandbox: row.sandbox } : null;
    this.cache.set(id, user);
    return user;
  }
}
