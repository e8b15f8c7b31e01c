import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');
const run = promisify(execFile);

// `iplus purge` asks the running platform to purge now, as the admin whose token it is given.
describe('iplus purge', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t?.close());

  const env = (token: string) => ({
    ...process.env,
    IPLUS_HTTP_HOST: '127.0.0.1',
    IPLUS_HTTP_PORT: new URL(t.url).port,
    IPLUS_ADMIN_TOKEN: token,
  });

  it('runs the purge as the admin and prints its counts; the purge is audited with the reason', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'purge', 'monthly', 'review'], {
      env: env(t.creds.admin!.token),
    });
    expect(JSON.parse(stdout)).toMatchObject({ casesErased: 0, casesFailed: 0 });
    const audit = await t.as<{ items: Array<{ action: string; user: string; justification: string }> }>(
      'admin',
      'GET',
      '/api/audit?user=admin&limit=20',
    );
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'retention.purge', user: 'admin', justification: 'monthly review' }),
    );
  });

  it("refuses another role's token (403) and says what is missing without one", async () => {
    await expect(
      run(process.execPath, [CLI, 'purge'], { env: env(t.creds['clerk.mons']!.token) }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/refused the purge \(403\)/),
    });
    await expect(run(process.execPath, [CLI, 'purge'], { env: env('') })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/IPLUS_ADMIN_TOKEN/),
    });
  });
});
