import * as crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// N=2^17, r=8, p=1: OWASP's scrypt minimum (Password Storage Cheat Sheet), 128 MiB of memory per
// hash. The parameters are stored with each hash, so older hashes still verify with their own and
// are upgraded on the next successful login (`needsRehash`).
export const SCRYPT_PARAMS = { N: 1 << 17, r: 8, p: 1 } as const;
const PARAMS = SCRYPT_PARAMS;
const KEYLEN = 32;
// scrypt needs 128 * N * r bytes; Node refuses above maxmem (default 32 MiB).
const MAXMEM = 256 * 1024 * 1024;

/** Hashes a password with scrypt and a fresh per-user salt: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: MAXMEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!N || !r || !p || expected.length === 0) return false;
  // A stored cost beyond what this build would ever write is refused rather than run (memory).
  if (128 * N * r > MAXMEM || p > 16) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: MAXMEM });
  return crypto.timingSafeEqual(key, expected);
}

/** True when a stored hash was made with weaker parameters than this build's (or is not scrypt). */
export function needsRehash(stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return true;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  return N < PARAMS.N || r < PARAMS.r || p < PARAMS.p;
}
