import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../identity/auth/auth.decorators';
import { TokenService } from '../identity/auth/token.service';
import { userView } from '../identity/users/user.view';
import { CreatePortalDto } from './dto/create-portal.dto';
import { PortalsService } from './portals.service';

@ApiTags('portals')
@Controller('portals')
export class PortalsController {
  constructor(
    private readonly portals: PortalsService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreatePortalDto) {
    const { portal, admin } = await this.portals.create(dto);
    return {
      id: portal.id,
      slug: portal.slug,
      name: portal.name,
      locale: portal.locale,
      timezone: portal.timezone,
      sandbox: portal.sandbox,
      accessToken: this.tokens.issue({ sub: admin.id, portal: portal.id }),
      user: userView(admin),
    };
  }
}
