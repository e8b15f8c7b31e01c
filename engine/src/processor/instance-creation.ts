import { failedPrecondition, invalidArgument, notFound } from '../errors';
import type { Element, ExecutableProcess } from '../model/executable-process';
import type { DefinitionStore } from '../state/definition-store';
import { TENANT } from '../runtime/jobs';
import type { Runtime } from '../runtime/runtime';
import { parseKey, parseVariables } from './request-parsing';

export interface CreateInstanceRequest {
  processDefinitionKey?: string;
  bpmnProcessId?: string;
  version?: number;
  variables?: string;
  startInstructions?: Array<{ elementId: string }>;
}

export interface CreatedInstance {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: string;
  tenantId: string;
}

/** CreateProcessInstance inside a command: finds the definition, checks start instructions, starts it. */
export function createInstance(
  runtime: Runtime,
  definitions: DefinitionStore,
  req: CreateInstanceRequest,
): { key: number; created: CreatedInstance } {
  const vars = parseVariables(req.variables);
  const process = findProcess(definitions, req);
  let startAt: Element[] | undefined;
  if (req.startInstructions && req.startInstructions.length > 0) {
    startAt = req.startInstructions.map((i) => {
      const e = process.elements.get(i.elementId);
      if (
        !e ||
        e.flowScope !== process.bpmnProcessId ||
        e.type === 'BOUNDARY_EVENT' ||
        e.type === 'EVENT_SUB_PROCESS'
      ) {
        throw invalidArgument(
          `Expected to start the instance at element '${i.elementId}', but it is not a flow element of the process '${process.bpmnProcessId}' (only elements directly in the process are supported)`,
        );
      }
      return e;
    });
  } else if (!process.root.noneStartElement) {
    throw failedPrecondition(
      `Expected to create instance of process with none start event, but there is no such event in process '${process.bpmnProcessId}'`,
    );
  }
  const instance = runtime.createInstance(process, vars, startAt ? { startAt } : {});
  return {
    key: instance.key,
    created: {
      processDefinitionKey: String(process.key),
      bpmnProcessId: process.bpmnProcessId,
      version: process.version,
      processInstanceKey: String(instance.key),
      tenantId: TENANT,
    },
  };
}

function findProcess(definitions: DefinitionStore, req: CreateInstanceRequest): ExecutableProcess {
  if (req.processDefinitionKey && req.processDefinitionKey !== '0') {
    const key = parseKey(req.processDefinitionKey, 'a process definition');
    const p = definitions.byDefinitionKey(key);
    if (!p) throw notFound(`Expected to find process definition with key '${key}', but none found`);
    return p;
  }
  const id = req.bpmnProcessId ?? '';
  if (!id)
    throw invalidArgument('Expected either a processDefinitionKey or a bpmnProcessId, but neither was given');
  const version = req.version ?? -1;
  const p = version > 0 ? definitions.version(id, version) : definitions.latest(id);
  if (!p) {
    throw notFound(
      version > 0
        ? `Expected to find process definition with process ID '${id}' and version '${version}', but none found`
        : `Expected to find process definition with process ID '${id}', but none found`,
    );
  }
  return p;
}
