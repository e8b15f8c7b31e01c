import { failedPrecondition, invalidArgument, notFound } from '../../errors';
import type { Element } from '../../model/executable-process';
import type { ElementInstance, InstanceState } from '../instance-state';
import type { Runtime } from '../runtime';
import type { Variables } from '../variables';

export interface ActivateInstruction {
  elementId: string;
  /** 0 / absent: the one active instance of the element's flow scope. */
  ancestorElementInstanceKey?: number;
  variableInstructions: Array<{ variables: Variables; scopeId: string }>;
}

export interface Modification {
  processInstanceKey: number;
  activateInstructions: ActivateInstruction[];
  terminateInstructions: Array<{ elementInstanceKey: number }>;
}

/** Elements Zeebe does not activate through a modification. */
const NOT_ACTIVATABLE = new Set(['START_EVENT', 'BOUNDARY_EVENT', 'PROCESS']);

/**
 * ModifyProcessInstance, as Zeebe documents it: every instruction is checked first (nothing
 * changes when one is refused), then elements are activated (with their variables) and element
 * instances terminated; a flow scope left with nothing active is terminated too, up to the
 * process instance. Known difference: an element is activated only inside an active flow scope
 * instance (Zeebe also creates missing flow scopes).
 */
export function modifyInstance(rt: Runtime, m: Modification): void {
  const instance = rt.store.get(m.processInstanceKey);
  if (!instance) {
    throw notFound(
      `Expected to modify process instance but no process instance found with key '${m.processInstanceKey}'`,
    );
  }
  const p = instance.process;
  const prefix = `Expected to modify instance of process '${p.bpmnProcessId}' but it contains one or more`;
  const activations = m.activateInstructions.map((a) => {
    const element = p.elements.get(a.elementId);
    if (!element)
      throw invalidArgument(
        `${prefix} activate instructions with an element that could not be found: '${a.elementId}'`,
      );
    if (NOT_ACTIVATABLE.has(element.type))
      throw invalidArgument(
        `${prefix} activate instructions with an element that is unsupported: '${a.elementId}' (${element.type})`,
      );
    if (insideMultiInstance(element))
      throw failedPrecondition(
        `${prefix} activate instructions for elements that are inside a multi-instance body: '${a.elementId}'`,
      );
    const scope = flowScopeInstance(instance, element, a.ancestorElementInstanceKey, prefix);
    const variables = a.variableInstructions.map((v) => {
      if (!v.scopeId || v.scopeId === scope.element.id)
        return { target: 'scope' as const, vars: v.variables };
      if (v.scopeId === element.id) return { target: 'element' as const, vars: v.variables };
      throw invalidArgument(
        `${prefix} variable instructions with a scope that is not the element '${a.elementId}' nor its flow scope: '${v.scopeId}'`,
      );
    });
    return { element, scope, variables };
  });
  const terminations = m.terminateInstructions.map((t) => {
    const ei = instance.elements.get(t.elementInstanceKey);
    if (!ei) {
      throw invalidArgument(
        `${prefix} terminate instructions with an element instance that could not be found: '${t.elementInstanceKey}'`,
      );
    }
    return ei;
  });

  for (const a of activations) {
    for (const v of a.variables)
      if (v.target === 'scope') rt.variables.setAllLocal(instance, a.scope.key, v.vars);
    const ei = rt.activate(a.scope, a.element);
    for (const v of a.variables)
      if (v.target === 'element') rt.variables.setAllLocal(instance, ei.key, v.vars);
  }
  for (const ei of terminations) {
    const scopeKey = ei.flowScopeKey;
    rt.terminate(ei);
    terminateEmptyScopes(rt, instance, scopeKey);
  }
}

function insideMultiInstance(element: Element): boolean {
  for (let s = element.scopeElement; s; s = s.scopeElement) if (s.loop) return true;
  return false;
}

function flowScopeInstance(
  instance: InstanceState,
  element: Element,
  ancestorKey: number | undefined,
  prefix: string,
): ElementInstance {
  const scopeElement = element.scopeElement;
  if (!scopeElement || scopeElement.type === 'PROCESS') return instance.root;
  const active = [...instance.elements.values()].filter(
    (e) => e.element === scopeElement && e.type !== 'MULTI_INSTANCE_BODY' && e.state === 'ACTIVATED',
  );
  if (ancestorKey) {
    const ancestor = active.find((e) => e.key === ancestorKey);
    if (!ancestor) {
      throw invalidArgument(
        `${prefix} activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${ancestorKey}' (the flow scope '${scopeElement.id}' of '${element.id}')`,
      );
    }
    return ancestor;
  }
  if (active.length === 1) return active[0]!;
  throw invalidArgument(
    active.length === 0
      ? `${prefix} activate instructions for element '${element.id}' whose flow scope '${scopeElement.id}' is not active; this engine activates elements only inside an active flow scope`
      : `${prefix} activate instructions for element '${element.id}' whose flow scope '${scopeElement.id}' has several active instances; give an ancestorElementInstanceKey`,
  );
}

/** A flow scope with nothing active left ends (terminated), up to the process instance. */
function terminateEmptyScopes(rt: Runtime, instance: InstanceState, scopeKey: number): void {
  let scope = instance.elements.get(scopeKey);
  while (scope && (scope.data.children ?? 0) === 0 && scope.state === 'ACTIVATED') {
    const parentKey = scope.flowScopeKey;
    rt.terminate(scope);
    scope = instance.elements.get(parentKey);
  }
}
