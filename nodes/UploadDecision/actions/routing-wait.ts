import type { Decision } from '../../Iplus/api-types';

/** How long and how often to look at a decision while its routing runs; the clock is injected for tests. */
export type RoutingWait = {
  timeoutMs: number;
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
};

/**
 * True once the platform has done the routing of an uploaded decision: it was routed and every routed
 * recipient has its mandate, or it went another way (old channel, manual assignment, closed).
 */
export function routingSettled(decision: Decision): boolean {
  if (decision.status === 'received') return false;
  if (decision.status !== 'routed') return true;
  const expected = decision.routing?.recipients?.length ?? 0;
  return (decision.mandates ?? []).length >= expected;
}

/**
 * Looks at the decision again until its routing has settled or the time is up, and returns the last
 * state seen. The platform routes within seconds of the upload, on its own engine: the upload itself
 * answers before the mandates exist.
 */
export async function awaitRouting(
  uploaded: Decision,
  fetchDecision: () => Promise<Decision>,
  wait: RoutingWait,
): Promise<Decision> {
  const deadline = wait.now() + wait.timeoutMs;
  let decision = uploaded;
  while (!routingSettled(decision) && wait.now() < deadline) {
    await wait.sleep(Math.min(wait.intervalMs, deadline - wait.now()));
    decision = await fetchDecision();
  }
  return decision;
}
