// Two projects: pure libraries (fast, no services) and the application's
// integration and e2e tests (real PostgreSQL and Redis, one database per file).
const tsJest = ['ts-jest', { diagnostics: false }];
const moduleNameMapper = { '^@lms/([a-z-]+)$': '<rootDir>/libs/$1/src' };
// `jose` 6 ships only ES modules, which Jest (on Node < 24.9) cannot require: a small
// transformer rewrites them to CommonJS. Other packages stay untransformed.
const esmOnly = ['jose'];
const transform = {
  '^.+\\.ts$': tsJest,
  [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: '<rootDir>/test/support/esm-to-cjs.transform.js',
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

module.exports = {
  // A global option in Jest 30 (ignored inside a project): e2e tests start whole apps.
  testTimeout: 60000,
  // Jest's default (cores - 1) runs one file at a time on two cores, while e2e files spend much of
  // their time waiting on PostgreSQL, Chromium and timers: two at a time ran all 124 files in 7.6
  // minutes here, where the last CI run, one at a time, took 9.3 for 117. Each file has its own database.
  maxWorkers: Math.max(2, require('node:os').cpus().length - 1),
  projects: [
    {
      displayName: 'libs',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: 'app',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
