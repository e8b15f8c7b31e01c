import type { Flow } from '../../model/executable-process';
import type { ElementInstance } from '../instance-state';

/** The outgoing flows a gateway chose when it was entered. */
export function chosenFlows(ei: ElementInstance): Flow[] {
  const ids = ei.data.takeFlows ?? [];
  return ei.element.outgoingFlows.filter((f) => ids.includes(f.id));
}
