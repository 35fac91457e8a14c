import { CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NotFoundError } from '../common/errors';
import { MarketplaceService } from './marketplace.service';

const PLUGIN_ROUTE = 'plugin-route';

/** A plugin's own routes answer 404 `plugin_not_installed` on portals that have not installed it. */
@Injectable()
export class PluginInstalledGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly marketplace: MarketplaceService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const pluginId = this.reflector.getAllAndOverride<string>(PLUGIN_ROUTE, [ctx.getHandler(), ctx.getClass()]);
    if (!pluginId) return true;
    if (!(await this.marketplace.isInstalled(pluginId))) throw new NotFoundError('Plugin', pluginId, 'plugin_not_installed');
    return true;
  }
}

/** Marks a controller (or a handler) as belonging to a plugin. */
export const PluginRoute = (pluginId: string) => applyDecorators(SetMetadata(PLUGIN_ROUTE, pluginId), UseGuards(PluginInstalledGuard));
