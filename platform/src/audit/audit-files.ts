import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRIVATE_FILE_MODE } from '../store/private-files';

/**
 * The audit chain's key: 32 random bytes, base64, in a file of its own (0600) — never in the
 * database. Created on first start when missing; `created` says so (a key that existed before while
 * the anchor is gone means the anchor was removed, not that this is a first start).
 */
export function loadOrCreateAuditKey(file: string): { key: Buffer; created: boolean } {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length < 32)
      throw new Error(
        `the audit key in ${file} is shorter than 32 bytes (base64 of 32 random bytes expected)`,
      );
    return { key, created: false };
  }
  writeDurably(file, crypto.randomBytes(32).toString('base64') + '\n', 'wx');
  return { key: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), created: true };
}

/** A signed checkpoint of the chain's head, kept outside the database. */
export interface AuditAnchor {
  /** The first keyed entry (entries before it are from before keying). */
  keyedFrom: number;
  /** The head when anchored: its seq and hash (seq 0 with the genesis hash for an empty log). */
  seq: number;
  hash: string;
  at: string;
}

function mac(key: Buffer, a: AuditAnchor): string {
  return crypto
    .createHmac('sha256', key)
    .update(`iplus audit anchor\n${JSON.stringify([a.keyedFrom, a.seq, a.hash, a.at])}`)
    .digest('hex');
}

/** Reads the anchor; undefined when there is none, an error when it is not one this key signed. */
export function readAnchor(file: string, key: Buffer): AuditAnchor | undefined {
  if (!fs.existsSync(file)) return undefined;
  let raw: AuditAnchor & { mac?: unknown };
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as AuditAnchor & { mac?: unknown };
  } catch (e) {
    throw new Error(`the audit anchor ${file} is not readable JSON: ${(e as Error).message}`);
  }
  const anchor: AuditAnchor = { keyedFrom: raw.keyedFrom, seq: raw.seq, hash: raw.hash, at: raw.at };
  const expected = Buffer.from(mac(key, anchor), 'hex');
  const given = Buffer.from(typeof raw.mac === 'string' ? raw.mac : '', 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new Error(`the audit anchor ${file} is not signed with the audit key (changed, or another key)`);
  return anchor;
}

/** Writes the anchor atomically (temp file, fsync, rename), 0600. */
export function writeAnchor(file: string, key: Buffer, anchor: AuditAnchor): void {
  writeDurably(file, JSON.stringify({ ...anchor, mac: mac(key, anchor) }, null, 2) + '\n', 'w');
}

function writeDurably(file: string, text: string, flag: 'w' | 'wx'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (flag === 'wx') {
    const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
