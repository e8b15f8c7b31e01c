import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskFull } from './disk-full';
import { DocumentHolds } from './document-holds';
import { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, syncDir } from './private-files';

/** SHA-256 of a buffer as lowercase hex: the name a document is stored under. */
export function sha256Hex(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Where decision documents are kept, by SHA-256: files (SQLite) or a table (PostgreSQL). */
export interface Documents {
  /** Who uses which document in this process (an upload in flight, a removal): see DocumentHolds. */
  readonly holds: DocumentHolds;
  /** Stores the bytes durably; returns their hash and whether they were new (so a failed commit can undo it). */
  put(data: Buffer): Promise<{ sha256: string; created: boolean }>;
  /** The stored document, or undefined when it is missing. */
  get(sha256: string): Promise<Buffer | undefined>;
  /**
   * Removes a document, whoever uses it: call it through `removeDocumentIfUnused`
   * (store/document-use.ts), which holds the document and checks that no decision uses it.
   */
  remove(sha256: string): Promise<void>;
  /** Start-up clean-up of documents an interrupted upload left; returns how many were removed. */
  sweep(isReferenced: (sha256: string) => Promise<boolean>): Promise<number>;
}

/**
 * Decision documents on disk, content-addressed by SHA-256 under `<dataDir>/documents/`. A write is
 * atomic: temp file, fsync, rename, fsync of the folder; a crash leaves either nothing or the whole
 * file (and at worst an unreferenced whole file, which `sweep` removes).
 */
export class DocumentStore implements Documents {
  readonly holds = new DocumentHolds();
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'documents');
    this.tmp = path.join(this.root, 'tmp');
    ensurePrivateDir(this.root);
    ensurePrivateDir(this.tmp);
  }

  /** Where the document with this hash lives. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.pdf`);
  }

  /** Writes the bytes durably; returns their hash and whether the file was new (so a failed commit can undo it). */
  async put(data: Buffer): Promise<{ sha256: string; created: boolean }> {
    const sha256 = sha256Hex(data);
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return { sha256, created: false };
    const dir = path.dirname(target);
    await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const temp = path.join(this.tmp, `${sha256}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
    try {
      const handle = await fs.promises.open(temp, 'wx', PRIVATE_FILE_MODE);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, target);
      await syncDir(dir);
    } catch (e) {
      // A half-written file never stays behind (the disk may be full).
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw diskFull(e, 'writing a document') ?? e;
    }
    return { sha256, created: true };
  }

  /** Reads a stored document, or undefined when it is missing. */
  async get(sha256: string): Promise<Buffer | undefined> {
    try {
      return await fs.promises.readFile(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Removes a document (used when the row that would reference it did not commit). */
  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  /**
   * Start-up clean-up after a crash: deletes temp files and documents no row references.
   * `isReferenced` answers from the database.
   */
  async sweep(isReferenced: (sha256: string) => Promise<boolean>): Promise<number> {
    let removed = 0;
    for (const name of await fs.promises.readdir(this.tmp)) {
      await fs.promises.rm(path.join(this.tmp, name), { force: true });
      removed++;
    }
    for (const sub of await fs.promises.readdir(this.root)) {
      if (sub === 'tmp' || !/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of await fs.promises.readdir(path.join(this.root, sub))) {
        const sha = name.replace(/\.pdf$/, '');
        if (!(await isReferenced(sha))) {
          await fs.promises.rm(path.join(this.root, sub, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}
