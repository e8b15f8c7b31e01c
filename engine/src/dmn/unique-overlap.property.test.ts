import fc from 'fast-check';
import { evaluateUnaryTests } from '../feel';
import { parseDmn } from './index';

/**
 * The static UNIQUE check against brute force. Given a random table of literal entries, when it is
 * parsed, then it is refused for overlapping rules exactly when some input values, searched over a
 * fine grid, match two rules: never a false report (soundness), and no overlap missed on this grid.
 */
const n = fc.integer({ min: 0, max: 5 });
const numericCell = fc.oneof(
  fc.constant('-'),
  n.map(String),
  fc.array(n, { minLength: 1, maxLength: 3 }).map((ns) => ns.join(', ')),
  fc
    .tuple(fc.constantFrom('[', '(', ']'), n, n, fc.constantFrom(']', ')', '['))
    .map(([o, a, b, c]) => `${o}${Math.min(a, b)}..${Math.max(a, b)}${c}`),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), n).map(([op, v]) => `${op} ${v}`),
  fc.array(n, { minLength: 1, maxLength: 2 }).map((ns) => `not(${ns.join(', ')})`),
);
const textCell = fc.constantFrom('-', '"a"', '"a", "b"', 'not("a")', '"c"');
const rules = fc.array(fc.tuple(numericCell, textCell), { minLength: 2, maxLength: 4 });

const grid: unknown[] = [null, ...Array.from({ length: 33 }, (_, i) => -1 + i * 0.25)];
const texts: unknown[] = [null, 'a', 'b', 'c', 'other'];

function xml(table: Array<[string, string]>): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rows = table
    .map(
      ([a, b], i) =>
        `<rule id="r${i + 1}"><inputEntry id="r${i + 1}a"><text>${escape(a)}</text></inputEntry>` +
        `<inputEntry id="r${i + 1}b"><text>${escape(b)}</text></inputEntry>` +
        `<outputEntry id="r${i + 1}o"><text>${i + 1}</text></outputEntry></rule>`,
    )
    .join('');
  return `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
    <decision id="t" name="t"><decisionTable id="dt" hitPolicy="UNIQUE">
    <input id="x"><inputExpression id="xe"><text>x</text></inputExpression></input>
    <input id="s"><inputExpression id="se"><text>s</text></inputExpression></input>
    <output id="o" name="o" />${rows}</decisionTable></decision></definitions>`;
}

function matches(tests: string, value: unknown): boolean {
  const r = evaluateUnaryTests(tests, value, {});
  return r.ok && r.value === true;
}

function overlapsByBruteForce(table: Array<[string, string]>): boolean {
  for (let i = 0; i < table.length; i++) {
    for (let j = i + 1; j < table.length; j++) {
      const number = grid.some((x) => matches(table[i][0], x) && matches(table[j][0], x));
      const text = texts.some((s) => matches(table[i][1], s) && matches(table[j][1], s));
      if (number && text) return true;
    }
  }
  return false;
}

describe('the UNIQUE overlap check', () => {
  it('reports an overlap exactly when brute force finds one', () => {
    fc.assert(
      fc.property(rules, (table) => {
        const parsed = parseDmn(xml(table));
        const reported = !parsed.ok && parsed.message.includes('hit policy UNIQUE allows one matching rule');
        if (!parsed.ok && !reported) throw new Error(parsed.message);
        expect({ table, reported }).toEqual({ table, reported: overlapsByBruteForce(table) });
      }),
      { numRuns: 300 },
    );
  });
});
