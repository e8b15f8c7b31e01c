import { toVariableValue, type EvaluationOptions, type FeelContext } from '../feel';
import type { CompiledDecision, CompiledDefinitions, CompiledLiteral } from './compiled-decision';
import { compileDefinitions, type CompileDefinitionsResult } from './compile-definitions';
import { describeValue } from './describe-value';
import { evaluateTable, type DecisionStep } from './evaluate-table';
import { describeProblems } from './problems';
import type { DecisionEvaluation, DmnDefinitions, EvaluatedDecision } from './types';

/** Compiled forms by definitions object: parseDmn fills it, evaluation fills it for copies. */
const compiledByDefinitions = new WeakMap<DmnDefinitions, CompileDefinitionsResult>();

/** Remembers the compiled form of freshly parsed definitions. */
export function rememberCompiled(definitions: DmnDefinitions, compiled: CompileDefinitionsResult): void {
  compiledByDefinitions.set(definitions, compiled);
}

function compiledFor(definitions: DmnDefinitions): CompileDefinitionsResult {
  let compiled = compiledByDefinitions.get(definitions);
  if (!compiled) {
    compiled = compileDefinitions(definitions);
    compiledByDefinitions.set(definitions, compiled);
  }
  return compiled;
}

/**
 * Evaluates a decision after the decisions it requires (each once, in requirement order), whose
 * results are variables named by their ids. Never throws: a failure names the failed decision and
 * says why, and `evaluatedDecisions` lists the decisions evaluated before it.
 */
export function evaluateDecision(
  definitions: DmnDefinitions,
  decisionId: string,
  variables: Record<string, unknown>,
  options?: EvaluationOptions,
): DecisionEvaluation {
  const evaluatedDecisions: EvaluatedDecision[] = [];
  const compiled = compiledFor(definitions);
  if (!compiled.ok) {
    return {
      ok: false,
      failedDecisionId: decisionId,
      message: `Expected to evaluate decision '${decisionId}', but the decisions of '${definitions.id}' are invalid: ${describeProblems(compiled.problems)}`,
      evaluatedDecisions,
    };
  }
  if (!compiled.compiled.has(decisionId)) {
    return {
      ok: false,
      failedDecisionId: decisionId,
      message: `Expected to evaluate decision '${decisionId}', but '${definitions.id}' has no such decision (it has ${[...compiled.compiled.keys()].map((id) => `'${id}'`).join(', ')})`,
      evaluatedDecisions,
    };
  }
  const decisions: CompiledDefinitions = compiled.compiled;
  const results = new Map<string, unknown>();

  const run = (id: string): { id: string; message: string } | undefined => {
    if (results.has(id)) return undefined;
    const decision = decisions.get(id) as CompiledDecision;
    const required = decision.decision.requiredDecisions;
    for (const requiredId of required) {
      const failure = run(requiredId);
      if (failure) return failure;
    }
    const context: FeelContext =
      required.length === 0
        ? variables
        : { ...variables, ...Object.fromEntries(required.map((r) => [r, results.get(r)])) };
    const step =
      decision.kind === 'table'
        ? evaluateTable(decision, context, options)
        : evaluateLiteral(decision, context, options);
    if (!step.ok) return { id, message: `Expected to evaluate decision '${id}', but ${step.message}` };
    results.set(id, step.value);
    evaluatedDecisions.push(step.evaluated);
    return undefined;
  };

  const failure = run(decisionId);
  if (failure)
    return { ok: false, failedDecisionId: failure.id, message: failure.message, evaluatedDecisions };
  return { ok: true, output: toVariableValue(results.get(decisionId)), evaluatedDecisions };
}

function evaluateLiteral(
  decision: CompiledLiteral,
  context: FeelContext,
  options?: EvaluationOptions,
): DecisionStep {
  const r = decision.expression.evaluateRaw(context, options);
  if (!r.ok) return { ok: false, message: r.message };
  return {
    ok: true,
    value: r.value,
    evaluated: {
      decisionId: decision.decision.id,
      decisionName: decision.decision.name,
      decisionType: 'LITERAL_EXPRESSION',
      decisionOutput: describeValue(r.value),
      evaluatedInputs: [],
      matchedRules: [],
    },
  };
}
