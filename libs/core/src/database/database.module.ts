import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, MixedList } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { embeddedDirFor, openDatabase } from './data-source.factory';
import type { OpenDatabase } from './data-source.factory';
import { Db } from './db';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(OPEN_DATABASE) private readonly open: OpenDatabase) {}

  static forRoot(opts: { entities: MixedList<Function>; migrations: MixedList<Function> }): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: OPEN_DATABASE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            openDatabase({
              databaseUrl: config.databaseUrl,
              embeddedDir: embeddedDirFor(config.dataDir),
              entities: opts.entities,
              migrations: opts.migrations,
            }),
        },
        { provide: DataSource, inject: [OPEN_DATABASE], useFactory: (o: OpenDatabase) => o.dataSource },
        Db,
      ],
      exports: [OPEN_DATABASE, DataSource, Db],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.open.close();
  }
}
