import type { ElementBehaviour } from '../runtime-api';

/** Service, send and user tasks (and message throw events): a job for a worker; its completion completes the task. */
export const jobTask: ElementBehaviour = {
  activated(rt, ei) {
    rt.createJob(ei);
  },
  terminating(rt, ei) {
    rt.cancelJob(ei);
  },
};

/** Manual tasks and undefined tasks: pass straight through. */
export const passThrough: ElementBehaviour = {
  activated(rt, ei) {
    rt.complete(ei);
  },
};
