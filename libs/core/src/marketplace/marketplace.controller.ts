import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/auth/auth.decorators';
import { MarketplaceService } from './marketplace.service';

@ApiTags('marketplace')
@ApiBearerAuth()
@Controller('marketplace')
export class MarketplaceController {
  constructor(private readonly marketplace: MarketplaceService) {}

  @Get()
  @ApiOperation({ summary: 'The plugins available to this portal, with their installed state' })
  list() {
    return this.marketplace.list();
  }

  @Post(':id/install')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Install with dependencies, in one transaction, never touching what the portal owns; ?dryRun=true returns the plan' })
  install(@Param('id') id: string, @Query('dryRun') dryRun?: string) {
    return this.marketplace.install(id, { dryRun: dryRun === 'true' || dryRun === '1' });
  }

  @Post(':id/uninstall')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the plugin and keep its data (pipelines archived, rules disabled) unless ?purge=true; 409 while a dependent is installed' })
  uninstall(@Param('id') id: string, @Query('purge') purge?: string) {
    return this.marketplace.uninstall(id, { purge: purge === 'true' || purge === '1' });
  }

  @Get(':id/settings')
  @Roles('admin')
  settings(@Param('id') id: string) {
    return this.marketplace.settings(id);
  }

  @Patch(':id/settings')
  @Roles('admin')
  updateSettings(@Param('id') id: string, @Body() body: unknown) {
    return this.marketplace.updateSettings(id, body);
  }
}
