import type { ElementBehaviour } from '../runtime-api';

/**
 * Intermediate catch events and receive tasks: wait for their message, timer or signal. Entered
 * with a payload (after an event-based gateway, or a link), they complete at once.
 */
export const catchEvent: ElementBehaviour = {
  activated(rt, ei, payload) {
    if (payload !== undefined) return rt.complete(ei, payload);
    const opened = rt.openWait(ei, ei.element, false);
    if (!opened.ok) rt.raiseIncident(ei, opened.incidentType ?? 'EXTRACT_VALUE_ERROR', opened.message);
  },
};

/** Boundary events: entered when their event happened on the activity; complete with its variables. */
export const boundaryEvent: ElementBehaviour = {
  activated(rt, ei, payload) {
    rt.complete(ei, payload);
  },
};
