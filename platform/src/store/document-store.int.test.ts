import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentStore, sha256Hex } from './document-store';

describe('DocumentStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-docs-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores by SHA-256, once, and reads back the same bytes', async () => {
    const docs = new DocumentStore(dir);
    const data = Buffer.from('%PDF-1.4\nhello\n%%EOF\n');
    const first = await docs.put(data);
    expect(first).toEqual({ sha256: sha256Hex(data), created: true });
    expect((await docs.put(data)).created).toBe(false);
    expect(await docs.get(first.sha256)).toEqual(data);
    expect(fs.existsSync(path.join(dir, 'documents', first.sha256.slice(0, 2), `${first.sha256}.pdf`))).toBe(
      true,
    );
    expect(fs.readdirSync(path.join(dir, 'documents', 'tmp'))).toEqual([]);
  });

  it('sweeps temp files and unreferenced documents left by a crash', async () => {
    const docs = new DocumentStore(dir);
    const kept = await docs.put(Buffer.from('%PDF-kept'));
    const orphan = await docs.put(Buffer.from('%PDF-orphan'));
    fs.writeFileSync(path.join(dir, 'documents', 'tmp', 'half-written'), 'x');
    const removed = await docs.sweep(async (sha) => sha === kept.sha256);
    expect(removed).toBe(2);
    expect(await docs.get(kept.sha256)).toBeDefined();
    expect(await docs.get(orphan.sha256)).toBeUndefined();
  });

  it('refuses a name that is not a hash (no path traversal)', () => {
    expect(() => new DocumentStore(dir).pathOf('../../etc/passwd')).toThrow('not a sha256');
  });
});
