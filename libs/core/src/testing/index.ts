export { bootTestApp } from './test-app';
export type { TestApp } from './test-app';
