export * from './registry-fake';
