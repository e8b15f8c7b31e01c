import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { Incident } from './camunda-types';

/**
 * Retry: give the failed job its retries back, then resolve the incident so the engine runs the job
 * again (Camunda's documented order). Incidents without a job (an expression failed) are resolved only.
 */
export async function retryIncident(incident: Incident, retries = 3): Promise<void> {
  if (incident.jobKey) {
    try {
      await api('PATCH', `/api/operations/v2/jobs/${encodeURIComponent(incident.jobKey)}`, {
        changeset: { retries },
      });
    } catch (e) {
      // A platform that does not pass job updates through yet: resolving still re-runs the element.
      if (!(e instanceof ApiError) || ![404, 405].includes(e.problem.status)) throw e;
    }
  }
  await resolveIncident(incident);
}

/** Marks the incident resolved (after the cause was fixed elsewhere). */
export async function resolveIncident(incident: Incident): Promise<void> {
  await api(
    'POST',
    `/api/operations/v2/incidents/${encodeURIComponent(incident.incidentKey)}/resolution`,
    {},
  );
}
