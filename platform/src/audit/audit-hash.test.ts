import {
  auditHash,
  ChainVerifier,
  GENESIS_HASH,
  KEYED_MARKER,
  type AuditFields,
  type AuditKeying,
} from './audit-hash';

function chain(n: number, keying?: AuditKeying, marker?: number) {
  const out: Array<AuditFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: AuditFields = {
      seq: i,
      at: `2026-11-26T10:00:0${i}.000Z`,
      user: 'agent.comines',
      agencyId: 'PZ-5318',
      action: i === marker ? KEYED_MARKER : 'mandate.read',
      object: `M-00000${i}-POL`,
      justification: 'inbox',
      outcome: 'ok',
    };
    const hash = auditHash(prev, f, keying);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    const v = new ChainVerifier();
    chain(5).forEach((e) => v.feed(e));
    expect(v.result()).toMatchObject({ ok: true, entries: 5 });
  });

  it('finds a changed field at its entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, justification: 'changed afterwards' };
    const v = new ChainVerifier();
    entries.forEach((e) => v.feed(e));
    expect(v.result()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('finds a removed entry where the gap is', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    const v = new ChainVerifier();
    entries.forEach((e) => v.feed(e));
    expect(v.result()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('finds a recomputed entry by the next entry whose prevHash no longer matches', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, object: 'M-999999-POL' };
    forged.hash = auditHash(forged.prevHash, forged);
    entries[1] = forged;
    const v = new ChainVerifier();
    entries.forEach((e) => v.feed(e));
    expect(v.result()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  describe('keyed', () => {
    const key = Buffer.alloc(32, 7);
    it('verifies with its key only; a chain re-hashed without the key breaks at its first keyed entry', () => {
      const keying = { key, keyedFrom: 1 };
      const ok = new ChainVerifier(keying);
      chain(4, keying).forEach((e) => ok.feed(e));
      expect(ok.result()).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
      const wrongKey = new ChainVerifier({ key: Buffer.alloc(32, 8), keyedFrom: 1 });
      chain(4, keying).forEach((e) => wrongKey.feed(e));
      expect(wrongKey.result()).toMatchObject({ ok: false, brokenAt: 1 });
      const unkeyed = new ChainVerifier(keying);
      chain(4).forEach((e) => unkeyed.feed(e));
      expect(unkeyed.result()).toMatchObject({
        ok: false,
        brokenAt: 1,
        reason: expect.stringContaining('keyed hash'),
      });
    });

    it('goes on keyed at a marker entry after an unkeyed start, and insists on the marker', () => {
      const keying = { key, keyedFrom: 3 };
      const v = new ChainVerifier(keying);
      chain(5, keying, 3).forEach((e) => v.feed(e));
      expect(v.result()).toMatchObject({ ok: true, entries: 5 });
      const noMarker = new ChainVerifier(keying);
      chain(5, keying).forEach((e) => noMarker.feed(e));
      expect(noMarker.result()).toMatchObject({ ok: false, brokenAt: 3 });
    });

    it('starts from a verified head and collects the hashes it is asked to watch', () => {
      const keying = { key, keyedFrom: 1 };
      const entries = chain(5, keying);
      const v = new ChainVerifier(keying, { seq: 2, hash: entries[1]!.hash }, new Set([4]));
      entries.slice(2).forEach((e) => v.feed(e));
      expect(v.result()).toMatchObject({ ok: true, entries: 3, head: { seq: 5, hash: entries[4]!.hash } });
      expect(v.seen.get(4)).toBe(entries[3]!.hash);
    });
  });
});
