import type { CompiledUnaryTests, StaticShape, StaticValue } from '../feel';

/** Two rules of a UNIQUE table that certainly overlap, with input values both match. */
export interface Overlap {
  first: number;
  second: number;
  /** One witness value per input column. */
  witness: StaticValue[];
}

/** A cell as the check sees it: its compiled tests (undefined for `-`). */
type Cell = CompiledUnaryTests | undefined;

/**
 * Finds pairs of rules that both match some input, when that can be shown from literal entries
 * (values, ranges, `not(...)` of values, `-`). Sound: a pair is reported only with concrete input
 * values that both rules match (found among candidates drawn from the entries' literals and
 * checked by evaluating the entries), so an entry that depends on variables never yields a report.
 * Columns with the same input expression must be matched by the same value; different input
 * expressions are taken as independent. `allowed` are the columns' `inputValues` tests.
 */
export function findOverlaps(
  cells: Cell[][],
  columns: Array<{ expression: string; allowed?: CompiledUnaryTests }>,
  limit = 3,
): Overlap[] {
  const groups = groupColumns(columns.map((c) => c.expression));
  const groupSets = groups.map((group) => satisfactionSets(cells, group, columns));
  const overlaps: Overlap[] = [];
  for (let first = 0; first < cells.length && overlaps.length < limit; first++) {
    for (let second = first + 1; second < cells.length && overlaps.length < limit; second++) {
      const witness: StaticValue[] = new Array(columns.length).fill(null);
      const all = groupSets.every(({ candidates, sets }, g) => {
        const a = sets[first];
        const b = sets[second];
        if (!a || !b) return false;
        const common = firstCommon(a, b);
        if (common < 0) return false;
        for (const column of groups[g]) witness[column] = candidates[common];
        return true;
      });
      if (all) overlaps.push({ first, second, witness });
    }
  }
  return overlaps;
}

function groupColumns(expressions: string[]): number[][] {
  const byText = new Map<string, number[]>();
  expressions.forEach((text, column) => {
    const key = text.replace(/\s+/g, ' ').trim();
    byText.set(key, [...(byText.get(key) ?? []), column]);
  });
  return [...byText.values()];
}

/**
 * For a group of columns: the candidate values, and for each rule the set of candidates its cells
 * (and the columns' allowed values) accept, as a bit set; undefined when a cell is not literal.
 */
function satisfactionSets(
  cells: Cell[][],
  group: number[],
  columns: Array<{ allowed?: CompiledUnaryTests }>,
): { candidates: StaticValue[]; sets: Array<Uint32Array | undefined> } {
  const shapes: StaticShape[] = [];
  for (const column of group) {
    for (const rule of cells) if (rule[column]) shapes.push((rule[column] as CompiledUnaryTests).shape);
    const allowed = columns[column].allowed;
    if (allowed) shapes.push(allowed.shape);
  }
  const candidates = candidateValues(shapes);
  const words = Math.ceil(candidates.length / 32);
  const accepts = (tests: CompiledUnaryTests, value: StaticValue) => {
    const r = tests.evaluate(value, {});
    return r.ok && r.value === true;
  };
  const allowedSet = new Uint32Array(words);
  candidates.forEach((value, i) => {
    if (group.every((c) => !columns[c].allowed || accepts(columns[c].allowed as CompiledUnaryTests, value))) {
      allowedSet[i >> 5] |= 1 << (i & 31);
    }
  });
  const position = new Map(candidates.map((value, i) => [value, i]));
  const sets = cells.map((rule) => {
    if (group.some((c) => rule[c] !== undefined && (rule[c] as CompiledUnaryTests).shape.kind === 'opaque')) {
      return undefined;
    }
    const set = allowedSet.slice();
    for (const column of group) {
      const cell = rule[column];
      if (!cell) continue;
      const values = literalValues(cell.shape);
      if (values) {
        // a list of literal values accepts exactly those candidates
        const listed = new Uint32Array(words);
        for (const value of values) {
          const i = position.get(value) as number;
          listed[i >> 5] |= 1 << (i & 31);
        }
        for (let w = 0; w < words; w++) set[w] &= listed[w];
        continue;
      }
      candidates.forEach((value, i) => {
        if (set[i >> 5] & (1 << (i & 31)) && !accepts(cell, value)) set[i >> 5] &= ~(1 << (i & 31));
      });
    }
    return set;
  });
  return { candidates, sets };
}

function literalValues(shape: StaticShape): StaticValue[] | undefined {
  if (shape.kind !== 'in' || shape.items.some((item) => item.type !== 'value')) return undefined;
  return shape.items.map((item) => (item as { value: StaticValue }).value);
}

function firstCommon(a: Uint32Array, b: Uint32Array): number {
  for (let w = 0; w < a.length; w++) {
    const common = a[w] & b[w];
    if (common !== 0) return w * 32 + (31 - Math.clz32(common & -common));
  }
  return -1;
}

/**
 * Values worth trying, most telling first (a reported witness should read like the table): the
 * literals themselves, numbers beside and between numeric bounds, a string no entry names, strings
 * just after string bounds, then numbers, booleans and null no entry names.
 */
function candidateValues(shapes: StaticShape[]): StaticValue[] {
  const literals: StaticValue[] = [];
  for (const shape of shapes) {
    if (shape.kind === 'in') {
      for (const item of shape.items) {
        if (item.type === 'value') literals.push(item.value);
        else for (const bound of [item.start, item.end]) if (bound) literals.push(bound.value);
      }
    } else if (shape.kind === 'not-in') literals.push(...shape.values);
  }
  const values = new Set<StaticValue>(literals);
  const numbers = literals.filter((v): v is number => typeof v === 'number').sort((x, y) => x - y);
  for (const n of numbers) for (const d of [-1, 1, -0.5, 0.5]) values.add(n + d);
  for (let i = 1; i < numbers.length; i++) values.add((numbers[i - 1] + numbers[i]) / 2);
  let fresh = 'another value';
  while (values.has(fresh)) fresh += ' again';
  values.add(fresh);
  for (const s of literals)
    if (typeof s === 'string') for (const next of [`${s}\u0000`, `${s}a`]) values.add(next);
  for (const other of ['', 0, -1e300, 1e300, true, false, null]) values.add(other);
  return [...values];
}
