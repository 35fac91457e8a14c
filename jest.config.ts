import type { Config } from 'jest';

/** Unit and integration tests of every project (black-box suites have their own configs under tests/). */
const config: Config = {
  projects: ['<rootDir>/libs/core/jest.config.cts', '<rootDir>/libs/plugin-sdk/jest.config.cts', '<rootDir>/plugins/load-balancer/jest.config.cts', '<rootDir>/plugins/digital-studio/jest.config.cts', '<rootDir>/plugins/invoices/jest.config.cts', '<rootDir>/plugins/training/jest.config.cts'],
  // Integration tests boot the whole app on a real (embedded or PostgreSQL) database.
  testTimeout: 60000,
  passWithNoTests: true,
};

export default config;
