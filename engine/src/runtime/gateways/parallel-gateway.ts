import type { ElementBehaviour } from '../runtime-api';

/** Parallel gateway: forks to every outgoing flow; joins once a token came in on every incoming flow. */
export const parallelGateway: ElementBehaviour = {
  activated(rt, ei) {
    rt.complete(ei);
  },
};
