'use strict';
/** @typedef {import('./api-types').Decision} Decision */

/**
 * True once the platform has done the routing of an uploaded decision: it was routed and every routed
 * recipient has its mandate, or it went another way (old channel, manual assignment, closed).
 * @param {Decision} decision
 */
function routingSettled(decision) {
  if (decision.status === 'received') return false;
  if (decision.status !== 'routed') return true;
  const expected =
    (decision.routing && decision.routing.recipients && decision.routing.recipients.length) || 0;
  return (decision.mandates || []).length >= expected;
}

/**
 * Reads the decision again until its routing has settled or the time is up, and returns the last
 * state seen (the upload answers before the engine has issued the mandates).
 * @param {Decision} uploaded
 * @param {() => Promise<Decision>} fetchDecision
 * @param {{ timeoutMs: number, intervalMs: number, signal: AbortSignal }} wait
 * @returns {Promise<Decision>}
 */
async function waitForRouting(uploaded, fetchDecision, wait) {
  const deadline = Date.now() + wait.timeoutMs;
  let decision = uploaded;
  while (!routingSettled(decision) && Date.now() < deadline && !wait.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.intervalMs, deadline - Date.now())));
    decision = await fetchDecision();
  }
  return decision;
}

module.exports = { routingSettled, waitForRouting };
