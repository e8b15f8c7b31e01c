import type { ElementInstance } from '../instance-state';
import type { ElementBehaviour, RuntimeApi } from '../runtime-api';
import { evaluateCondition, evaluateValue } from '../expressions';

type Loop = NonNullable<ElementInstance['element']['loop']>;

function inputCollection(rt: RuntimeApi, body: ElementInstance, loop: Loop): unknown[] | string {
  const r = evaluateValue(loop.inputCollection, rt.context(body), rt.feel);
  if (!r.ok) return r.message;
  if (!Array.isArray(r.value)) {
    return `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${r.value === null ? 'NULL' : typeof r.value === 'object' ? 'OBJECT' : typeof r.value === 'string' ? 'STRING' : typeof r.value === 'number' ? 'NUMBER' : 'BOOLEAN'}'.`;
  }
  return r.value;
}

/** A plain variable reference such as `= result` (the output element Zeebe pre-creates locally). */
const outputVariable = (expression: string | undefined) =>
  /^=\s*([A-Za-z_]\w*)\s*$/.exec(expression ?? '')?.[1];

function startInner(rt: RuntimeApi, body: ElementInstance, loop: Loop, item: unknown, index: number): void {
  const inner = rt.activate(body, body.element);
  inner.data.loopCounter = index + 1;
  rt.variables.setLocal(inner.instance, inner.key, 'loopCounter', index + 1);
  if (loop.inputElement) rt.variables.setLocal(inner.instance, inner.key, loop.inputElement, item);
  const out = outputVariable(loop.outputElement);
  if (out && out !== loop.inputElement) rt.variables.setLocal(inner.instance, inner.key, out, null);
  const state = body.data.loop!;
  state.started++;
  state.active++;
  rt.store.elementChanged(body);
}

/**
 * Multi-instance body: one inner instance per item of the input collection, in parallel or one
 * after another, each with local `loopCounter` and input element; outputs collected by index.
 */
export const multiInstanceBody: ElementBehaviour = {
  activated(rt, body) {
    const loop = body.element.loop!;
    // Entered again when an incident of the body is resolved: go on where it stopped.
    if (body.data.loop) return continueLoop(rt, body);
    const items = inputCollection(rt, body, loop);
    if (typeof items === 'string') return rt.raiseIncident(body, 'EXTRACT_VALUE_ERROR', items);
    body.data.loop = { total: items.length, started: 0, completed: 0, terminated: 0, active: 0 };
    if (loop.outputCollection) {
      rt.variables.setLocal(
        body.instance,
        body.key,
        loop.outputCollection,
        items.map(() => null),
      );
    }
    if (items.length === 0) return rt.complete(body);
    if (loop.sequential) startInner(rt, body, loop, items[0], 0);
    else items.forEach((item, i) => startInner(rt, body, loop, item, i));
  },
  childCompleted(rt, body) {
    const state = body.data.loop!;
    state.active--;
    state.completed++;
    rt.store.elementChanged(body);
    continueLoop(rt, body);
  },
  completing(rt, body) {
    const name = body.element.loop!.outputCollection;
    if (name) {
      const value = rt.variables.local(body.instance, body.key)[name];
      rt.variables.propagate(body.instance, body.flowScopeKey, { [name]: value });
    }
    return true;
  },
};

/** After an inner instance completed: stop on the completion condition, start the next, or finish. */
function continueLoop(rt: RuntimeApi, body: ElementInstance): void {
  const loop = body.element.loop!;
  const state = body.data.loop!;
  if (loop.completionCondition && state.completed > 0) {
    const context = {
      ...rt.context(body),
      numberOfInstances: state.total,
      numberOfActiveInstances: state.active,
      numberOfCompletedInstances: state.completed,
      numberOfTerminatedInstances: state.terminated,
    };
    const r = evaluateCondition(loop.completionCondition, context, rt.feel);
    if (!r.ok) return rt.raiseIncident(body, 'CONDITION_ERROR', r.message);
    if (r.value) {
      for (const inner of body.instance.childrenOf(body.key)) {
        rt.terminate(inner);
        state.terminated++;
        state.active--;
      }
      return rt.complete(body);
    }
  }
  if (loop.sequential && state.active === 0 && state.started < state.total) {
    const items = inputCollection(rt, body, loop);
    if (typeof items === 'string') return rt.raiseIncident(body, 'EXTRACT_VALUE_ERROR', items);
    return startInner(rt, body, loop, items[state.started], state.started);
  }
  if (state.active <= 0 && state.started >= state.total) rt.complete(body);
}

/** When an inner instance completes: its output element goes into the body's output collection. */
export function collectOutput(rt: RuntimeApi, body: ElementInstance, inner: ElementInstance): boolean {
  const loop = body.element.loop!;
  if (!loop.outputCollection || !loop.outputElement) return true;
  const r = evaluateValue(loop.outputElement, rt.context(inner), rt.feel);
  if (!r.ok) {
    rt.raiseIncident(inner, 'EXTRACT_VALUE_ERROR', r.message);
    return false;
  }
  const collection = rt.variables.local(body.instance, body.key)[loop.outputCollection];
  const list = Array.isArray(collection) ? [...collection] : [];
  list[(inner.data.loopCounter ?? 1) - 1] = r.value;
  rt.variables.setLocal(body.instance, body.key, loop.outputCollection, list);
  return true;
}
