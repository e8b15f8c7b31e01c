import type { ElementBehaviour } from '../runtime-api';
import { evaluateCondition } from '../expressions';
import { chosenFlows } from './chosen-flows';

/**
 * Exclusive gateway: the first outgoing flow (in document order) whose condition is true, else
 * the default flow, else an incident. Joining is a plain pass-through.
 */
export const exclusiveGateway: ElementBehaviour = {
  activated(rt, ei) {
    const flows = ei.element.outgoingFlows;
    if (flows.length === 0) return rt.complete(ei);
    if (flows.length === 1 && !flows[0].condition) {
      ei.data.takeFlows = [flows[0].id];
      return rt.complete(ei);
    }
    const context = rt.context(ei);
    for (const flow of flows) {
      if (!flow.condition || flow.id === ei.element.defaultFlow) continue;
      const r = evaluateCondition(flow.condition, context, rt.feel);
      if (!r.ok) return rt.raiseIncident(ei, 'CONDITION_ERROR', r.message);
      if (r.value) {
        ei.data.takeFlows = [flow.id];
        return rt.complete(ei);
      }
    }
    if (ei.element.defaultFlow) {
      ei.data.takeFlows = [ei.element.defaultFlow];
      return rt.complete(ei);
    }
    rt.raiseIncident(
      ei,
      'CONDITION_ERROR',
      `Expected at least one condition to evaluate to true, or to have a default flow (gateway '${ei.element.id}')`,
    );
  },
  completed(rt, ei) {
    rt.takeFlows(ei, chosenFlows(ei));
  },
};
