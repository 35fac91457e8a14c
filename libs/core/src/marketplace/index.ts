export { manifestProblems } from './plugin-descriptor';
export type { PluginBase, PluginDataContext, PluginDataMigration, PluginDemoContext, PluginDescriptor, PluginSchemaMigration, PluginSettingSpec, PluginQueryContext, StageRefusal, RefusalHelp } from './plugin-descriptor';
export { MarketplaceModule } from './marketplace.module';
export { MarketplaceService } from './marketplace.service';
export type { PlanStep } from './marketplace.service';
export { PluginInstalledGuard, PluginRoute } from './plugin-route.guard';
export { loadPluginPackages } from './plugin-packages';
