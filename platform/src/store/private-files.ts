import * as fs from 'node:fs';

/** Mode of the data folder and every folder in it: the service's user only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file the platform keeps (database, its WAL and SHM, documents, keys). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates a folder readable by the service's user alone, and narrows one that already exists (a
 * data folder made before modes were set, or by a umask of 022), whatever the process's umask.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes a file 0600 before anyone writes personal data into it: creates it empty when missing,
 * narrows it when it exists. SQLite gives its `-wal` and `-shm` files the mode of the database
 * file, so the database file is made private before it is opened. An existing file is never opened
 * here: closing a descriptor of a file drops every POSIX lock the process holds on it, SQLite's too.
 */
export function ensurePrivateFile(file: string): void {
  if (!fs.existsSync(file)) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes a directory entry durable (a new or renamed file in it survives a crash). */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
