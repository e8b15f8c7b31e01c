import * as path from 'node:path';
import * as readline from 'node:readline';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

// Given the repository's ESLint configuration, when a file imports across an arrow of
// ARCHITECTURE.md the wrong way, then lint fails and names the arrow; the right way passes.
const root = path.join(__dirname, '..', '..');

// One real ESLint (flat config is ESM, so it runs in its own Node) lints every case in turn.
let eslint: ChildProcessWithoutNullStreams;
let answers: AsyncIterator<string>;
beforeAll(() => {
  eslint = spawn(process.execPath, [path.join(__dirname, 'eslint-server.mjs')], { cwd: root });
  let stderr = '';
  eslint.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  eslint.on('exit', (code) => {
    if (code) process.stderr.write(`eslint-server.mjs exited with ${code}: ${stderr}\n`);
  });
  answers = readline.createInterface({ input: eslint.stdout })[Symbol.asyncIterator]();
});
afterAll(() => {
  eslint.stdin.end();
});

/** Lints `code` as if it were `file`, with the repository's configuration. */
async function lint(file: string, code: string): Promise<string[]> {
  eslint.stdin.write(`${JSON.stringify({ file, code })}\n`);
  const answer = await answers.next();
  if (answer.done) throw new Error('eslint-server.mjs ended without answering (its error is printed above)');
  return JSON.parse(answer.value) as string[];
}

describe('architecture arrows', () => {
  jest.setTimeout(60_000);

  it.each([
    [
      'engine/src/wrong-way.ts',
      "import { startPlatform } from '../../platform/src/index';\nexport const x = startPlatform;\n",
    ],
    [
      'engine/src/wrong-way.ts',
      "import { startPlatform } from '@iplus/platform';\nexport const x = startPlatform;\n",
    ],
    [
      'platform/src/wrong-way.ts',
      "import { startEngine } from '../../engine/src/index';\nexport const x = startEngine;\n",
    ],
    [
      'platform/src/wrong-way.ts',
      "import { startEngine } from '@iplus/engine';\nexport const x = startEngine;\n",
    ],
    [
      'nodes/WrongWay.ts',
      "import { startPlatform } from '../platform/src/index';\nexport const x = startPlatform;\n",
    ],
    [
      'credentials/WrongWay.ts',
      "import { startEngine } from '@iplus/engine';\nexport const x = startEngine;\n",
    ],
    [
      'node-red/nodes/wrong-way.js',
      "const { startPlatform } = require('../../platform/src/index');\nmodule.exports = startPlatform;\n",
    ],
    [
      'node-red/nodes/wrong-way.js',
      "const { startPlatform } = require('@iplus/platform');\nmodule.exports = startPlatform;\n",
    ],
    // The Node-RED package carries its emitted copy of the contract (nodes/lib/contract), never the sources.
    [
      'node-red/nodes/wrong-way.js',
      "const { checkNrn } = require('@iplus/contract');\nmodule.exports = checkNrn;\n",
    ],
    [
      'node-red/nodes/wrong-way.js',
      "const { checkNrn } = require('../../contract/index');\nmodule.exports = checkNrn;\n",
    ],
    [
      'contract/wrong-way.ts',
      "import { startPlatform } from '../platform/src/index';\nexport const x = startPlatform;\n",
    ],
    [
      'contract/wrong-way.ts',
      "import { startPlatform } from '@iplus/platform';\nexport const x = startPlatform;\n",
    ],
    ['contract/wrong-way.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['contract/wrong-way.ts', "import Fastify from 'fastify';\nexport const x = Fastify;\n"],
    ['nodes/Iplus/wrong-way.ts', "import { checkNrn } from '@iplus/contract';\nexport const x = checkNrn;\n"],
    ['credentials/WrongWay.ts', "import { checkNrn } from '@iplus/contract';\nexport const x = checkNrn;\n"],
    ['web/src/wrong-way.tsx', "import { checkNrn } from '@iplus/contract';\nexport const x = checkNrn;\n"],
    ['nodes/Iplus/wrong-way.ts', "import { checkNrn } from '../../contract';\nexport const x = checkNrn;\n"],
    [
      'web/src/pages/wrong-way.tsx',
      "import { startPlatform } from '../../../platform/src/index';\nexport const x = startPlatform;\n",
    ],
    [
      'web/src/wrong-way.tsx',
      "import { startPlatform } from '@iplus/platform';\nexport const x = startPlatform;\n",
    ],
  ])('rejects a wrong-way import in %s', async (file, code) => {
    const messages = await lint(file, code);
    expect(messages.join('\n')).toMatch(/no-restricted-(paths|imports|syntax)/);
  });

  it('accepts a Node-RED node that requires its own library and Node', async () => {
    const messages = await lint(
      'node-red/nodes/right-way.js',
      "const crypto = require('node:crypto');\nconst { callPlatform } = require('./lib/iplus-api');\nmodule.exports = [crypto, callPlatform];\n",
    );
    expect(messages).toEqual([]);
  });

  it.each([
    [
      'platform/src/right-way.ts',
      "import { checkNrn } from '@iplus/contract';\nexport const x = checkNrn;\n",
    ],
    [
      'nodes/Iplus/right-way.ts',
      "import { checkNrn } from '../../contract/index';\nexport const x = checkNrn;\n",
    ],
    [
      'web/src/api/right-way.ts',
      "import { checkNrn } from '../../../contract/index';\nexport const x = checkNrn;\n",
    ],
    ['contract/right-way.ts', "import { checkNrn } from './nrn';\nexport const x = checkNrn;\n"],
    [
      'node-red/nodes/right-way.js',
      "const { checkNrn } = require('./lib/contract');\nmodule.exports = checkNrn;\n",
    ],
  ])('accepts the contract imported from %s', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('accepts the launcher importing both engine and platform', async () => {
    const messages = await lint(
      'cli/src/right-way.ts',
      "import { startEngine } from '@iplus/engine';\nimport { startPlatform } from '@iplus/platform';\nexport const x = [startEngine, startPlatform];\n",
    );
    expect(messages).toEqual([]);
  });
});

// Given the floors of platform/src (platform/README.md), when a file imports a floor above its own, or a
// use case imports one that is not below it in useCaseOrder, then lint fails and names the rule.
describe('platform floors', () => {
  jest.setTimeout(60_000);

  it.each([
    // bottom -> middle, bottom -> top
    ['platform/src/domain/wrong-way.ts', "import { issueMandate } from '../mandates/issue-mandate';"],
    ['platform/src/views/wrong-way.ts', "import { problem } from '../http/problem';"],
    ['platform/src/store/wrong-way.ts', "import { EngineClient } from '../zeebe/engine-client';"],
    ['platform/src/logger.ts', "import { uploadDecision } from './decisions/upload-decision';"],
    // middle -> top
    ['platform/src/mandates/wrong-way.ts', "import { problem } from '../http/problem';"],
    ['platform/src/routing/wrong-way.ts', "import { EngineClient } from '../zeebe/engine-client';"],
    ['platform/src/lifecycle/wrong-way.ts', "import { startJobWorkers } from '../zeebe/job-workers';"],
    // a use case importing one above it in the order, or an unlisted (new) one
    ['platform/src/notifications/wrong-way.ts', "import { issueMandate } from '../mandates/issue-mandate';"],
    ['platform/src/mandates/wrong-way.ts', "import { uploadDecision } from '../decisions/upload-decision';"],
    ['platform/src/decisions/wrong-way.ts', "import { endMeasure } from '../lifecycle/end-measure';"],
    ['platform/src/messages/wrong-way.ts', "import { endMeasure } from '../lifecycle/end-measure';"],
  ])('rejects a wrong-way import in %s', async (file, line) => {
    const messages = await lint(file, `${line}\nexport const x = 1;\n`);
    expect(messages.join('\n')).toMatch(/iplus\/platform-floors: platform floors: /);
  });

  it.each([
    // down a floor, and a use case importing one below it in the order
    [
      'platform/src/views/right-way.ts',
      "import { Clock } from '../clock';\nimport { findDecision } from './decision-records';",
    ],
    ['platform/src/mandates/right-way.ts', "import { notifyOnce } from '../notifications/notifications';"],
    ['platform/src/decisions/right-way.ts', "import { previewRouting } from '../routing/preview-routing';"],
    // a new use case (unlisted) sits above the listed ones; the adapters may import any floor
    ['platform/src/lifecycle/right-way.ts', "import { issueMandate } from '../mandates/issue-mandate';"],
    [
      'platform/src/zeebe/workers/right-way.worker.ts',
      "import { issueMandate } from '../../mandates/issue-mandate';",
    ],
    [
      'platform/src/http/routes/right-way.routes.ts',
      "import { endMeasure } from '../../lifecycle/end-measure';",
    ],
    // tests may reach anything (fixtures start the whole platform)
    [
      'platform/src/views/right-way.int.test.ts',
      "import { startTestPlatform } from '../__fixtures__/test-platform';",
    ],
  ])('accepts %s', async (file, lines) => {
    const messages = await lint(file, `${lines}\nexport const x = 1;\n`);
    expect(messages.filter((m) => m.startsWith('iplus/'))).toEqual([]);
  });
});
