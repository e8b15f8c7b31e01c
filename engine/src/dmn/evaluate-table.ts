import type { EvaluationOptions, FeelContext } from '../feel';
import type { CompiledTable } from './compiled-decision';
import { describeValue } from './describe-value';
import { applyHitPolicy, ruleOutput, type RuleResult } from './hit-policy';
import { candidateRules } from './rule-index';
import type { EvaluatedDecision } from './types';

export type DecisionStep =
  | { ok: true; value: unknown; evaluated: EvaluatedDecision }
  | { ok: false; message: string };

/**
 * Evaluates a decision table: input expressions (checked against their input values), then the
 * rules (only the index's candidates), then the matched rules' outputs and the hit policy. A
 * failure says which input or rule failed and shows the input values.
 */
export function evaluateTable(
  table: CompiledTable,
  context: FeelContext,
  options?: EvaluationOptions,
): DecisionStep {
  const { inputs, outputs, decision } = table;
  const inputValues: unknown[] = [];
  const shown = () =>
    inputValues.length === 0
      ? ''
      : ` (inputs: ${inputs
          .slice(0, inputValues.length)
          .map((input, i) => `${input.name} = ${describeValue(inputValues[i])}`)
          .join(', ')})`;

  for (const input of inputs) {
    const r = input.expression.evaluateRaw(context, options);
    if (!r.ok)
      return { ok: false, message: `failed to evaluate input '${input.name}': ${r.message}${shown()}` };
    inputValues.push(r.value);
    if (input.allowed) {
      const allowed = input.allowed.evaluate(r.value, context, options);
      if (!allowed.ok) return { ok: false, message: `input '${input.name}': ${allowed.message}${shown()}` };
      if (allowed.value !== true) {
        return {
          ok: false,
          message: `input '${input.name}' is ${describeValue(r.value)}, which is not one of its input values ${input.allowed.source}${shown()}`,
        };
      }
    }
  }

  const matched: RuleResult[] = [];
  const candidates = candidateRules(table.index, inputValues);
  const count = candidates ? candidates.length : table.rules.length;
  for (let c = 0; c < count; c++) {
    const rule = table.rules[candidates ? candidates[c] : c];
    let matches = true;
    for (let i = 0; i < rule.entries.length && matches; i++) {
      const entry = rule.entries[i];
      if (!entry) continue;
      const r = entry.evaluate(inputValues[i], context, options);
      if (!r.ok)
        return {
          ok: false,
          message: `rule '${rule.id}' (#${rule.index}), input '${inputs[i].name}': ${r.message}${shown()}`,
        };
      matches = r.value === true;
    }
    if (!matches) continue;
    const values: unknown[] = [];
    for (let o = 0; o < outputs.length; o++) {
      const entry = rule.outputs[o];
      const r = entry ? entry.evaluateRaw(context, options) : { ok: true as const, value: null };
      if (!r.ok)
        return {
          ok: false,
          message: `rule '${rule.id}' (#${rule.index}), output '${outputs[o].name}': ${r.message}${shown()}`,
        };
      const allowed = outputs[o].allowed;
      if (allowed && r.value !== null) {
        const check = allowed.evaluate(r.value, context, options);
        if (!check.ok || check.value !== true) {
          return {
            ok: false,
            message: `rule '${rule.id}' (#${rule.index}) gives output '${outputs[o].name}' = ${describeValue(r.value)}, which is not one of its output values ${allowed.source}${shown()}`,
          };
        }
      }
      values.push(r.value);
    }
    matched.push({ rule, values });
    if (decision.hitPolicy === 'FIRST') break;
  }

  let value: unknown;
  if (matched.length === 0) {
    const fallback = defaultOutput(table, context, options);
    if (!fallback.ok) return { ok: false, message: `${fallback.message}${shown()}` };
    value = fallback.value;
  } else {
    const result = applyHitPolicy(decision.hitPolicy, decision.aggregation, outputs, matched);
    if (!result.ok) return { ok: false, message: `${result.message}${shown()}` };
    value = result.value;
  }

  return {
    ok: true,
    value,
    evaluated: {
      decisionId: decision.id,
      decisionName: decision.name,
      decisionType: 'DECISION_TABLE',
      decisionOutput: describeValue(value),
      evaluatedInputs: inputs.map((input, i) => ({
        inputId: input.id,
        inputName: input.name,
        inputValue: describeValue(inputValues[i]),
      })),
      matchedRules: matched.map(({ rule, values }) => ({
        ruleId: rule.id,
        ruleIndex: rule.index,
        evaluatedOutputs: outputs.map((output, o) => ({
          outputId: output.id,
          outputName: output.name,
          outputValue: describeValue(values[o]),
        })),
      })),
    },
  };
}

/** The outputs' default entries when no rule matches; null when no output has one. */
function defaultOutput(
  table: CompiledTable,
  context: FeelContext,
  options?: EvaluationOptions,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!table.outputs.some((o) => o.fallback)) return { ok: true, value: null };
  const values: unknown[] = [];
  for (const output of table.outputs) {
    const r = output.fallback
      ? output.fallback.evaluateRaw(context, options)
      : { ok: true as const, value: null };
    if (!r.ok) return { ok: false, message: `default output '${output.name}': ${r.message}` };
    values.push(r.value);
  }
  return { ok: true, value: ruleOutput(table.outputs, values) };
}
