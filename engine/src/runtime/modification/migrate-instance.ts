import { failedPrecondition, invalidArgument, notFound } from '../../errors';
import type { Element, ExecutableProcess } from '../../model/executable-process';
import type { Db } from '../../state/database';
import type { ElementInstance } from '../instance-state';
import type { Runtime } from '../runtime';
import { applyCatchEvents, planCatchEvents, type CatchEventPlan } from './migrate-catch-events';

export interface Migration {
  processInstanceKey: number;
  targetProcessDefinitionKey: number;
  mappingInstructions: Array<{ sourceElementId: string; targetElementId: string }>;
}

/** Element types whose active instances this engine migrates (Zeebe supports more over time). */
const MIGRATABLE = new Set([
  'PROCESS',
  'SERVICE_TASK',
  'SEND_TASK',
  'USER_TASK',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'RECEIVE_TASK',
  'INTERMEDIATE_CATCH_EVENT',
  'EVENT_BASED_GATEWAY',
  'EXCLUSIVE_GATEWAY',
]);

/**
 * MigrateProcessInstance, with Zeebe's preconditions and messages: every active element must be
 * mapped to an element of the same type (and implementation, for user tasks) in the same mapped
 * flow scope. Checked before anything changes. Then the
 * instance, its active element instances, jobs, incidents and user tasks point at the target, and
 * their event subscriptions follow Zeebe's catch-event rules (`migrate-catch-events.ts`: mapped
 * catch events keep their subscription, unmapped ones close, new ones open). A call activity moves,
 * its called instance does not; a called instance migrates on its own, as Zeebe 8.6+ allows. Known difference: waiting joins and compensation state are refused.
 */
export function migrateInstance(rt: Runtime, db: Db, m: Migration): void {
  const instance = rt.store.get(m.processInstanceKey);
  if (!instance || instance.status !== 'ACTIVE') {
    throw notFound(
      `Expected to migrate process instance but no process instance found with key '${m.processInstanceKey}'`,
    );
  }
  const target = rt.definitions.byDefinitionKey(m.targetProcessDefinitionKey);
  if (!target) {
    throw notFound(
      `Expected to migrate process instance to process definition but no process definition found with key '${m.targetProcessDefinitionKey}'`,
    );
  }
  const key = instance.key;
  const prefix = `Expected to migrate process instance '${key}' but`;
  const source = instance.process;
  const mapping = new Map<string, Element>([[source.bpmnProcessId, target.root]]);
  for (const i of m.mappingInstructions) {
    if (!source.elements.has(i.sourceElementId)) {
      throw invalidArgument(
        `${prefix} mapping instructions contain a non-existing source element id '${i.sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    }
    const t = target.elements.get(i.targetElementId);
    if (!t) {
      throw invalidArgument(
        `${prefix} mapping instructions contain a non-existing target element id '${i.targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      );
    }
    if (mapping.has(i.sourceElementId)) {
      throw invalidArgument(
        `${prefix} the mapping instructions contain duplicate source element ids '${i.sourceElementId}'.`,
      );
    }
    mapping.set(i.sourceElementId, t);
  }

  const moves: Move[] = [];
  for (const ei of instance.elements.values()) {
    const from = ei.element;
    const to = mapping.get(from.id);
    if (!to) {
      throw failedPrecondition(
        `${prefix} no mapping instruction defined for active element with id '${from.id}'. Elements cannot be migrated without a mapping.`,
      );
    }
    if (to.type !== from.type || !!to.loop !== !!from.loop) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' and type '${from.type}' is mapped to an element with id '${to.id}' and different type '${to.type}'. Elements must be mapped to elements of the same type.`,
      );
    }
    if (ei.type === 'MULTI_INSTANCE_BODY' && from.loop?.sequential !== to.loop?.sequential) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has a different loop characteristics than the target element with id '${to.id}'. Both elements must have either sequential or parallel loop characteristics.`,
      );
    }
    if (!MIGRATABLE.has(ei.type)) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has an unsupported type. The migration of a ${ei.type} is not supported.`,
      );
    }
    if (from.userTask && !!from.userTask.native !== !!to.userTask?.native) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' is a user task whose implementation changes (Camunda user task versus job worker); the implementation of a task must stay the same.`,
      );
    }
    if (ei.data.compensable?.length || ei.data.compensating !== undefined) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has compensation subscriptions (completed activities with a compensation handler); this engine does not migrate those.`,
      );
    }
    if (ei.data.joins && Object.keys(ei.data.joins).length > 0) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has tokens waiting at a joining gateway; this engine does not migrate those.`,
      );
    }
    if (from.scopeElement) {
      const expected = mapping.get(from.scopeElement.id);
      if (expected && to.scopeElement?.id !== expected.id) {
        throw failedPrecondition(
          `${prefix} the flow scope of active element with id '${from.id}' is changed. The flow scope of the active element is expected to be '${expected.id}' but was '${to.scopeElement?.id ?? target.bpmnProcessId}'.`,
        );
      }
    }
    moves.push({ ei, to, catchEvents: planCatchEvents(db, prefix, ei, to, mapping) });
  }
  apply(rt, db, key, target, moves);
  for (const mv of moves) applyCatchEvents(rt, db, prefix, mv.catchEvents);
}

interface Move {
  ei: ElementInstance;
  to: Element;
  catchEvents: CatchEventPlan;
}

function apply(rt: Runtime, db: Db, key: number, target: ExecutableProcess, moves: Move[]): void {
  const instance = rt.store.get(key)!;
  (instance as { process: ExecutableProcess }).process = target;
  const def = [target.key, target.bpmnProcessId] as const;
  db.prepare(
    'UPDATE process_instance SET process_definition_key = ?, bpmn_process_id = ?, version = ? WHERE key = ?',
  ).run(...def, target.version, key);
  const element = db.prepare(
    'UPDATE element_instance SET process_definition_key = ?, bpmn_process_id = ?, element_id = ? WHERE key = ?',
  );
  const jobs = db.prepare(
    `UPDATE job SET process_definition_key = ?, bpmn_process_id = ?, process_definition_version = ?, element_id = ?
     WHERE element_instance_key = ? AND state <> 'COMPLETED' AND state <> 'CANCELED'`,
  );
  const incidents = db.prepare(
    "UPDATE incident SET process_definition_key = ?, bpmn_process_id = ?, element_id = ? WHERE element_instance_key = ? AND state = 'ACTIVE'",
  );
  const userTasks = db.prepare(
    "UPDATE user_task SET process_definition_key = ?, bpmn_process_id = ?, process_definition_version = ?, element_id = ? WHERE element_instance_key = ? AND state = 'CREATED'",
  );
  for (const { ei, to } of moves) {
    (ei as { element: Element }).element = to;
    element.run(...def, to.id, ei.key);
    jobs.run(...def, target.version, to.id, ei.key);
    incidents.run(...def, to.id, ei.key);
    userTasks.run(...def, target.version, to.id, ei.key);
    rt.store.elementChanged(ei);
  }
  for (const job of instance.jobs.values()) {
    const to = moves.find((mv) => mv.ei.key === job.elementInstanceKey)?.to;
    if (to) job.elementId = to.id;
  }
}
