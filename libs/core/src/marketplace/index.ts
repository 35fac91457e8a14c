export type { PluginDescriptor, PluginSettingSpec } from './plugin-descriptor';
export { MarketplaceModule } from './marketplace.module';
export { MarketplaceService } from './marketplace.service';
export type { PlanStep } from './marketplace.service';
export { PluginInstalledGuard, PluginRoute } from './plugin-route.guard';
