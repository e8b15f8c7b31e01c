import type { StaticShape, StaticValue } from '../feel';

/**
 * For each input column whose entries are all `-` or lists of literal values (a routing table's
 * municipality code), the rules each value can match. Evaluation then tests only the candidate
 * rules of the most selective column instead of every rule.
 */
export interface RuleIndex {
  columns: Array<ColumnIndex | undefined>;
}

interface ColumnIndex {
  byValue: Map<StaticValue, number[]>;
  /** Rules whose entry in this column is `-`. */
  wildcards: number[];
}

/** Builds the index from each rule's entry shapes (`shapes[rule][column]`, undefined for `-`). */
export function buildRuleIndex(
  shapes: Array<Array<StaticShape | undefined>>,
  columnCount: number,
): RuleIndex {
  const columns: Array<ColumnIndex | undefined> = [];
  for (let column = 0; column < columnCount; column++) {
    const byValue = new Map<StaticValue, number[]>();
    const wildcards: number[] = [];
    let indexable = true;
    shapes.forEach((rule, ruleNumber) => {
      const shape = rule[column];
      if (!shape || shape.kind === 'any') return void wildcards.push(ruleNumber);
      if (shape.kind !== 'in' || shape.items.some((item) => item.type !== 'value'))
        return void (indexable = false);
      for (const item of shape.items) {
        const value = (item as { value: StaticValue }).value;
        const rules = byValue.get(value) ?? [];
        if (rules[rules.length - 1] !== ruleNumber) rules.push(ruleNumber);
        byValue.set(value, rules);
      }
    });
    // a column of wildcards selects nothing
    columns.push(indexable && byValue.size > 0 ? { byValue, wildcards } : undefined);
  }
  return { columns };
}

/**
 * The rules (0-based, in table order) that can match these input values, or undefined when no
 * indexed column applies (every rule is a candidate).
 */
export function candidateRules(index: RuleIndex, inputValues: unknown[]): number[] | undefined {
  let best: { values: number[]; wildcards: number[] } | undefined;
  index.columns.forEach((column, i) => {
    if (!column) return;
    const value = inputValues[i];
    if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    )
      return;
    const values = column.byValue.get(value) ?? [];
    if (!best || values.length + column.wildcards.length < best.values.length + best.wildcards.length) {
      best = { values, wildcards: column.wildcards };
    }
  });
  if (!best) return undefined;
  return mergeSorted(best.values, best.wildcards);
}

function mergeSorted(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
