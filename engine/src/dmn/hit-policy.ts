import { compareValues } from '../feel';
import type { CompiledOutput, CompiledRule } from './compiled-decision';
import { describeValue } from './describe-value';
import type { Aggregation, HitPolicy } from './types';

/** A matched rule with its evaluated output entries (raw FEEL values, in output order). */
export interface RuleResult {
  rule: CompiledRule;
  values: unknown[];
}

export type HitPolicyResult = { ok: true; value: unknown } | { ok: false; message: string };

/** One rule's output: the value for a single-output table, a context by output name otherwise. */
export function ruleOutput(outputs: CompiledOutput[], values: unknown[]): unknown {
  if (outputs.length === 1) return values[0] ?? null;
  const context: Record<string, unknown> = {};
  outputs.forEach((output, i) => (context[output.name] = values[i] ?? null));
  return context;
}

function rules(results: RuleResult[]): string {
  return results.map(({ rule }) => `'${rule.id}' (#${rule.index})`).join(', ');
}

/**
 * Combines the matched rules' outputs as the table's hit policy says (DMN 1.3, as Zeebe runs it):
 * single hits give one output or null, multiple hits a list; UNIQUE fails on several matches and
 * ANY on disagreeing ones; PRIORITY and OUTPUT ORDER sort by the rank of the output values in the
 * outputs' value lists; COLLECT aggregates numbers with SUM, MIN, MAX, or counts with COUNT.
 */
export function applyHitPolicy(
  hitPolicy: HitPolicy,
  aggregation: Aggregation | undefined,
  outputs: CompiledOutput[],
  matched: RuleResult[],
): HitPolicyResult {
  const single = (r: RuleResult | undefined) => ({
    ok: true as const,
    value: r ? ruleOutput(outputs, r.values) : null,
  });
  const list = (rs: RuleResult[]) => ({
    ok: true as const,
    value: rs.map((r) => ruleOutput(outputs, r.values)),
  });
  switch (hitPolicy) {
    case 'FIRST':
      return single(matched[0]);
    case 'UNIQUE':
      if (matched.length > 1) {
        return {
          ok: false,
          message: `hit policy UNIQUE allows one matching rule, but rules ${rules(matched)} matched`,
        };
      }
      return single(matched[0]);
    case 'ANY': {
      const distinct = new Set(matched.map((r) => describeValue(ruleOutput(outputs, r.values))));
      if (distinct.size > 1) {
        return {
          ok: false,
          message: `hit policy ANY needs matching rules to agree, but rules ${rules(matched)} give ${[...distinct].join(', ')}`,
        };
      }
      return single(matched[0]);
    }
    case 'PRIORITY':
      return single(byPriority(outputs, matched)[0]);
    case 'OUTPUT ORDER':
      return list(byPriority(outputs, matched));
    case 'RULE ORDER':
      return list(matched);
    case 'COLLECT':
      return collect(aggregation, outputs, matched);
  }
}

function collect(
  aggregation: Aggregation | undefined,
  outputs: CompiledOutput[],
  matched: RuleResult[],
): HitPolicyResult {
  if (!aggregation) return { ok: true, value: matched.map((r) => ruleOutput(outputs, r.values)) };
  if (aggregation === 'COUNT') return { ok: true, value: matched.length };
  const values = matched.map((r) => r.values[0]);
  const wrong = matched.find((r) => typeof r.values[0] !== 'number');
  if (wrong) {
    return {
      ok: false,
      message: `COLLECT ${aggregation} needs numbers, but rule '${wrong.rule.id}' (#${wrong.rule.index}) gives ${describeValue(wrong.values[0])}`,
    };
  }
  const numbers = values as number[];
  switch (aggregation) {
    case 'SUM':
      return { ok: true, value: numbers.reduce((a, b) => a + b, 0) };
    case 'MIN':
      return { ok: true, value: Math.min(...numbers) };
    case 'MAX':
      return { ok: true, value: Math.max(...numbers) };
  }
}

/** Stable sort by the rank of each output's value in its value list; unlisted values last. */
function byPriority(outputs: CompiledOutput[], matched: RuleResult[]): RuleResult[] {
  const rank = (r: RuleResult) =>
    outputs.map((output, i) => {
      const value = r.values[i];
      const ranked =
        output.priority && (value === null || typeof value !== 'object')
          ? output.priority.get(value as never)
          : undefined;
      return ranked ?? Number.POSITIVE_INFINITY;
    });
  const ranks = new Map(matched.map((r) => [r, rank(r)]));
  return [...matched].sort((a, b) => {
    const ra = ranks.get(a) as number[];
    const rb = ranks.get(b) as number[];
    for (let i = 0; i < ra.length; i++) {
      const order = compareValues(ra[i], rb[i]);
      if (order) return order;
    }
    return 0;
  });
}
