import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { PortalsService } from '../../portal/portals.service';
import { UserEntity } from '../users/user.entity';
import { userView } from '../users/user.view';
import { Public } from './auth.decorators';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { TokenService } from './token.service';

// Compared against when the account does not exist, so timing does not reveal which e-mails exist.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.5Q0Gk1d7oPqkz1Xk3G6Q4u0mN4lC';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly portals: PortalsService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly db: Db,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request) {
    const email = dto.email.trim().toLowerCase();
    const accountKey = `acct:${dto.portal.toLowerCase()}:${email}`;
    const addressKey = `ip:${req.ip ?? 'unknown'}`;
    await this.throttle.assertAllowed(accountKey, addressKey);
    const portal = await this.portals.findBySlug(dto.portal);
    const user = portal
      ? await this.db.manager
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .where('u.portal_id = :p AND lower(u.email) = :e AND u.deleted_at IS NULL', { p: portal.id, e: email })
          .getOne()
      : null;
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!portal || !user || !ok) {
      await this.throttle.recordFailure(accountKey, addressKey);
      throw new DomainError(401, 'invalid_credentials', 'The portal, e-mail or password is wrong');
    }
    if (!user.active) throw new DomainError(401, 'invalid_credentials', 'This user is deactivated');
    await this.throttle.reset(accountKey);
    return { accessToken: this.tokens.issue({ sub: user.id, portal: portal.id }), user: { ...userView(user), portal: { id: portal.id, slug: portal.slug } } };
  }

  @ApiBearerAuth()
  @Get('me')
  async me() {
    const user = await this.db.manager.getRepository(UserEntity).findOneOrFail({ where: { id: RequestContext.userId(), portalId: RequestContext.portalId() } });
    const portal = await this.portals.get(user.portalId);
    return { ...userView(user), portal: portal && { id: portal.id, slug: portal.slug, name: portal.name, locale: portal.locale, timezone: portal.timezone, sandbox: portal.sandbox } };
  }
}
