// Lint: TypeScript rules everywhere, the arrows of ARCHITECTURE.md enforced, n8n's community-node
// rules on nodes/ and credentials/.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';

/** Who may not import whom: each room lists the rooms it must never reach into. */
const arrows = [
  {
    target: './engine',
    from: ['./platform', './cli', './web', './nodes', './credentials', './bpmn', './test', './bench'],
    packages: ['@iplus/platform', '@iplus/cli', '@iplus/web'],
    why: 'engine/ imports nothing of ours',
  },
  {
    target: './platform',
    from: ['./engine', './cli', './web', './nodes', './credentials', './test', './bench'],
    packages: ['@iplus/engine', '@iplus/cli', '@iplus/web'],
    why: 'platform/ reaches the engine only through a Zeebe client',
  },
  {
    target: './nodes',
    from: ['./platform', './engine', './cli', './web'],
    packages: ['@iplus/platform', '@iplus/engine', '@iplus/cli', '@iplus/web'],
    why: 'nodes/ reach the platform only over HTTP',
  },
  {
    target: './credentials',
    from: ['./platform', './engine', './cli', './web', './nodes'],
    packages: ['@iplus/platform', '@iplus/engine', '@iplus/cli', '@iplus/web'],
    why: 'credentials/ reach the platform only over HTTP',
  },
  {
    target: './node-red/nodes',
    from: ['./platform', './engine', './cli', './web', './nodes', './credentials'],
    packages: ['@iplus/platform', '@iplus/engine', '@iplus/cli', '@iplus/web'],
    why: 'node-red/ reaches the platform only over HTTP',
  },
  {
    target: './web',
    from: ['./platform', './engine', './cli', './nodes', './credentials'],
    packages: ['@iplus/platform', '@iplus/engine', '@iplus/cli'],
    why: 'web/ reaches the platform only over HTTP',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      '**/*.js',
      // The Node-RED nodes are plain JavaScript (CommonJS, as Node-RED loads them): linted for the arrows.
      '!node-red/nodes/**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      'test/lint/fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: arrows.map(({ target, from, why }) => ({ target, from, message: why })) },
      ],
    },
  },
  ...arrows.map(({ target, packages, why }) => ({
    files: [`${target.slice(2)}/**/*.ts`, `${target.slice(2)}/**/*.js`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: packages.flatMap((p) => [p, `${p}/*`]), message: why }] },
      ],
    },
  })),
  {
    files: ['node-red/nodes/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // Node-RED's own idioms: require(), and `const node = this` in a node's constructor.
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      // no-restricted-imports sees only `import`: the packages of the arrow, as require() names them.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^@iplus\\u002F/]",
          message: 'node-red/ reaches the platform only over HTTP',
        },
      ],
    },
  },
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
    ...n8nCommunityNodes.configs.recommended,
    ignores: ['**/*.test.ts', '**/__tests__/**'],
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
