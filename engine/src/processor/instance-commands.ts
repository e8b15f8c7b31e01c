import type { Db } from '../state/database';
import { notFound } from '../errors';
import type { InstanceStore } from '../runtime/instance-store';
import type { Runtime } from '../runtime/runtime';
import type { KeyGenerator } from '../state/key-generator';
import { modifyInstance } from '../runtime/modification/modify-instance';
import { migrateInstance } from '../runtime/modification/migrate-instance';
import { parseKey, parseVariables } from './request-parsing';

/** ModifyProcessInstance as the gateway sends it (keys and variables as text). */
export interface ModifyRequest {
  processInstanceKey: string;
  activateInstructions: Array<{
    elementId: string;
    ancestorElementInstanceKey?: string;
    variableInstructions: Array<{ variables: string; scopeId: string }>;
  }>;
  terminateInstructions: Array<{ elementInstanceKey: string }>;
}

/** MigrateProcessInstance as the gateway sends it. */
export interface MigrateRequest {
  processInstanceKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: Array<{ sourceElementId: string; targetElementId: string }>;
}

/*
 * Commands on a running instance, each run inside the engine's transaction: set variables,
 * resolve an incident, modify, migrate.
 */

export function setVariables(
  runtime: Runtime,
  store: InstanceStore,
  keys: KeyGenerator,
  elementInstanceKey: string,
  variables: string,
  local: boolean,
): { key: string } {
  const vars = parseVariables(variables);
  const key = parseKey(elementInstanceKey, 'an element instance');
  const instance = store.instanceOfElement(key);
  const ei = instance?.elements.get(key);
  if (!instance || !ei) {
    throw notFound(
      `Expected to update variables for element with key '${key}', but no such element was found`,
    );
  }
  if (local) runtime.variables.setAllLocal(instance, key, vars);
  else runtime.variables.propagate(instance, key, vars);
  return { key: String(keys.next()) };
}

export function resolveIncident(rt: Runtime, store: InstanceStore, incidentKey: string): void {
  const key = parseKey(incidentKey, 'an incident');
  const row = rt.incidents.row(key);
  if (!row || row.state !== 'ACTIVE') {
    throw notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
  }
  const instance = store.get(row.process_instance_key);
  const ei = instance?.elements.get(row.element_instance_key);
  if (!instance || !ei || ei.incidentKey !== key) {
    rt.incidents.resolveRow(key);
    return;
  }
  if (row.job_key !== null) {
    const job = instance.jobs.get(row.job_key);
    if (job) rt.jobs.resolveIncident(job);
    rt.incidents.resolve(ei);
    return;
  }
  rt.incidents.resolve(ei);
  rt.retry(ei);
}

export function modify(runtime: Runtime, m: ModifyRequest): void {
  return modifyInstance(runtime, {
    processInstanceKey: parseKey(m.processInstanceKey, 'a process instance'),
    activateInstructions: m.activateInstructions.map((a) => ({
      elementId: a.elementId,
      ancestorElementInstanceKey: Number(a.ancestorElementInstanceKey ?? 0) || undefined,
      variableInstructions: a.variableInstructions.map((v) => ({
        variables: parseVariables(v.variables),
        scopeId: v.scopeId,
      })),
    })),
    terminateInstructions: m.terminateInstructions.map((t) => ({
      elementInstanceKey: parseKey(t.elementInstanceKey, 'an element instance'),
    })),
  });
}

export function migrate(runtime: Runtime, db: Db, m: MigrateRequest): void {
  return migrateInstance(runtime, db, {
    processInstanceKey: parseKey(m.processInstanceKey, 'a process instance'),
    targetProcessDefinitionKey: parseKey(m.targetProcessDefinitionKey, 'a process definition'),
    mappingInstructions: m.mappingInstructions,
  });
}
