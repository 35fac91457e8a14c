export * from './bootstrap';
export * from './config/app-config';
export * from './core.module';
export * from './automation';
export * from './marketplace';
