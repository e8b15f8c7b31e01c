import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decision, eventually, startIplus, upload, type IplusProcess } from '../e2e/platform/iplus-process';
import { decisionPdf, sha256 } from './decision-pdf';
import { readOnly } from './store-invariants';

interface Problem {
  status: number;
  code: string;
  detail: string;
}
interface DecisionRead {
  id: string;
  status: string;
  documentSha256: string;
  signalement: unknown;
  mandates: unknown[];
}

/** Every file under `dir`, with its size. */
function files(dir: string): Array<{ file: string; size: number }> {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const file = path.join(e.parentPath, e.name);
    return e.isFile() ? [{ file, size: fs.statSync(file).size }] : [];
  });
}

/** Sets the running process's file-size limit (RLIMIT_FSIZE): writes past it fail with EFBIG. */
function limitFileSize(pid: number, bytes: number | 'unlimited'): void {
  // Only the soft limit: lowering the hard one could not be undone without CAP_SYS_RESOURCE.
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`]);
}

// Issue 8, "Dependencies down": a full disk. The running platform gets a file-size limit (prlimit
// --fsize, as a full disk does: writes fail with EFBIG); uploads must get a clear 503 problem saying
// the disk is full, nothing half-written may stay; once the limit is lifted and the platform
// restarted, everything is consistent and it serves again.
describe('full disk', () => {
  jest.setTimeout(300_000);
  let iplus: IplusProcess;

  afterAll(async () => {
    await iplus?.stop('SIGKILL');
    if (iplus) fs.rmSync(iplus.dataDir, { recursive: true, force: true });
  });

  it('refuses uploads with a clear 503, leaves nothing half-written, and recovers after a restart', async () => {
    iplus = await startIplus({ env: { IPLUS_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024) } });
    const dataDir = iplus.dataDir;
    const documents = path.join(dataDir, 'platform', 'documents');
    const send = (reference: string, pdf: Buffer) =>
      iplus.as<DecisionRead & Problem>(
        'clerk.mons',
        'POST',
        '/api/decisions',
        upload(decision(reference), pdf),
      );
    expect((await send('TAP-MONS-2026-DISK-0', decisionPdf(['before the disk filled']))).status).toBe(201);

    const limit = Math.max(...files(dataDir).map((f) => f.size)) + 512 * 1024;
    limitFileSize(iplus.child.pid!, limit);

    // A document larger than what is left: the document write fails.
    const big = decisionPdf(['a large decision'], limit + 100_000);
    const refused = await send('TAP-MONS-2026-DISK-BIG', big);
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toMatch(/full/i);
    // It says what to do: not "retry in a few seconds" (a full disk does not empty itself).
    expect(refused.body.detail).toMatch(/once space has been freed$/);
    expect(fs.existsSync(path.join(documents, sha256(big).slice(0, 2), `${sha256(big)}.pdf`))).toBe(false);
    expect(fs.readdirSync(path.join(documents, 'tmp'))).toEqual([]);

    // Small uploads go on until the databases can no longer grow; each answer is 201 or a clear 503.
    const answered = new Map<string, string>();
    const statuses: number[] = [];
    let last: { body: Problem } | undefined;
    // The limit sits above the largest file at this point (the engine's WAL, ~1.7 MB), so the
    // platform's database (~1.1 MB) has about 1.1 MB to fill at a few KB per upload.
    for (let i = 1; i <= 1500 && !statuses.includes(503); i++) {
      const pdf = decisionPdf([`decision ${i}`], 16 * 1024);
      const res = await send(`TAP-MONS-2026-DISK-${i}`, pdf);
      statuses.push(res.status);
      last = res;
      if (res.status === 201) answered.set(res.body.id, sha256(pdf));
      else {
        expect(res.status).toBe(503);
        expect(res.body.detail).toMatch(/full/i);
      }
    }
    process.stdout.write(
      `full disk: ${answered.size} uploads accepted, then ${statuses.at(-1)} (limit ${limit} bytes): ${JSON.stringify(last?.body)}\n`,
    );
    expect(statuses).toContain(503);

    // Lift the limit and restart on the same data folder.
    limitFileSize(iplus.child.pid!, 'unlimited');
    await iplus.stop('SIGKILL');
    iplus = await startIplus({ dataDir, env: { IPLUS_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024) } });

    // Consistent: every accepted decision with its document, routed; no row without its document and
    // no document without its row.
    for (const [id, sha] of answered) {
      const d = await eventually(
        async () => {
          const r = await iplus.as<DecisionRead>('clerk.mons', 'GET', `/api/decisions/${id}`);
          return r.body.signalement && r.body.mandates.length === 2 ? r.body : undefined;
        },
        60_000,
        `decision ${id} routed`,
      );
      expect(d.documentSha256).toBe(sha);
    }
    const db = readOnly(path.join(dataDir, 'platform', 'platform.sqlite'));
    const rows = db.prepare('SELECT id, document_sha256 AS sha FROM decisions').all() as Array<{
      id: string;
      sha: string;
    }>;
    db.close();
    const onDisk = files(documents).map((f) => path.basename(f.file, '.pdf'));
    expect(onDisk.sort()).toEqual(rows.map((r) => r.sha).sort());
    for (const r of rows)
      expect(sha256(fs.readFileSync(path.join(documents, r.sha.slice(0, 2), `${r.sha}.pdf`)))).toBe(r.sha);

    // And it serves again: the large upload now goes through.
    const again = await send('TAP-MONS-2026-DISK-BIG', big);
    expect(again.status).toBe(201);
  });
});
