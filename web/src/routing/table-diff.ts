/**
 * A readable, rule-level diff of two versions of a DMN decision table: which rules were added,
 * removed or changed, and in a changed rule which cells. Rules are matched by their input entries
 * (a routing table's rules are keyed by municipality and measure), then by rule id, so that a
 * regenerated table with new rule ids still diffs by meaning.
 */
export interface TableRule {
  id: string;
  /** Input entry per input column key. */
  inputs: Record<string, string>;
  /** Output entry per output column key. */
  outputs: Record<string, string>;
  annotation: string;
}

export interface DecisionTableModel {
  decisionId: string;
  name: string;
  hitPolicy: string;
  /** Input column keys (the input expression, or its label when it has none), in order. */
  inputColumns: string[];
  /** Output column keys (the output name, or its label), in order. */
  outputColumns: string[];
  rules: TableRule[];
}

export interface CellChange {
  column: string;
  side: 'input' | 'output' | 'annotation';
  before: string;
  after: string;
}

export type RuleChange =
  | { kind: 'added'; rule: TableRule }
  | { kind: 'removed'; rule: TableRule }
  | { kind: 'changed'; before: TableRule; after: TableRule; cells: CellChange[] };

export interface TableDiff {
  decisionId: string;
  name: string;
  hitPolicy?: { before: string; after: string };
  inputColumns: { added: string[]; removed: string[] };
  outputColumns: { added: string[]; removed: string[] };
  changes: RuleChange[];
  unchanged: number;
}

export interface DefinitionsDiff {
  tables: Array<
    | { decisionId: string; status: 'added'; table: DecisionTableModel }
    | { decisionId: string; status: 'removed'; table: DecisionTableModel }
    | { decisionId: string; status: 'changed' | 'same'; diff: TableDiff }
  >;
}

/** Entries compare without regard to surrounding or repeated white space. */
function norm(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ');
}

function cellsOf(
  before: TableRule,
  after: TableRule,
  inputColumns: string[],
  outputColumns: string[],
): CellChange[] {
  const cells: CellChange[] = [];
  for (const column of inputColumns) {
    const b = norm(before.inputs[column]);
    const a = norm(after.inputs[column]);
    if (b !== a) cells.push({ column, side: 'input', before: b, after: a });
  }
  for (const column of outputColumns) {
    const b = norm(before.outputs[column]);
    const a = norm(after.outputs[column]);
    if (b !== a) cells.push({ column, side: 'output', before: b, after: a });
  }
  if (norm(before.annotation) !== norm(after.annotation)) {
    cells.push({
      column: '',
      side: 'annotation',
      before: norm(before.annotation),
      after: norm(after.annotation),
    });
  }
  return cells;
}

function union(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

/** The diff of one decision table between two versions. */
export function diffDecisionTables(before: DecisionTableModel, after: DecisionTableModel): TableDiff {
  const sharedInputs = before.inputColumns.filter((c) => after.inputColumns.includes(c));
  const allInputs = union(before.inputColumns, after.inputColumns);
  const allOutputs = union(before.outputColumns, after.outputColumns);
  const keyOf = (r: TableRule) => sharedInputs.map((c) => norm(r.inputs[c])).join('\u0001');

  // Pass 1: same input entries.
  const pending = new Map<string, TableRule[]>();
  for (const r of before.rules) pending.set(keyOf(r), [...(pending.get(keyOf(r)) ?? []), r]);
  const matched: Array<[TableRule, TableRule]> = [];
  const unmatchedAfter: TableRule[] = [];
  for (const r of after.rules) {
    const candidates = pending.get(keyOf(r));
    if (candidates && candidates.length) matched.push([candidates.shift()!, r]);
    else unmatchedAfter.push(r);
  }
  const unmatchedBefore = [...pending.values()].flat();

  // Pass 2: same rule id (a rule whose inputs were edited).
  const removed = [...unmatchedBefore];
  const added: TableRule[] = [];
  for (const r of unmatchedAfter) {
    const i = r.id ? removed.findIndex((b) => b.id === r.id) : -1;
    if (i >= 0) matched.push([removed.splice(i, 1)[0], r]);
    else added.push(r);
  }

  const changes: RuleChange[] = [];
  let unchanged = 0;
  for (const [b, a] of matched) {
    const cells = cellsOf(b, a, allInputs, allOutputs);
    if (cells.length) changes.push({ kind: 'changed', before: b, after: a, cells });
    else unchanged++;
  }
  for (const r of removed) changes.push({ kind: 'removed', rule: r });
  for (const r of added) changes.push({ kind: 'added', rule: r });
  const position = (c: RuleChange) =>
    c.kind === 'removed'
      ? before.rules.indexOf(c.rule)
      : after.rules.indexOf(c.kind === 'added' ? c.rule : c.after);
  changes.sort((x, y) => position(x) - position(y));

  return {
    decisionId: after.decisionId,
    name: after.name || before.name,
    hitPolicy:
      before.hitPolicy !== after.hitPolicy ? { before: before.hitPolicy, after: after.hitPolicy } : undefined,
    inputColumns: {
      added: after.inputColumns.filter((c) => !before.inputColumns.includes(c)),
      removed: before.inputColumns.filter((c) => !after.inputColumns.includes(c)),
    },
    outputColumns: {
      added: after.outputColumns.filter((c) => !before.outputColumns.includes(c)),
      removed: before.outputColumns.filter((c) => !after.outputColumns.includes(c)),
    },
    changes,
    unchanged,
  };
}

/** The diff of every decision table of two versions of a DMN file, matched by decision id. */
export function diffDefinitions(before: DecisionTableModel[], after: DecisionTableModel[]): DefinitionsDiff {
  const tables: DefinitionsDiff['tables'] = [];
  const beforeById = new Map(before.map((t) => [t.decisionId, t]));
  for (const a of after) {
    const b = beforeById.get(a.decisionId);
    if (!b) {
      tables.push({ decisionId: a.decisionId, status: 'added', table: a });
      continue;
    }
    beforeById.delete(a.decisionId);
    const diff = diffDecisionTables(b, a);
    const same =
      !diff.changes.length &&
      !diff.hitPolicy &&
      !diff.inputColumns.added.length &&
      !diff.inputColumns.removed.length &&
      !diff.outputColumns.added.length &&
      !diff.outputColumns.removed.length;
    tables.push({ decisionId: a.decisionId, status: same ? 'same' : 'changed', diff });
  }
  for (const b of beforeById.values()) tables.push({ decisionId: b.decisionId, status: 'removed', table: b });
  return { tables };
}
