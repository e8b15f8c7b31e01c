#!/usr/bin/env node
// The `iplus` command as npm links it. This file is committed (plain JavaScript, no build), so the link
// exists right after the first `npm install`, whatever order npm installs the workspaces in; it then
// loads the built command, cli/dist/main.js, building it first when needed:
// - engine, platform and cli (`tsc -b engine platform cli`) when cli/dist/main.js is missing, or when a
//   source file of one of them (src/**/*.ts, tsconfig.json) is newer than that package's build stamp
//   (dist/.tsbuildinfo, rewritten by every build of the package);
// - the web UI (`npm run build -w web`) when web/dist/index.html is missing and the command serves it
//   (start, platform). A changed web source is not detected: `npm start` and `npm run build` rebuild it.
// Build output goes to stderr, so `npx iplus config > table.md` stays clean.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGES = ['engine', 'platform', 'cli'];
const MAIN = path.join(ROOT, 'cli', 'dist', 'main.js');

/** Newest modification time (ms) of the TypeScript sources of a package, tests excluded. */
function newestSource(dir) {
  let newest = 0;
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(dir, 'src'));
  return Math.max(newest, fs.statSync(path.join(dir, 'tsconfig.json')).mtimeMs);
}

/** Why the packages must be built first, or undefined when their build is current. */
function staleReason() {
  if (!fs.existsSync(MAIN)) return 'cli/dist/main.js is missing';
  for (const name of PACKAGES) {
    const dir = path.join(ROOT, name);
    const stamp = path.join(dir, 'dist', '.tsbuildinfo');
    if (!fs.existsSync(stamp)) return `${name}/dist/.tsbuildinfo is missing`;
    if (newestSource(dir) > fs.statSync(stamp).mtimeMs)
      return `the sources of ${name} changed since its build`;
  }
  return undefined;
}

function run(what, command, args) {
  const started = Date.now();
  process.stderr.write(`iplus: ${what} …\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.status !== 0) {
    const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    process.stderr.write(`iplus: ${what} failed (${how}); run "npm install" in ${ROOT}, then try again.\n`);
    process.exit(1);
  }
  process.stderr.write(`iplus: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const reason = staleReason();
if (reason) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    process.stderr.write(`iplus: ${reason} and TypeScript is not installed; run "npm install" in ${ROOT}.\n`);
    process.exit(1);
  }
  run(`building ${PACKAGES.join(', ')} (${reason})`, process.execPath, [tsc, '-b', ...PACKAGES]);
}

const command = process.argv[2];
if (
  (command === 'start' || command === 'platform') &&
  !fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))
) {
  // the npm that runs us (npx, npm start), else the one on PATH
  const npm = /npm-cli\.js$/.test(process.env.npm_execpath ?? '') ? process.env.npm_execpath : undefined;
  run(
    'building the web UI (web/dist/index.html is missing)',
    npm ? process.execPath : 'npm',
    npm ? [npm, 'run', 'build', '-w', 'web', '--silent'] : ['run', 'build', '-w', 'web', '--silent'],
  );
}

require(MAIN);
