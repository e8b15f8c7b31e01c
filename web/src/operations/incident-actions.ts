import { api } from '../api/client';
import type { Incident } from './camunda-types';

/**
 * Retry: give the failed job its retries back (`PATCH /v2/jobs/{key}`), then resolve the incident so
 * the engine runs the job again (Camunda's documented order). Incidents without a job (an expression
 * failed) are resolved only: the element is tried again.
 */
export async function retryIncident(incident: Incident, retries = 3): Promise<void> {
  if (incident.jobKey) {
    await api('PATCH', `/api/operations/v2/jobs/${encodeURIComponent(incident.jobKey)}`, {
      changeset: { retries },
    });
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
