export * from './lib/contributions';
export * from './lib/host';
export * from './lib/registry';
export * from './lib/plugin-outlet.component';
export * from './lib/plugin-widgets.component';
export * from './lib/plugin-route';
export * from './lib/zoned-dates';
