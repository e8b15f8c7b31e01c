// Lint: TypeScript rules everywhere, the arrows of ARCHITECTURE.md enforced, n8n's community-node
// rules on nodes/ and credentials/.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Who may not import whom: each room lists the rooms it must never reach into. */
const arrows = [
  {
    target: './contract',
    from: [
      './engine',
      './platform',
      './cli',
      './web',
      './nodes',
      './credentials',
      './node-red',
      './bpmn',
      './test',
      './bench',
    ],
    packages: ['@iplus/engine', '@iplus/platform', '@iplus/cli', '@iplus/web'],
    why: 'contract/ imports nothing of ours',
  },
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
    // The contract too: the package requires its emitted copy (nodes/lib/contract), compiled in.
    from: ['./platform', './engine', './cli', './web', './nodes', './credentials', './contract'],
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

/**
 * The contract is compiled into what is published or bundled, through relative imports: its package
 * name would be a runtime dependency of the n8n / Node-RED package (contract/README.md).
 */
const contractCompiledIn = [
  {
    group: ['@iplus/contract', '@iplus/contract/*'],
    message:
      'import the contract relatively (../contract/index): it is compiled in, never a runtime dependency',
  },
  {
    // The folder holds a package.json whose types point at its build: tsc would not compile it in.
    regex: '(^|/)contract$',
    message:
      'import contract/index, not the contract folder (that resolves to its built dist/, not compiled in)',
  },
];

/** Import rules of a room beyond its arrow (merged into its one no-restricted-imports entry). */
const extraImportRules = {
  // No dependencies and no I/O: only its own files (no package, no node:*).
  './contract': [
    { regex: '^(?!\\./)', message: 'contract/ has no dependencies and no I/O: import only ./ files' },
  ],
  './nodes': contractCompiledIn,
  './credentials': contractCompiledIn,
  './web': contractCompiledIn,
};

/**
 * The floors of platform/src (platform/README.md): a file may import its own floor and the floors below,
 * never above. Matched on the path under platform/src, first match wins; any folder not listed is a use
 * case (middle floor), so a new use-case folder needs no entry here.
 */
const platformFloors = [
  // Bottom: vocabulary, pure rules, read models, the store and the shared leaves every use case writes through.
  ...['domain/', 'views/', 'store/', 'reference/', 'auth/', 'audit/', 'outbox/', 'trace/', 'metrics/', 'bng/']
    .concat([
      'clock.ts',
      'errors.ts',
      'logger.ts',
      'durations.ts',
      'in-flight.ts',
      'reference-port.ts',
      'engine-port.ts',
      'service-context.ts',
    ])
    .map((p) => [p, 'bottom']),
  // Top: the adapters and the wiring.
  ...['http/', 'zeebe/', '__fixtures__/', 'index.ts', 'platform-options.ts', 'compose-context.ts'].map(
    (p) => [p, 'top'],
  ),
];

/**
 * Use cases (middle floor), lowest first: a use case may import the ones listed before it. A folder not
 * listed sits above all of these (it may import every listed one) and imports no other unlisted folder:
 * to let a use case import a new one, insert the new one in this list.
 */
const useCaseOrder = [
  'callbacks',
  'messages',
  'notifications',
  'routing',
  'signalements',
  'mandates',
  'decisions',
];

const FLOOR_RANK = { bottom: 0, middle: 1, top: 2 };

/** Where a file under platform/src sits: its floor and, for a use case, its folder. */
function placeOf(rel) {
  const hit = platformFloors.find(([p]) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));
  if (hit) return { floor: hit[1] };
  const folder = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel;
  return { floor: 'middle', folder };
}

/** The floors of platform/src as an ESLint rule: imports point down (or sideways as useCaseOrder allows). */
const platformFloorsRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const srcRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'platform', 'src') + path.sep;
    if (!file.startsWith(srcRoot) || /\.test\.tsx?$/.test(file)) return {};
    const from = placeOf(file.slice(srcRoot.length).split(path.sep).join('/'));
    if (from.floor === 'top') return {};
    const check = (node) => {
      const spec = node?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(srcRoot)) return;
      let rel = target.slice(srcRoot.length).split(path.sep).join('/').replace(/\.js$/, '');
      if (!/\.tsx?$/.test(rel)) rel = rel.endsWith('/') || !rel.includes('.') ? `${rel}.ts` : rel;
      const to = placeOf(rel.replace(/\/?index\.ts$/, '/index.ts').replace(/^\//, ''));
      if (FLOOR_RANK[to.floor] > FLOOR_RANK[from.floor]) {
        context.report({
          node,
          message: `platform floors: the ${from.floor} floor may not import the ${to.floor} floor (${spec})`,
        });
        return;
      }
      if (from.floor !== 'middle' || to.floor !== 'middle' || from.folder === to.folder) return;
      const mine = useCaseOrder.indexOf(from.folder);
      const theirs = useCaseOrder.indexOf(to.folder);
      if (theirs === -1 || (mine !== -1 && theirs > mine)) {
        context.report({
          node,
          message: `platform floors: use case ${from.folder}/ may not import use case ${to.folder}/ (the order is useCaseOrder in eslint.config.mjs)`,
        });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

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
      'node-red/nodes/lib/contract/**',
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
    files: [`${target.slice(2)}/**/*.ts`, `${target.slice(2)}/**/*.tsx`, `${target.slice(2)}/**/*.js`],
    ...(target === './contract' ? { ignores: ['**/*.test.ts'] } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: packages.flatMap((p) => [p, `${p}/*`]), message: why },
            ...(extraImportRules[target] ?? []),
          ],
        },
      ],
    },
  })),
  {
    files: ['platform/src/**/*.ts'],
    plugins: { iplus: { rules: { 'platform-floors': platformFloorsRule } } },
    rules: { 'iplus/platform-floors': 'error' },
  },
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
