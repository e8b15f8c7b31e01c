import { ManualClock } from '../clock';
import type { ChainCheck } from '../audit/audit-hash';
import { AUDIT_VERIFY_EVERY_MS, AuditChainState } from './audit-chain-state';

/** An audit log whose verify() answers what the test says, counting its calls. */
function fakeAudit(results: Array<ChainCheck | Error>) {
  const audit = {
    calls: 0,
    verify: async (): Promise<ChainCheck> => {
      const r = results[Math.min(audit.calls++, results.length - 1)]!;
      if (r instanceof Error) throw r;
      return r;
    },
  };
  return audit;
}

describe('AuditChainState', () => {
  it('verifies at the first read, then reuses the result until five minutes have passed', async () => {
    const clock = new ManualClock();
    const audit = fakeAudit([
      { ok: true, entries: 10 },
      { ok: false, brokenAt: 4, entries: 12 },
    ]);
    const state = new AuditChainState(audit, clock);
    expect(await state.current()).toEqual({ intact: true, entries: 10, verifiedAt: clock.now() });
    clock.advance(AUDIT_VERIFY_EVERY_MS - 1);
    expect((await state.current()).entries).toBe(10);
    expect(audit.calls).toBe(1);
    clock.advance(1);
    expect(await state.current()).toMatchObject({ intact: false, entries: 12 });
    expect(audit.calls).toBe(2);
  });

  it('says "not verified" when the verification itself fails, and tries again later', async () => {
    const clock = new ManualClock();
    const audit = fakeAudit([new Error('database locked'), { ok: true, entries: 3 }]);
    const state = new AuditChainState(audit, clock);
    expect((await state.current()).intact).toBeUndefined();
    clock.advance(AUDIT_VERIFY_EVERY_MS);
    expect(await state.current()).toMatchObject({ intact: true, entries: 3 });
  });
});
