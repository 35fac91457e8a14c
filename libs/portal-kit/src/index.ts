export * from './lib/contributions';
export * from './lib/host';
export * from './lib/registry';
export * from './lib/plugin-outlet.component';
export * from './lib/plugin-widgets.component';
export * from './lib/plugin-route';
// Also at @portal/portal-kit/dates, without Angular (for logic that plugins' server-side specs import).
export * from './lib/zoned-dates';
