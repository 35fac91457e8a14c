export * from './business-calendar';
export * from './ukrainian-holidays';
