// One ESLint for many lints: reads {"file", "code"} lines on stdin and answers each with a line
// holding the messages ESLint gives `code` linted as if it were `file` (relative to the repository),
// with the repository's own configuration. arrows.int.test.ts starts it once instead of one eslint
// process per case (about 2 s each on a 2-core runner).
import * as path from 'node:path';
import * as readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const { file, code } = JSON.parse(line);
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  process.stdout.write(`${JSON.stringify(messages)}\n`);
}
