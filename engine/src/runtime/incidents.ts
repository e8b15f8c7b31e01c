import type { IncidentRows } from '../state/incident-rows';
import type { ElementInstance } from './instance-state';
import type { IncidentType, RuntimeApi } from './runtime-api';

/**
 * Incidents: an element instance that cannot go on (no retries left, a failing expression, an
 * uncaught error) keeps its state and records why; resolving retries the step that failed.
 */
export class Incidents {
  constructor(
    private readonly rt: RuntimeApi,
    private readonly rows: IncidentRows,
  ) {}

  raise(ei: ElementInstance, type: IncidentType, message: string, jobKey?: number): number {
    const rt = this.rt;
    const key = rt.keys.next();
    const p = ei.instance.process;
    this.rows.insert.run(
      key,
      type,
      message,
      ei.instance.key,
      p.key,
      p.bpmnProcessId,
      ei.key,
      ei.element.id,
      jobKey ?? null,
      rt.now,
    );
    ei.incidentKey = key;
    ei.instance.incidentCount++;
    rt.store.elementChanged(ei);
    rt.store.elementChanged(ei.instance.root);
    return key;
  }

  /** Marks the incident of an element instance resolved (on retry, or when the element ends). */
  resolve(ei: ElementInstance): void {
    if (ei.incidentKey === undefined) return;
    this.rows.resolve.run(this.rt.now, ei.incidentKey);
    ei.incidentKey = undefined;
    ei.instance.incidentCount = Math.max(0, ei.instance.incidentCount - 1);
    this.rt.store.elementChanged(ei);
    this.rt.store.elementChanged(ei.instance.root);
  }

  /** Marks an incident resolved whose element instance has already ended. */
  resolveRow(key: number): void {
    this.rows.resolve.run(this.rt.now, key);
  }

  row(key: number) {
    return this.rows.select.get(key);
  }
}
