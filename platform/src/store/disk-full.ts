import { OperationalError } from '../errors';

/** errno codes (files) and SQLite codes that mean the data folder's disk takes no more writes. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE']);

/**
 * The operational error for a write refused by a full disk (or a file-size limit): a 503 that says
 * so, instead of an unexpected 500. Undefined when `e` is something else.
 */
export function diskFull(e: unknown, where: string): OperationalError | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !DISK_FULL.has(code)) return undefined;
  return new OperationalError(
    'disk_full',
    `the disk of the data folder is full (${where}: ${code}); nothing was stored. ` +
      'An operator must free space on that disk',
    { cause: e, advice: 'send it again once space has been freed' },
  );
}
