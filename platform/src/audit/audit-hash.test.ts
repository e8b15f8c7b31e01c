import { auditHash, ChainVerifier, GENESIS_HASH, type AuditFields } from './audit-hash';

function chain(n: number) {
  const out: Array<AuditFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: AuditFields = {
      seq: i,
      at: `2026-11-26T10:00:0${i}.000Z`,
      user: 'agent.comines',
      agencyId: 'PZ-5318',
      action: 'mandate.read',
      object: `M-00000${i}-POL`,
      justification: 'inbox',
      outcome: 'ok',
    };
    const hash = auditHash(prev, f);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    const v = new ChainVerifier();
    chain(5).forEach((e) => v.feed(e));
    expect(v.result()).toEqual({ ok: true, entries: 5 });
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
});
