// Runs the benchmark's TypeScript directly (node -r ./bench/platform/ts-register.cjs run.ts),
// compiled on load by @swc/core as jest does.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
