// Two projects: pure libraries (fast, no services) and the application's
// integration and e2e tests (real PostgreSQL and Redis, one database per file).
const tsJest = ['ts-jest', { diagnostics: false }];
const moduleNameMapper = { '^@lms/([a-z-]+)$': '<rootDir>/libs/$1/src' };

module.exports = {
  // Jest reads the timeout from the top level only (a project's own testTimeout is ignored).
  testTimeout: 60000,
  projects: [
    {
      displayName: 'libs',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'app',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 60000,
    },
  ],
};
