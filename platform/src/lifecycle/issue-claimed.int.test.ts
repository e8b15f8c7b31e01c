import { uploadDecision } from '../decisions/upload-decision';
import { cominesDecision, monsClerk as clerk, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import type { RouteCase } from '../mandates/process-recipient';
import { systemActor } from '../service-context';
import type { RoutingOutput } from '../views/routing-view';
import { loadReferenceData } from '../reference';
import { expectedRouting } from '../routing/expected-routing';
import { issueToCurrentDomicile, NOT_CLAIMED } from './issue-to-current-domicile';

/** What the province's routing names for Comines-Warneton (the engine's answer, given here). */
const comines: RoutingOutput = expectedRouting(
  loadReferenceData(),
  '57097',
  'conditional_release',
  'fr',
  false,
)!;

/** A promise and the function that settles it. */
function gate<T>(): { settled: Promise<T>; settle: (v: T) => void } {
  let settle!: (v: T) => void;
  const settled = new Promise<T>((r) => (settle = r));
  return { settled, settle };
}

// The issue job's claim runs beside the issue's first reads (issue-mandate.worker.ts): nothing is
// written or refused before the claim has answered, and an instance that is not the recorded one
// leaves nothing behind.
describe(`an issue beside its instance's claim, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-issue-claimed-');
  let n = 0;
  const upload = async () =>
    (
      await uploadDecision(t.ctx, clerk, {
        decision: cominesDecision(`TAP-MONS-2026-CLAIMED-${++n}`),
        document: { fileName: 'decision.pdf', bytes: samplePdf() },
      })
    ).decision.id;
  const issue = (decisionId: string, recipientId: string, route: RouteCase, claimed: Promise<boolean>) =>
    issueToCurrentDomicile(
      t.ctx,
      { decisionId, kind: 'police_check', recipientId, deadline: 'PT24H', processInstanceKey: '77' },
      route,
      systemActor('iplus:issue-mandate'),
      claimed,
    );
  const mandatesOf = (decisionId: string) =>
    t.store.db.selectFrom('mandates').select('id').where('decision_id', '=', decisionId).execute();
  const deniedAudits = () =>
    t.store.db.selectFrom('audit_log').select('seq').where('outcome', '=', 'denied').execute();

  it('evaluates the routing while the claim is still open, and issues once it says yes', async () => {
    const id = await upload();
    const claim = gate<boolean>();
    const routed = gate<void>();
    const issuing = issue(
      id,
      'PZ-5318',
      async () => {
        routed.settle();
        return comines;
      },
      claim.settled,
    );
    await routed.settled; // the routing is asked for before the claim has answered
    expect(await mandatesOf(id)).toEqual([]);
    claim.settle(true);
    expect(await issuing).toMatchObject({ id: expect.stringMatching(/-POL$/), created: true });
    expect(await mandatesOf(id)).toHaveLength(1);
  });

  it('an instance that is not the recorded one issues nothing and refuses nothing', async () => {
    const id = await upload();
    // the process names another zone than the routing: a recorded instance would be refused (audited)
    const route: RouteCase = () => Promise.resolve(comines);
    expect(await issue(id, 'PZ-5339', route, Promise.resolve(false))).toBe(NOT_CLAIMED);
    expect(await issue(id, 'PZ-5318', route, Promise.resolve(false))).toBe(NOT_CLAIMED);
    expect(await mandatesOf(id)).toEqual([]);
    expect(await deniedAudits()).toEqual([]);
    // the same, recorded: refused and audited
    await expect(issue(id, 'PZ-5339', route, Promise.resolve(true))).rejects.toThrow(/recipient mismatch/);
    expect(await deniedAudits()).toHaveLength(1);
  });

  it('a claim that fails fails the issue, even when the routing failed first, and nothing is written', async () => {
    const id = await upload();
    const claim = gate<boolean>();
    const failing = issue(
      id,
      'PZ-5318',
      () => Promise.reject(new Error('engine unreachable')),
      claim.settled.then(() => Promise.reject(new Error('store unreachable'))),
    );
    claim.settle(true);
    await expect(failing).rejects.toThrow('store unreachable');
    expect(await mandatesOf(id)).toEqual([]);
  });
});
