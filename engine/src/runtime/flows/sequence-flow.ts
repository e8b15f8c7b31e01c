import type { Element, Flow } from '../../model/executable-process';
import type { ElementInstance } from '../instance-state';
import type { RuntimeApi } from '../runtime-api';

const isJoin = (e: Element) =>
  (e.type === 'PARALLEL_GATEWAY' || e.type === 'INCLUSIVE_GATEWAY') && e.incomingFlows.length > 1;

/**
 * Takes a sequence flow inside `scope`: the target is entered, unless it is a joining gateway,
 * which collects one token per incoming flow (kept on the scope) until it may fire.
 */
export function takeFlow(rt: RuntimeApi, scope: ElementInstance, flow: Flow): void {
  const target = flow.targetElement;
  if (!isJoin(target)) {
    rt.activate(scope, target);
    return;
  }
  const joins = (scope.data.joins ??= {});
  const tokens = (joins[target.id] ??= {});
  tokens[flow.id] = (tokens[flow.id] ?? 0) + 1;
  rt.store.elementChanged(scope);
  fireJoinIfReady(rt, scope, target);
}

/** True while tokens wait at a joining gateway of the scope (the scope cannot complete). */
export function hasWaitingTokens(scope: ElementInstance): boolean {
  const joins = scope.data.joins;
  if (!joins) return false;
  for (const id in joins) for (const f in joins[id]) if (joins[id][f] > 0) return true;
  return false;
}

/** Re-checks inclusive joins of a scope after something in it ended (a path may have died). */
export function resumeInclusiveJoins(rt: RuntimeApi, scope: ElementInstance): void {
  const joins = scope.data.joins;
  if (!joins) return;
  for (const id of Object.keys(joins)) {
    const gateway = scope.instance.process.element(id);
    if (gateway.type === 'INCLUSIVE_GATEWAY') fireJoinIfReady(rt, scope, gateway);
  }
}

function fireJoinIfReady(rt: RuntimeApi, scope: ElementInstance, gateway: Element): void {
  const tokens = scope.data.joins?.[gateway.id];
  if (!tokens) return;
  const arrived = gateway.incomingFlows.filter((f) => (tokens[f.id] ?? 0) > 0);
  if (arrived.length === 0) return;
  if (arrived.length < gateway.incomingFlows.length) {
    if (gateway.type === 'PARALLEL_GATEWAY') return;
    // Inclusive join: wait while an element still running in the scope can reach a missing flow.
    const active = new Set<string>();
    for (const child of scope.instance.childrenOf(scope.key)) active.add(child.element.id);
    for (const f of gateway.incomingFlows) {
      if ((tokens[f.id] ?? 0) > 0) continue;
      if ((gateway.joinReach?.[f.id] ?? []).some((id) => active.has(id))) return;
    }
  }
  for (const f of arrived) tokens[f.id] -= 1;
  for (const f of Object.keys(tokens)) if (tokens[f] <= 0) delete tokens[f];
  if (Object.keys(tokens).length === 0) delete scope.data.joins![gateway.id];
  if (Object.keys(scope.data.joins!).length === 0) delete scope.data.joins;
  rt.store.elementChanged(scope);
  rt.activate(scope, gateway);
}
