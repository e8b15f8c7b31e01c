import type { ElementInstance } from '../instance-state';
import type { ElementBehaviour, RuntimeApi } from '../runtime-api';
import { hasWaitingTokens, resumeInclusiveJoins } from '../flows/sequence-flow';

/** A scope completes once nothing runs inside it and no token waits at a join. */
export function completeScopeIfDone(rt: RuntimeApi, scope: ElementInstance): void {
  resumeInclusiveJoins(rt, scope);
  if (scope.state === 'ACTIVATED' && (scope.data.children ?? 0) === 0 && !hasWaitingTokens(scope)) {
    rt.complete(scope);
  }
}

/** Embedded subprocess: enters its none start event; completes when its inside is done. */
export const subProcess: ElementBehaviour = {
  activated(rt, ei) {
    rt.activate(ei, ei.element.noneStartElement!);
  },
  childCompleted(rt, ei) {
    completeScopeIfDone(rt, ei);
  },
};

/** Event subprocess: entered by its start event's trigger, which it passes on to that start event. */
export const eventSubProcess: ElementBehaviour = {
  activated(rt, ei, payload) {
    rt.activate(ei, ei.element.startElement!, payload ?? {});
  },
  childCompleted(rt, ei) {
    completeScopeIfDone(rt, ei);
  },
  completed() {
    // An event subprocess has no outgoing flows; its scope notices it ended.
  },
};
