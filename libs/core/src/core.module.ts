import { DynamicModule, Module, Type } from '@nestjs/common';
import { MixedList } from 'typeorm';
import { AppConfig } from './config/app-config';
import { TestClockListeners } from './common/test-clock-listeners';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { coreEntities } from './database/entities';
import { coreMigrations } from './database/migrations';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { CRM_MODULES } from './crm/crm.modules';
import { AutomationModule } from './automation/automation.module';
import { AUTOMATION_EXTENSIONS } from './automation/automation.types';
import { MarketplaceModule } from './marketplace/marketplace.module';
import { ExtensionsModule } from './extensions/extensions.module';
import { PLUGIN_CATALOG } from './marketplace/plugin-descriptor';
import { pluginSchemaMigrations } from './marketplace/plugin-schema';
import type { PluginDescriptor } from './marketplace/plugin-descriptor';
import type { AutomationExtensions } from './automation/automation.types';

export interface CoreOptions {
  config: AppConfig;
  /** Plugin entities and migrations join the core's in the one data source. */
  entities?: MixedList<Function>;
  migrations?: Function[];
  modules?: Type<unknown>[];
  /** Trigger, action and assignment-strategy types contributed by plugins. */
  automation?: AutomationExtensions[];
  /** The marketplace's catalog: every plugin this build knows. */
  plugins?: PluginDescriptor[];
}

@Module({ controllers: [HealthController] })
export class CoreModule {
  static forRoot(opts: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: AUTOMATION_EXTENSIONS, useValue: opts.automation ?? [] },
        { provide: PLUGIN_CATALOG, useValue: opts.plugins ?? [] },
        TestClockListeners,
      ],
      exports: [AUTOMATION_EXTENSIONS, PLUGIN_CATALOG, TestClockListeners],
      imports: [
        // Plugin modules first: Nest registers routes in module order, and a plugin's literal path
        // (GET /companies/lookup) must not be captured by a core parameter route (GET /companies/:id).
        ...((opts.plugins ?? []).map((p) => p.module).filter(Boolean) as Type<unknown>[]),
        AppConfigModule.forRoot(opts.config),
        DatabaseModule.forRoot({
          entities: [...coreEntities, ...((opts.entities as Function[]) ?? [])],
          migrations: [...coreMigrations, ...pluginSchemaMigrations(opts.plugins ?? []), ...(opts.migrations ?? [])],
        }),
        JobsModule,
        EventsModule,
        IdentityModule,
        ...CRM_MODULES,
        AutomationModule,
        MarketplaceModule,
        ExtensionsModule,
        ...(opts.modules ?? []),
      ],
    };
  }
}
