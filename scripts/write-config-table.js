// Rewrites the configuration table in README.md from the schema (run after changing cli/src/config/schema.ts).
const fs = require('node:fs');
const path = require('node:path');
const { describeConfig } = require('../cli/dist/config/load.js');

const readme = path.join(__dirname, '..', 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const next = text.replace(
  /<!-- config:begin -->[\s\S]*<!-- config:end -->/,
  `<!-- config:begin -->\n${describeConfig()}\n<!-- config:end -->`,
);
fs.writeFileSync(readme, next);
