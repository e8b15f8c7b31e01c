import type { ElementBehaviour } from '../runtime-api';

/** Start events: already triggered when entered; the trigger's variables (if any) merge on completion. */
export const startEvent: ElementBehaviour = {
  activated(rt, ei, payload) {
    rt.complete(ei, payload);
  },
};
