// A jest reporter that ends a failed run with a short digest: one block per failed test (its suite,
// its name, the first lines of its error) and per suite that failed to run, after jest's own long
// summary. CI keeps only the tail of a run's output; with several failures jest's summary is cut
// there and the first, causing failure is the one lost. The digest is bounded so it fits in that tail.
// With JEST_FAILURE_DIGEST_FILE set, the digest is also appended to that file (scripts/test-all.sh
// prints the digests of both its runs again at its end).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const MAX_BLOCKS = 12;
const LINES_PER_ERROR = 4;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The first meaningful lines of an error text, without colours or stack frames. */
function firstLines(text) {
  return String(text ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l) && !/^\s*(\d+ \||>|\|)/.test(l.trim()))
    .slice(0, LINES_PER_ERROR)
    .map((l) => `    ${l.trim().slice(0, 300)}`);
}

/** The digest's lines for jest's aggregated results (empty when nothing failed). */
function digest(results, rootDir = process.cwd()) {
  const blocks = [];
  for (const suite of results.testResults ?? []) {
    const file = path.relative(rootDir, suite.testFilePath ?? '');
    if (suite.testExecError) {
      blocks.push([`  ${file} (suite failed to run)`, ...firstLines(suite.testExecError.message)]);
    }
    for (const t of suite.testResults ?? []) {
      if (t.status !== 'failed') continue;
      blocks.push([`  ${file} › ${t.fullName}`, ...firstLines((t.failureMessages ?? []).join('\n'))]);
    }
    if (
      !suite.testExecError &&
      suite.failureMessage &&
      !(suite.testResults ?? []).some((t) => t.status === 'failed')
    ) {
      blocks.push([`  ${file} (hook or teardown failed)`, ...firstLines(suite.failureMessage)]);
    }
  }
  if (blocks.length === 0) return [];
  const shown = blocks.slice(0, MAX_BLOCKS).flat();
  const more = blocks.length > MAX_BLOCKS ? [`  … and ${blocks.length - MAX_BLOCKS} more`] : [];
  return [`── failure digest: ${blocks.length} failure(s), in the order they ran ──`, ...shown, ...more];
}

class FailureDigestReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig?.rootDir ?? process.cwd();
  }
  onRunComplete(_contexts, results) {
    const lines = digest(results, this.rootDir);
    if (lines.length === 0) return;
    process.stderr.write(`\n${lines.join('\n')}\n`);
    const file = process.env.JEST_FAILURE_DIGEST_FILE;
    if (file) fs.appendFileSync(file, `\n${lines.join('\n')}\n`);
  }
}

module.exports = FailureDigestReporter;
module.exports.digest = digest;
