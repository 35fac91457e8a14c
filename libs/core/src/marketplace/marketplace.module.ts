import { Global, Module } from '@nestjs/common';
import { MarketplaceController } from './marketplace.controller';
import { MarketplaceService } from './marketplace.service';
import { PluginInstallations } from './plugin-installations';
import { InstallProgress } from './install-progress';
import { PluginDemoContextFactory } from './plugin-demo';
import { PluginInstalledGuard } from './plugin-route.guard';
import { PluginServices } from './plugin-services';

/** The plugin host: catalog, install/uninstall, settings, and the guard of plugins' own routes. */
@Global()
@Module({
  controllers: [MarketplaceController],
  providers: [MarketplaceService, PluginInstalledGuard, PluginInstallations, InstallProgress, PluginDemoContextFactory, PluginServices],
  exports: [MarketplaceService, PluginInstalledGuard, PluginInstallations, PluginServices],
})
export class MarketplaceModule {}
