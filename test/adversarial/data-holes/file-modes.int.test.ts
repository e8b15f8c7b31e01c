import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEngineProcess } from '../../../platform/src/__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../../../platform/src/__fixtures__/sample-decision';
import { startTestPlatform } from '../../../platform/src/__fixtures__/test-platform';

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/** Every folder and file under `dir` with its mode, relative names. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': modeOf(dir) };
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out[path.relative(dir, p)] = modeOf(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

// Issue 12, "Files are world-readable": the database and the PDFs were created 0644, folders 0755,
// so any local account could copy personal data. Data folder 0700, files 0600, whatever the umask,
// and a folder made before this is narrowed at start.
describe('the data folder is private to the service', () => {
  jest.setTimeout(120_000);
  const previousUmask = process.umask(0o022);
  afterAll(() => process.umask(previousUmask));

  it('platform: folders 0700, database, WAL, SHM, documents and credentials 0600; old modes narrowed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-modes-'));
    fs.chmodSync(dataDir, 0o755);
    try {
      let t = await startTestPlatform({ dataDir });
      expect((await t.as('clerk.mons', 'POST', '/api/decisions', jsonUpload(cominesDecision()))).status).toBe(
        201,
      );
      const found = modes(dataDir);
      expect(Object.keys(found)).toEqual(
        expect.arrayContaining([
          'platform.sqlite',
          'platform.sqlite-wal',
          'platform.sqlite-shm',
          'documents',
        ]),
      );
      expect(Object.keys(found).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
      for (const [name, mode] of Object.entries(found)) {
        const dir = fs.statSync(path.join(dataDir, name)).isDirectory();
        expect(`${name} ${mode}`).toBe(`${name} ${dir ? '700' : '600'}`);
      }
      await t.close();

      // A folder from before: everything world-readable again, then a restart.
      for (const name of Object.keys(modes(dataDir))) {
        const p = path.join(dataDir, name);
        fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
      }
      t = await startTestPlatform({ dataDir });
      const narrowed = modes(dataDir);
      for (const name of ['.', 'platform.sqlite', 'platform.sqlite-wal', 'platform.sqlite-shm', 'documents'])
        expect(`${name} ${narrowed[name]}`).toBe(`${name} ${name.includes('.sqlite') ? '600' : '700'}`);
      await t.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('engine (iplus engine): its folder 0700, its database files 0600', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-modes-engine-'));
    fs.chmodSync(dataDir, 0o755);
    const engine = await startEngineProcess(dataDir);
    try {
      const found = modes(dataDir);
      expect(found['.']).toBe('700');
      const db = Object.keys(found).filter((f) => /engine\.db(-wal|-shm)?$/.test(f));
      expect(db.length).toBeGreaterThanOrEqual(2);
      for (const name of db) expect(`${name} ${found[name]}`).toBe(`${name} 600`);
      for (const [name, mode] of Object.entries(found))
        if (fs.statSync(path.join(dataDir, name)).isDirectory())
          expect(`${name} ${mode}`).toBe(`${name} 700`);
    } finally {
      await engine.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
