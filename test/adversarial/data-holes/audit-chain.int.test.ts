import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH } from '../../../platform/src/audit/audit-hash';
import { eventually } from '../../../platform/src/__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';

interface Row {
  seq: number;
  at: string;
  user_name: string;
  agency_id: string;
  action: string;
  object: string;
  justification: string;
  outcome: string;
}

/** The insider with the database file: drops the append-only triggers and runs `change`. */
function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, 'platform.sqlite'));
  try {
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as Array<{ name: string }>;
    for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
    change(db);
  } finally {
    db.close();
  }
}

/**
 * Renumbers the entries up to `upTo` without gaps and recomputes their hashes the way the unkeyed
 * chain did (SHA-256, no key): what "deleting entries and re-hashing" did to the old chain.
 */
function rehash(db: Database.Database, upTo = Number.MAX_SAFE_INTEGER): void {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq').all(upTo) as Row[];
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    const seq = i + 1;
    const hash = auditHash(prev, {
      seq,
      at: r.at,
      user: r.user_name,
      agencyId: r.agency_id,
      action: r.action,
      object: r.object,
      justification: r.justification,
      outcome: r.outcome,
    });
    db.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      seq,
      prev,
      hash,
      r.seq,
    );
    prev = hash;
  }
}

// Issue 12, "The audit chain can be cut or rewritten": on a copy of the database, deleting the
// last entries, or deleting entries and re-hashing, left GET /api/audit/verify answering ok. The
// chain is now keyed (HMAC, key in a file) and its head anchored in a signed file; both are checked
// at start, on a schedule and on request, and the result is in /health.
describe('the audit chain resists truncation and rewriting', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let t: TestPlatform;

  const start = async (options: { auditCheckInterval?: string } = {}) =>
    (t = await startTestPlatform({ dataDir, ...options }));
  const admin = (p: string) => t.as<Record<string, unknown>>('admin', 'GET', p);
  const reads = async (n: number) => {
    for (let i = 0; i < n; i++) expect((await admin('/api/audit?limit=1')).status).toBe(200);
  };
  /** The audit part as an admin sees it: its status (public) with its details (admins only). */
  const auditHealth = async () => {
    const body = (await admin('/health')).body as {
      parts: Record<string, Record<string, unknown>>;
      details: Record<string, Record<string, unknown>>;
    };
    return { ...body.details.audit, ...body.parts.audit! };
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-audit-chain-'));
    await start();
  });
  afterEach(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its key and anchor in 0600 files outside the database, and reports ok in /health', async () => {
    await reads(3);
    expect((await admin('/api/audit/verify')).body).toMatchObject({ ok: true, keyedFrom: 1, anchoredSeq: 3 });
    for (const f of ['audit.key', 'audit-anchor.json'])
      expect((fs.statSync(path.join(dataDir, f)).mode & 0o777).toString(8)).toBe('600');
    const key = fs.readFileSync(path.join(dataDir, 'audit.key'), 'utf8').trim();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const db = new Database(path.join(dataDir, 'platform.sqlite'), { readonly: true });
    try {
      const everything = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
      expect(everything).not.toContain(key);
    } finally {
      db.close();
    }
    expect(await auditHealth()).toMatchObject({ status: 'up', ok: true, anchoredSeq: 3 });
  });

  it('finds the last entries deleted (a truncation contradicts the anchor), at start and in /health', async () => {
    await reads(5);
    expect((await admin('/api/audit/verify')).body).toMatchObject({ ok: true, anchoredSeq: 5 });
    await t.close();
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 2').run());
    await start();
    const health = await auditHealth();
    expect(health).toMatchObject({ status: 'down', ok: false, brokenAt: 3 });
    expect(health.reason).toMatch(/entries were removed|the log was rewritten/);
    const verify = await admin('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: false, brokenAt: 3 });
    expect((await t.as('admin', 'GET', '/ready')).status).toBe(503);
  });

  it('finds entries deleted and the chain re-hashed without the key', async () => {
    await reads(6);
    expect((await admin('/api/audit/verify')).body).toMatchObject({ ok: true });
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq IN (3, 4)').run();
      rehash(db);
    });
    const verify = await admin('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: false, brokenAt: 1 });
    expect(verify.body.reason).toContain('keyed hash');
    expect(await auditHealth()).toMatchObject({ status: 'down', brokenAt: 1 });
  });

  it('finds a truncation made while it runs on its own schedule, with nobody asking to verify', async () => {
    await t.close();
    await start({ auditCheckInterval: 'PT0.2S' });
    await reads(5);
    // the schedule (not a request) anchors the head past the entries about to be cut
    await eventually(
      async () => ((await auditHealth()).anchoredSeq as number) >= 5 || undefined,
      30_000,
      'a scheduled check anchoring entry 5',
    );
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 2').run());
    const anonymous = async () =>
      (await (await fetch(`${t.url}/health`)).json()) as { parts: Record<string, { status: string }> };
    await eventually(
      async () => ((await anonymous()).parts.audit!.status === 'down' ? true : undefined),
      30_000,
      'the scheduled check reporting the audit part down in /health',
    );
    expect(await auditHealth()).toMatchObject({ status: 'down', ok: false, brokenAt: 3 });
    expect((await fetch(`${t.url}/ready`)).status).toBe(503);
  });

  it('checks since the anchor at start; a whole check finds an entry edited before it', async () => {
    await reads(6);
    expect((await admin('/api/audit/verify')).body).toMatchObject({ ok: true, anchoredSeq: 6 });
    await t.close();
    // An edit of an anchored entry's content, its stored hash left: only recomputing it shows it.
    tamper(dataDir, (db) => db.prepare("UPDATE audit_log SET object = 'edited' WHERE seq = 2").run());
    await start();
    // The start verified what came after the anchor (the entries the close anchored) and found the
    // anchored entry as it was: it does not read the whole chain, which grows without bound.
    expect(await auditHealth()).toMatchObject({ status: 'up', ok: true, scope: 'since anchor' });
    const verify = await admin('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: false, brokenAt: 2 });
    expect(await auditHealth()).toMatchObject({ status: 'down', brokenAt: 2, scope: 'whole chain' });
  });

  it('refuses a forged or removed anchor', async () => {
    await reads(2);
    await t.close();
    const anchorFile = path.join(dataDir, 'audit-anchor.json');
    const anchor = JSON.parse(fs.readFileSync(anchorFile, 'utf8')) as { seq: number };
    fs.writeFileSync(anchorFile, JSON.stringify({ ...anchor, seq: 1 }));
    await start();
    expect(await auditHealth()).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('not signed with the audit key') as string,
    });
    await t.close();
    fs.rmSync(anchorFile);
    await start();
    expect(await auditHealth()).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('anchor') as string,
    });
  });

  it('keys a log written before keying from a marked entry, which covers the unkeyed part', async () => {
    await reads(4);
    await t.close();
    // The log as the previous version wrote it: plain SHA-256 links, no key, no anchor.
    fs.rmSync(path.join(dataDir, 'audit.key'));
    fs.rmSync(path.join(dataDir, 'audit-anchor.json'));
    tamper(dataDir, (db) => rehash(db));
    await start();
    const verify = await admin('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: true, keyedFrom: 5 });
    const db = new Database(path.join(dataDir, 'platform.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT action, object FROM audit_log WHERE seq = 5').get()).toEqual({
        action: 'audit.keyed',
        object: 'entries 1-4 were written before keying',
      });
    } finally {
      db.close();
    }
    // Rewriting the unkeyed part (and re-hashing it) breaks at the marker, whose HMAC covers it.
    tamper(dataDir, (db) => {
      db.prepare("UPDATE audit_log SET user_name = 'someone.else' WHERE seq = 2").run();
      rehash(db, 4);
    });
    expect((await admin('/api/audit/verify')).body).toMatchObject({ ok: false, brokenAt: 5 });
  });
});
