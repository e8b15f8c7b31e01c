import { sharedWhileInFlight } from '../../in-flight';
import { queuePassOn } from '../../lifecycle/lifecycle-messages';
import { recordRouting } from '../../routing/record-routing';
import type { Db } from '../../store/database';
import {
  CONDITIONAL_RELEASE,
  claimDecisionInstance,
  claimMandateInstance,
  MANDATE_FOLLOW_UP,
} from '../process-starts';
import type { IplusJob, JobAction } from './job-outcome';
import type { WorkerDeps } from './worker-deps';

/** What a job's claim established for its process instance (see `known`). */
interface Claimed {
  /** The decision's routing is kept (or the instance carries none to keep). */
  routed: boolean;
}

/**
 * Per store, the process instances (`<process>:<instance key>:<decision or mandate id>`) already
 * found to be the recorded ones, so the jobs after the first of an instance touch no row at all.
 * Safe to cache: a recorded key is written once (`null → key`) and never replaced by another key
 * (only cleared when an old-channel case is re-sent, after its instance has ended, and the new
 * instance has a new key); a key is cached only after the store answered for it (a committed
 * fact), so a crash loses nothing but the cache, and the next job asks the store again. Bounded:
 * the oldest entries go first.
 */
const known = new WeakMap<Db, Map<string, Claimed>>();
const MAX_KNOWN = 10_000;

function knownOf(db: Db): Map<string, Claimed> {
  let m = known.get(db);
  if (!m) known.set(db, (m = new Map()));
  return m;
}

/**
 * Whether this job's process instance is the one recorded for its decision (or hand-issued mandate).
 * False for a duplicate instance left by a crash between starting it and recording it, or for an instance of an erased case: the
 * caller then cancels that instance instead of acting twice. Instances of other processes (an
 * analyst's own diagram using our element templates) are always acted on. For a recorded
 * `conditional-release` instance, this is also the one place the routing the process computed is
 * kept with the decision (the first job that carries it: signalement, mandate or old channel).
 */
export async function isRecordedInstance(
  job: IplusJob,
  deps: WorkerDeps,
  /** False for a job whose `routing` is not the decision's (a move's, of the new domicile). */
  keepsRouting = true,
): Promise<boolean> {
  const { decisionId, mandateId } = job.variables;
  const routing = keepsRouting ? job.variables.routing : undefined;
  const { db } = deps.ctx;
  if (job.bpmnProcessId === CONDITIONAL_RELEASE && typeof decisionId === 'string') {
    const claimed = await claimOnce(db, `${job.bpmnProcessId}:${job.processInstanceKey}:${decisionId}`, () =>
      claimDecisionInstance(db, decisionId, job.processInstanceKey),
    );
    if (!claimed) return false;
    if (!claimed.routed && routing && typeof routing === 'object') {
      await recordRouting(deps.ctx, decisionId, routing);
      claimed.routed = true;
    }
    return true;
  }
  if (job.bpmnProcessId === MANDATE_FOLLOW_UP && typeof mandateId === 'string') {
    // A mandate the decision's process issued is followed up by its call activity: the decision's
    // instance is the one claimed, the child is part of it. The answer is cached like any claim (a
    // mandate's origin never changes), so later jobs of the follow-up read no row.
    const claimed = await claimOnce(
      db,
      `${job.bpmnProcessId}:${job.processInstanceKey}:${mandateId}`,
      async () => {
        const m = await db
          .selectFrom('mandates')
          .select('origin')
          .where('id', '=', mandateId)
          .executeTakeFirst();
        return m?.origin === 'process' || claimMandateInstance(db, mandateId, job.processInstanceKey);
      },
    );
    return claimed !== undefined;
  }
  return true;
}

/**
 * The cached claim of an instance, or the store's answer (cached when it is yes); undefined for no.
 * The first jobs of a decision (signalement, mandates) arrive together, often before the outbox's
 * own claim has committed: they share one claim in flight instead of each reading, then writing in
 * a durable transaction of its own (one wins anyway).
 */
async function claimOnce(db: Db, id: string, claim: () => Promise<boolean>): Promise<Claimed | undefined> {
  const cache = knownOf(db);
  const hit = cache.get(id);
  if (hit) return hit;
  return claiming(db, id, async () => {
    if (!(await claim())) return undefined;
    const claimed: Claimed = { routed: false };
    if (cache.size >= MAX_KNOWN) cache.delete(cache.keys().next().value as string);
    cache.set(id, claimed);
    return claimed;
  });
}

/** Per store, the claims being made now (see claimOnce). */
const claiming = sharedWhileInFlight<Claimed | undefined>();

/**
 * For a job that follows a lifecycle message (a revocation, a move, a revision): cancels this job's
 * instance, a duplicate that took the message, and passes the message on to the recorded instance
 * (`queuePassOn`), which would otherwise never hear of it.
 */
export async function cancelDuplicateTaking(
  job: IplusJob,
  deps: WorkerDeps,
  message: { name: string; messageId: string },
): JobAction {
  const { ctx } = deps;
  if (await queuePassOn(ctx.db, ctx.clock.now(), { ...message, duplicateKey: job.processInstanceKey }))
    ctx.outbox.kick();
  return cancelDuplicate(job, deps);
}

/**
 * Cancels this job's process instance, a duplicate left by a crash (see isRecordedInstance), and lets
 * the job go with it. Cancelling an instance already gone counts as done.
 */
export async function cancelDuplicate(job: IplusJob, deps: WorkerDeps): JobAction {
  deps.ctx.logger.warn('cancelling a duplicate process instance', {
    processInstanceKey: job.processInstanceKey,
    type: job.type,
  });
  await deps.engine.cancelProcessInstance(job.processInstanceKey);
  return job.forward();
}
