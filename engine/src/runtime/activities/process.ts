import type { ElementBehaviour } from '../runtime-api';
import { completeScopeIfDone } from './container';

/** The process instance itself: enters its start element(s); completes when nothing runs inside. */
export const processBehaviour: ElementBehaviour = {
  activated(rt, root) {
    const starts = root.instance.startAt ?? [root.element.noneStartElement!];
    root.instance.startAt = undefined;
    for (const start of starts) rt.activate(root, start);
  },
  childCompleted(rt, root) {
    completeScopeIfDone(rt, root);
  },
  completed() {
    // The runtime ends the instance (and resumes a calling activity).
  },
};
