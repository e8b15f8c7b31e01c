import type { ElementBehaviour } from '../runtime-api';
import { chosenFlows } from './chosen-flows';

/**
 * Event-based gateway: waits for the events after it; the first that happens wins, the others'
 * waits close, and the path to the winner is taken (see Runtime.triggerEvent).
 */
export const eventBasedGateway: ElementBehaviour = {
  activated(rt, ei) {
    for (const flow of ei.element.outgoingFlows) {
      const opened = rt.openWait(ei, flow.targetElement, false);
      if (!opened.ok) {
        rt.closeWaits(ei);
        return rt.raiseIncident(ei, opened.incidentType ?? 'EXTRACT_VALUE_ERROR', opened.message);
      }
    }
  },
  completed(rt, ei) {
    const scope = ei.instance.elements.get(ei.flowScopeKey);
    if (!scope) return;
    for (const flow of chosenFlows(ei)) rt.activate(scope, flow.targetElement, ei.payload ?? {});
    ei.payload = undefined;
  },
};
