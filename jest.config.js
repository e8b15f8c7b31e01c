// One runner, three kinds of test, told apart by file name (see README, "Tests").
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const ignore = ['/node_modules/', '/dist/', '/\\.cache/'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      transform,
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
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: [...ignore, '<rootDir>/test/e2e/', '<rootDir>/test/chaos/'],
    },
    {
      displayName: 'e2e',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/test/chaos/**/*.test.ts'],
      testPathIgnorePatterns: ignore,
    },
  ],
};
