import type { Mapping } from '../model/process-model';
import type { EvaluationOptions } from '../feel';
import { evaluateValue, type Evaluated } from './expressions';
import type { Variables } from './variables';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function setPath(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]];
    node = node[path[i]] = isObject(next) ? { ...next } : {};
  }
  node[path[path.length - 1]] = value;
}

/**
 * Input mappings: evaluated in order against the visible variables (a later source sees earlier
 * targets); each target, nested or not, becomes a local variable of the element.
 */
export function computeInputs(
  mappings: readonly Mapping[],
  visible: Variables,
  options?: EvaluationOptions,
): Evaluated<Variables> {
  const context: Variables = { ...visible };
  const locals: Variables = {};
  for (const m of mappings) {
    const r = evaluateValue(m.source, context, options);
    if (!r.ok) return { ok: false, message: `Failed to evaluate input mapping '${m.target}': ${r.message}` };
    const path = m.target.split('.');
    if (path.length > 1 && !isObject(locals[path[0]])) locals[path[0]] = {};
    setPath(locals, path, r.value);
    context[path[0]] = locals[path[0]];
  }
  return { ok: true, value: locals };
}

/**
 * Output mappings: evaluated in order against the element's variables; a nested target updates
 * only its leaf, merged into the variable's current value. The result is what propagates.
 */
export function computeOutputs(
  mappings: readonly Mapping[],
  visible: Variables,
  options?: EvaluationOptions,
): Evaluated<Variables> {
  const context: Variables = { ...visible };
  const results: Variables = {};
  for (const m of mappings) {
    const r = evaluateValue(m.source, context, options);
    if (!r.ok) return { ok: false, message: `Failed to evaluate output mapping '${m.target}': ${r.message}` };
    const path = m.target.split('.');
    if (path.length > 1 && !(path[0] in results)) {
      const current = context[path[0]];
      results[path[0]] = isObject(current) ? { ...current } : {};
    }
    setPath(results, path, r.value);
    context[path[0]] = results[path[0]];
  }
  return { ok: true, value: results };
}
