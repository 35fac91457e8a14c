/** Browser tests: the built app (API + portal) driven in Debian's Chromium through playwright-core. */
module.exports = {
  displayName: 'browser',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120000,
  maxWorkers: 1,
};
