import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The digest that ends a failed run (CI keeps only the tail of the output). The reporter is plain
// CommonJS, loaded by jest's config as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Reporter = require('./failure-digest-reporter.js') as {
  new (globalConfig: { rootDir: string }): { onRunComplete(contexts: unknown, results: unknown): void };
  digest: (results: unknown, rootDir: string) => string[];
};
const { digest } = Reporter;

const root = '/repo';
const suite = (file: string, extra: Record<string, unknown>) => ({
  testFilePath: path.join(root, file),
  testResults: [],
  ...extra,
});

describe('failure digest', () => {
  it('says nothing when every test passed', () => {
    const ok = suite('a.test.ts', { testResults: [{ status: 'passed', fullName: 'works' }] });
    expect(digest({ testResults: [ok] }, root)).toEqual([]);
  });

  it('names each failed test with the first lines of its error, without colours or stack frames', () => {
    const failed = suite('test/e2e/web/role-journeys.test.ts', {
      testResults: [
        { status: 'passed', fullName: 'first' },
        {
          status: 'failed',
          fullName: 'parquet clerk: uploads a decision',
          failureMessages: [
            '\u001b[31mError: expected /Comines/ in locator, saw: \u001b[39m\n\n    at waitForText (page-helpers.ts:10:9)\n    at Object.<anonymous> (role-journeys.test.ts:135:3)',
          ],
        },
      ],
    });
    const broken = suite('test/chaos/two-instances.test.ts', {
      testExecError: { message: 'Cannot find module ./gone' },
    });
    expect(digest({ testResults: [failed, broken] }, root)).toEqual([
      '── failure digest: 2 failure(s), in the order they ran ──',
      '  test/e2e/web/role-journeys.test.ts › parquet clerk: uploads a decision',
      '    Error: expected /Comines/ in locator, saw:',
      '  test/chaos/two-instances.test.ts (suite failed to run)',
      '    Cannot find module ./gone',
    ]);
  });

  it('reports a suite whose hook failed though no test did, and bounds its length', () => {
    const hook = suite('x.test.ts', { failureMessage: 'afterAll: port still open' });
    const many = suite('y.test.ts', {
      testResults: Array.from({ length: 20 }, (_, i) => ({
        status: 'failed',
        fullName: `t${i}`,
        failureMessages: ['boom'],
      })),
    });
    const lines = digest({ testResults: [hook, many] }, root);
    expect(lines[1]).toBe('  x.test.ts (hook or teardown failed)');
    expect(lines[2]).toBe('    afterAll: port still open');
    expect(lines.at(-1)).toBe('  … and 9 more');
  });

  it('appends the digest to JEST_FAILURE_DIGEST_FILE, which scripts/test-all.sh prints again at its end', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-digest-')), 'digest.txt');
    const failed = suite('a.test.ts', {
      testResults: [{ status: 'failed', fullName: 'works', failureMessages: ['boom'] }],
    });
    const before = process.env.JEST_FAILURE_DIGEST_FILE;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      process.env.JEST_FAILURE_DIGEST_FILE = file;
      new Reporter({ rootDir: root }).onRunComplete([], { testResults: [failed] });
      new Reporter({ rootDir: root }).onRunComplete([], { testResults: [failed] });
    } finally {
      stderr.mockRestore();
      if (before === undefined) delete process.env.JEST_FAILURE_DIGEST_FILE;
      else process.env.JEST_FAILURE_DIGEST_FILE = before;
    }
    const text = fs.readFileSync(file, 'utf8');
    expect(text.match(/── failure digest: 1 failure\(s\)/g)).toHaveLength(2);
    expect(text).toContain('  a.test.ts › works\n    boom\n');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
