import {
  compileExpression,
  compileUnaryTests,
  type CompiledExpression,
  type CompiledUnaryTests,
  type StaticValue,
} from '../feel';
import type {
  CompiledDecision,
  CompiledDefinitions,
  CompiledInput,
  CompiledOutput,
  CompiledRule,
  CompiledTable,
} from './compiled-decision';
import { describeValue } from './describe-value';
import type { Problem } from './read-definitions';
import { buildRuleIndex } from './rule-index';
import type { DmnDecision, DmnDecisionTable, DmnDefinitions } from './types';
import { findOverlaps } from './unique-overlap';

export type CompileDefinitionsResult =
  | { ok: true; compiled: CompiledDefinitions }
  | { ok: false; problems: Problem[] };

/**
 * Checks and compiles every decision: ids unique, required decisions present and acyclic, tables
 * well-formed for their hit policy, every FEEL text parsable, UNIQUE tables free of overlapping
 * rules (where literal entries show it). All problems are collected, each naming its decision.
 */
export function compileDefinitions(definitions: DmnDefinitions): CompileDefinitionsResult {
  const problems: Problem[] = [];
  problems.push(...duplicateIds(definitions));
  const byId = new Map(definitions.decisions.map((d) => [d.id, d]));
  for (const decision of definitions.decisions) {
    for (const required of decision.requiredDecisions) {
      if (!byId.has(required)) {
        problems.push({
          decisionId: decision.id,
          message: `requires decision '${required}', which is not in the file`,
        });
      }
    }
  }
  const cycle = findCycle(definitions.decisions, byId);
  if (cycle) {
    problems.push({ decisionId: cycle[0], message: `its requirements form a cycle: ${cycle.join(' → ')}` });
  }
  const compiled: CompiledDefinitions = new Map();
  const memo = new Map<string, unknown>();
  for (const decision of definitions.decisions) {
    const report = (message: string) => problems.push({ decisionId: decision.id, message });
    const result =
      decision.type === 'DECISION_TABLE'
        ? compileTable(decision, report, memo)
        : compileLiteral(decision, report);
    if (result) compiled.set(decision.id, result);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, compiled };
}

function duplicateIds(definitions: DmnDefinitions): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  const note = (id: string, where: string, decisionId?: string) => {
    const earlier = seen.get(id);
    if (earlier)
      problems.push({ decisionId, message: `the id '${id}' of ${where} is already the id of ${earlier}` });
    else seen.set(id, where);
  };
  for (const decision of definitions.decisions) {
    note(decision.id, `decision '${decision.name}'`, decision.id);
    if (decision.type !== 'DECISION_TABLE') continue;
    decision.inputs.forEach((input, i) => note(input.id, `input ${i + 1} of '${decision.id}'`, decision.id));
    decision.outputs.forEach((output, i) =>
      note(output.id, `output ${i + 1} of '${decision.id}'`, decision.id),
    );
    decision.rules.forEach((rule, i) => note(rule.id, `rule ${i + 1} of '${decision.id}'`, decision.id));
  }
  return problems;
}

/** A cycle of required decisions, as the ids along it (first repeated at the end), if there is one. */
function findCycle(decisions: DmnDecision[], byId: Map<string, DmnDecision>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const required of byId.get(id)?.requiredDecisions ?? []) {
      if (!byId.has(required)) continue;
      const cycle = visit(required);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const decision of decisions) {
    const cycle = visit(decision.id);
    if (cycle) return cycle;
  }
  return undefined;
}

function compileLiteral(
  decision: Extract<DmnDecision, { type: 'LITERAL_EXPRESSION' }>,
  report: (message: string) => void,
): CompiledDecision | undefined {
  if (decision.expression.trim() === '') return void report('its literal expression is empty');
  const r = compileExpression(decision.expression, { knownNames: decision.requiredDecisions });
  if (!r.ok) return void report(`literal expression: ${r.message}`);
  return { kind: 'literal', decision, expression: r.expression };
}

/** Compiles once per text: a routing table repeats the same cells (`-`, a justice house) many times. */
function memoized<T>(memo: Map<string, unknown>, key: string, compile: () => T): T {
  if (!memo.has(key)) memo.set(key, compile());
  return memo.get(key) as T;
}

function compileTable(
  decision: DmnDecisionTable,
  report: (message: string) => void,
  memo: Map<string, unknown>,
): CompiledTable | undefined {
  const problemsBefore = { count: 0 };
  const fail = (message: string) => {
    problemsBefore.count++;
    report(message);
  };
  const knownNames = decision.requiredDecisions;
  const scope = knownNames.join('\u0000');
  const expression = (text: string, where: string): CompiledExpression | undefined => {
    const r = memoized(memo, `e\u0001${scope}\u0001${text}`, () => compileExpression(text, { knownNames }));
    if (!r.ok) return void fail(`${where}: ${r.message}`);
    return r.expression;
  };
  const tests = (text: string, where: string): CompiledUnaryTests | undefined => {
    const r = memoized(memo, `t\u0001${scope}\u0001${text}`, () => compileUnaryTests(text, { knownNames }));
    if (!r.ok) return void fail(`${where}: ${r.message}`);
    return r.tests;
  };

  if (decision.outputs.length === 0) fail('its decision table has no output');
  if (decision.outputs.length > 1) {
    const names = decision.outputs.map((o) => o.name ?? '');
    names.forEach((name, i) => {
      if (!name) fail(`output ${i + 1} has no name, which a table with several outputs needs`);
      else if (names.indexOf(name) !== i)
        fail(`outputs ${names.indexOf(name) + 1} and ${i + 1} are both named '${name}'`);
    });
  }
  if (decision.aggregation && decision.hitPolicy !== 'COLLECT') {
    fail(
      `aggregation ${decision.aggregation} is only allowed with hit policy COLLECT, not ${decision.hitPolicy}`,
    );
  }
  if (decision.aggregation && decision.outputs.length > 1) {
    fail(
      `aggregation ${decision.aggregation} needs a single output, but the table has ${decision.outputs.length}`,
    );
  }

  const inputs: CompiledInput[] = [];
  decision.inputs.forEach((input, i) => {
    const name = input.label?.trim() || input.expression || input.id;
    const where = `input ${i + 1} ('${name}')`;
    if (input.expression.trim() === '') return void fail(`${where} has an empty input expression`);
    const compiled = expression(input.expression, where);
    const allowed = input.inputValues ? tests(input.inputValues, `${where} input values`) : undefined;
    if (compiled) inputs.push({ id: input.id, name, expression: compiled, allowed });
  });

  const outputs: CompiledOutput[] = decision.outputs.map((output, i) => {
    const where = `output ${i + 1} ('${output.name ?? output.label ?? output.id}')`;
    const allowed = output.outputValues ? tests(output.outputValues, `${where} output values`) : undefined;
    const fallback = output.defaultOutputEntry
      ? expression(output.defaultOutputEntry, `${where} default`)
      : undefined;
    return {
      id: output.id,
      name: output.name ?? output.label ?? output.id,
      allowed,
      priority: priorities(allowed),
      fallback,
    };
  });
  if (
    (decision.hitPolicy === 'PRIORITY' || decision.hitPolicy === 'OUTPUT ORDER') &&
    !outputs.some((o) => o.priority)
  ) {
    fail(
      `hit policy ${decision.hitPolicy} orders results by the output values of the outputs, but no output lists its values (e.g. "high","medium","low")`,
    );
  }

  const rules: CompiledRule[] = decision.rules.map((rule, r) => {
    const where = `rule '${rule.id}' (#${r + 1})`;
    if (rule.inputEntries.length !== decision.inputs.length) {
      fail(`${where} has ${rule.inputEntries.length} input entries for ${decision.inputs.length} inputs`);
    }
    if (rule.outputEntries.length !== decision.outputs.length) {
      fail(`${where} has ${rule.outputEntries.length} output entries for ${decision.outputs.length} outputs`);
    }
    const entries = rule.inputEntries.map((text, i) =>
      text.trim() === '' || text.trim() === '-' ? undefined : tests(text, `${where}, input ${i + 1}`),
    );
    const values = rule.outputEntries.map((text, i) =>
      text.trim() === '' ? undefined : expression(text, `${where}, output ${i + 1}`),
    );
    return { id: rule.id, index: r + 1, entries, outputs: values };
  });
  if (problemsBefore.count > 0) return undefined;

  if (decision.hitPolicy === 'UNIQUE') {
    const overlaps = findOverlaps(
      rules.map((rule) => rule.entries),
      inputs.map((input) => ({ expression: input.expression.source, allowed: input.allowed })),
    );
    for (const { first, second, witness } of overlaps) {
      const a = rules[first];
      const b = rules[second];
      const values = inputs.map((input, i) => `${input.name} = ${describeValue(witness[i])}`).join(', ');
      fail(
        `hit policy UNIQUE allows one matching rule, but rules '${a.id}' (#${a.index}) and '${b.id}' (#${b.index}) both match ${values || 'any input'}`,
      );
    }
    if (overlaps.length > 0) return undefined;
  }
  const shapes = rules.map((rule) => rule.entries.map((entry) => entry?.shape));
  return { kind: 'table', decision, inputs, outputs, rules, index: buildRuleIndex(shapes, inputs.length) };
}

/** The rank of each literal value listed in an output's values, in the order listed. */
function priorities(allowed: CompiledUnaryTests | undefined): Map<StaticValue, number> | undefined {
  const shape = allowed?.shape;
  if (!shape || shape.kind !== 'in' || shape.items.some((item) => item.type !== 'value')) return undefined;
  const ranks = new Map<StaticValue, number>();
  shape.items.forEach((item, rank) => {
    const value = (item as { value: StaticValue }).value;
    if (!ranks.has(value)) ranks.set(value, rank);
  });
  return ranks;
}
