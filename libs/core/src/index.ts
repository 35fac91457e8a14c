export * from './bootstrap';
export * from './config/app-config';
export * from './core.module';
export * from './automation';
export * from './marketplace';
export * from './plugin-api';
export * from './crm/assignment';
export type * from './extensions/extension-points';
