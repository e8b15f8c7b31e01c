/**
 * Micro-benchmark of FEEL evaluation: `npx tsc -b engine && node engine/dist/feel/micro-bench.js`.
 * Not a test: numbers depend on the machine and its load. Results are recorded in README.md.
 */
import { evaluate as feelinEvaluate } from 'feelin';
import { compileExpression } from './compiled-expression';
import { compileUnaryTests } from './unary-tests';

function measure(name: string, iterations: number, run: () => unknown): void {
  for (let i = 0; i < Math.min(iterations, 2000); i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  process.stdout.write(`${name.padEnd(58)} ${micros.toFixed(3).padStart(9)} µs/op\n`);
}

function compiled(source: string, fastPath: boolean) {
  const r = compileExpression(source, { fastPath });
  if (!r.ok) throw new Error(r.message);
  return r.expression;
}

const variables = {
  amount: 1250,
  status: 'approved',
  customer: { type: 'gold', country: 'BE' },
  items: [1, 2, 3],
};
const cases = [
  'amount > 1000',
  'status = "approved" and customer.type = "gold"',
  '{ zone: customer.country, total: amount * 2 }',
];
for (const source of cases) {
  const fast = compiled(source, true);
  const slow = compiled(source, false);
  measure(`feelin.evaluate (parse each time): ${source}`, 2000, () => feelinEvaluate(source, variables));
  measure(`compiled, through feelin:         ${source}`, 2000, () => slow.evaluate(variables));
  measure(`compiled, fast path:              ${source}`, 200000, () => fast.evaluate(variables));
}
const list = compileUnaryTests('"21004", "21005", "21009"');
const range = compileUnaryTests('[1000..5000]');
if (!list.ok || !range.ok) throw new Error('unary tests do not compile');
measure('unary tests "21004", "21005", "21009" (compiled)', 200000, () => list.tests.evaluate('21009', {}));
measure('unary tests [1000..5000] (compiled)', 200000, () => range.tests.evaluate(1250, {}));
