import type { ElementBehaviour } from '../runtime-api';
import { evaluateUserTask, jobHeaders } from './user-task-settings';

/**
 * User tasks. A Camunda user task (`zeebe:userTask`) waits as a user-task row (CREATED, then
 * COMPLETED or CANCELED) that people assign, update and complete through the REST API; the older
 * job-based user task is a job of type `io.camunda.zeebe:userTask` with Zeebe's headers.
 */
export const userTask: ElementBehaviour = {
  activated(rt, ei) {
    const def = ei.element.userTask!;
    const settings = evaluateUserTask(rt, ei, def);
    if (!settings.ok) return rt.raiseIncident(ei, settings.incidentType, settings.message);
    if (!def.native) return rt.createJob(ei, jobHeaders(settings.value));
    if (!rt.ports.userTasks)
      return rt.raiseIncident(ei, 'UNKNOWN', 'Camunda user tasks are not available in this engine');
    rt.ports.userTasks.create(rt, ei, settings.value);
  },
  terminating(rt, ei) {
    if (ei.element.userTask?.native) rt.ports.userTasks?.cancel(rt, ei);
    else rt.cancelJob(ei);
  },
};
