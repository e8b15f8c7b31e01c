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
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: [...ignore, '<rootDir>/test/e2e/', '<rootDir>/test/chaos/'],
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
