import type { DefinitionStore } from '../state/definition-store';
import type { InstanceRows } from '../state/instance-rows';
import type { ElementType } from '../model/process-model';
import {
  InstanceState,
  type ElementData,
  type ElementInstance,
  type ElementState,
  type Job,
  type JobState,
  type Variable,
} from './instance-state';

const dataJson = (data: ElementData): string | null => {
  for (const _ in data) return JSON.stringify(data);
  return null;
};

/** JSON text of a variable's value, computed once. */
export function variableJson(v: Variable): string {
  if (v.json === undefined) v.json = JSON.stringify(v.value ?? null) ?? 'null';
  return v.json;
}

/**
 * The working set: running instances loaded from their rows on first touch, kept in a bounded
 * cache, and written back (one row write per changed entity) at the end of each command.
 */
export class InstanceStore {
  private readonly cache = new Map<number, InstanceState>();
  private readonly dirtyElements = new Set<ElementInstance>();
  private readonly dirtyVariables = new Set<Variable>();
  private readonly dirtyJobs = new Set<Job>();
  private readonly ended = new Set<number>();

  constructor(
    private readonly rows: InstanceRows,
    private readonly definitions: DefinitionStore,
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.cache.size;
  }

  /** The running instance with this key, or undefined when it does not exist or has ended. */
  get(key: number): InstanceState | undefined {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.status === 'ACTIVE' ? cached : undefined;
    }
    const loaded = this.load(key);
    if (loaded) this.cache.set(key, loaded);
    return loaded;
  }

  /** The running instance a job belongs to. */
  instanceOfJob(jobKey: number): { instance?: InstanceState; state?: string } {
    const row = this.rows.selectJobInstance.get(jobKey);
    if (!row) return {};
    return { instance: this.get(row.process_instance_key), state: row.state };
  }

  /** The running instance holding an element instance (or the instance itself, by its key). */
  instanceOfElement(key: number): InstanceState | undefined {
    const direct = this.get(key);
    if (direct) return direct;
    const row = this.rows.selectElementInstance.get(key);
    return row ? this.get(row.process_instance_key) : undefined;
  }

  add(instance: InstanceState): void {
    this.cache.set(instance.key, instance);
  }

  elementChanged(ei: ElementInstance): void {
    this.dirtyElements.add(ei);
  }

  variableChanged(v: Variable): void {
    this.dirtyVariables.add(v);
  }

  jobChanged(job: Job): void {
    this.dirtyJobs.add(job);
  }

  instanceEnded(key: number): void {
    this.ended.add(key);
  }

  /** Writes every entity changed by the current command into the open transaction. */
  flush(): void {
    const r = this.rows;
    for (const ei of this.dirtyElements) {
      const endTime = ei.endTime ?? null;
      const incidentKey = ei.incidentKey ?? null;
      if (ei.type === 'PROCESS') {
        const inst = ei.instance;
        const data = JSON.stringify({ ...ei.data, elementState: ei.state });
        if (ei.persisted) r.updateInstance.run(inst.status, endTime, inst.incidentCount, data, ei.key);
        else {
          const p = inst.process;
          r.insertInstance.run(
            ei.key,
            p.key,
            p.bpmnProcessId,
            p.version,
            inst.status,
            ei.startTime,
            endTime,
            inst.parentInstanceKey ?? null,
            inst.parentElementInstanceKey ?? null,
            inst.incidentCount,
            data,
          );
        }
      } else if (ei.persisted) {
        r.updateElement.run(ei.state, endTime, incidentKey, dataJson(ei.data), ei.key);
      } else {
        const p = ei.instance.process;
        r.insertElement.run(
          ei.key,
          ei.instance.key,
          p.key,
          p.bpmnProcessId,
          ei.element.id,
          ei.type,
          ei.flowScopeKey,
          ei.state,
          ei.startTime,
          endTime,
          incidentKey,
          dataJson(ei.data),
        );
      }
      ei.persisted = true;
    }
    for (const v of this.dirtyVariables) {
      r.upsertVariable.run(v.key, v.instanceKey, v.scopeKey, v.name, variableJson(v));
      v.persisted = true;
    }
    for (const j of this.dirtyJobs) {
      if (j.persisted) {
        r.updateJob.run(
          j.state,
          j.retries,
          j.worker ?? null,
          j.deadline ?? null,
          j.retryAt ?? null,
          j.errorMessage ?? null,
          j.errorCode ?? null,
          j.endTime ?? null,
          j.key,
        );
      } else {
        const p = j.instance.process;
        r.insertJob.run(
          j.key,
          j.type,
          j.state,
          j.instance.key,
          j.elementInstanceKey,
          j.elementId,
          p.bpmnProcessId,
          p.key,
          p.version,
          j.retries,
          j.worker ?? null,
          j.deadline ?? null,
          j.retryAt ?? null,
          j.customHeaders,
          j.errorMessage ?? null,
          j.errorCode ?? null,
          j.creationTime,
          j.endTime ?? null,
        );
      }
      j.persisted = true;
    }
    this.dirtyElements.clear();
    this.dirtyVariables.clear();
    this.dirtyJobs.clear();
    for (const key of this.ended) this.cache.delete(key);
    this.ended.clear();
  }

  /** Drops changes not yet flushed and everything cached (after a rolled-back command). */
  reset(): void {
    this.dirtyElements.clear();
    this.dirtyVariables.clear();
    this.dirtyJobs.clear();
    this.ended.clear();
    this.cache.clear();
  }

  /** Keeps the cache within its capacity, dropping the least recently used instances. */
  trim(): void {
    if (this.cache.size <= this.capacity) return;
    let excess = this.cache.size - this.capacity;
    for (const key of this.cache.keys()) {
      if (excess-- <= 0) break;
      this.cache.delete(key);
    }
  }

  private load(key: number): InstanceState | undefined {
    const row = this.rows.selectInstance.get(key);
    if (!row || row.state !== 'ACTIVE') return undefined;
    const process = this.definitions.byDefinitionKey(row.process_definition_key);
    if (!process)
      throw new Error(`process definition ${row.process_definition_key} of instance ${key} is missing`);
    const instance = new InstanceState(
      key,
      process,
      row.parent_process_instance_key ?? undefined,
      row.parent_element_instance_key ?? undefined,
    );
    instance.incidentCount = row.incident_count;
    const { elementState, ...rootData } = JSON.parse(row.data ?? '{}') as ElementData & {
      elementState: ElementState;
    };
    instance.root = {
      key,
      instance,
      element: process.root,
      type: 'PROCESS',
      flowScopeKey: -1,
      state: elementState ?? 'ACTIVATED',
      startTime: row.start_time,
      data: rootData,
      persisted: true,
    };
    instance.elements.set(key, instance.root);
    for (const e of this.rows.selectActiveElements.all(key)) {
      instance.elements.set(e.key, {
        key: e.key,
        instance,
        element: process.element(e.element_id),
        type: e.element_type as ElementType,
        flowScopeKey: e.flow_scope_key,
        state: e.state as ElementState,
        startTime: e.start_time,
        ...(e.incident_key !== null ? { incidentKey: e.incident_key } : {}),
        data: e.data ? (JSON.parse(e.data) as ElementData) : {},
        persisted: true,
      });
    }
    for (const v of this.rows.selectVariables.all(key)) {
      if (!instance.elements.has(v.scope_key)) continue;
      instance.scope(v.scope_key).set(v.name, {
        key: v.key,
        instanceKey: key,
        scopeKey: v.scope_key,
        name: v.name,
        value: JSON.parse(v.value),
        json: v.value,
        persisted: true,
      });
    }
    for (const j of this.rows.selectOpenJobs.all(key)) {
      instance.jobs.set(j.key, {
        key: j.key,
        type: j.type,
        state: j.state as JobState,
        instance,
        elementInstanceKey: j.element_instance_key,
        elementId: j.element_id,
        retries: j.retries,
        ...(j.worker !== null ? { worker: j.worker } : {}),
        ...(j.deadline !== null ? { deadline: j.deadline } : {}),
        ...(j.retry_at !== null ? { retryAt: j.retry_at } : {}),
        customHeaders: j.custom_headers,
        ...(j.error_message !== null ? { errorMessage: j.error_message } : {}),
        ...(j.error_code !== null ? { errorCode: j.error_code } : {}),
        creationTime: j.creation_time,
        persisted: true,
      });
    }
    return instance;
  }
}
