import type { ElementBehaviour } from '../runtime-api';
import { evaluateCondition } from '../expressions';
import { chosenFlows } from './chosen-flows';

/**
 * Inclusive gateway: every outgoing flow whose condition is true, else the default flow, else an
 * incident. As a join it waits until no running path can still reach it (see sequence-flow.ts).
 */
export const inclusiveGateway: ElementBehaviour = {
  activated(rt, ei) {
    const flows = ei.element.outgoingFlows;
    if (flows.length <= 1 && !flows[0]?.condition) {
      ei.data.takeFlows = flows.map((f) => f.id);
      return rt.complete(ei);
    }
    const context = rt.context(ei);
    const taken: string[] = [];
    for (const flow of flows) {
      if (flow.id === ei.element.defaultFlow) continue;
      if (!flow.condition) {
        taken.push(flow.id);
        continue;
      }
      const r = evaluateCondition(flow.condition, context, rt.feel);
      if (!r.ok) return rt.raiseIncident(ei, 'CONDITION_ERROR', r.message);
      if (r.value) taken.push(flow.id);
    }
    if (taken.length === 0 && ei.element.defaultFlow) taken.push(ei.element.defaultFlow);
    if (taken.length === 0) {
      return rt.raiseIncident(
        ei,
        'CONDITION_ERROR',
        `Expected at least one condition to evaluate to true, or to have a default flow (gateway '${ei.element.id}')`,
      );
    }
    ei.data.takeFlows = taken;
    rt.complete(ei);
  },
  completed(rt, ei) {
    rt.takeFlows(ei, chosenFlows(ei));
  },
};
