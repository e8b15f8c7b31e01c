import { evaluateDecision } from '../index';
import { loadFixture } from '../__fixtures__/load-fixture';

const definitions = loadFixture(__dirname, 'invoice.dmn');

describe('a decision requirements graph', () => {
  it('evaluates required decisions first, each once, and gives their results by decision id', () => {
    const r = evaluateDecision(definitions, 'invoice', { orders: 12, amount: 200 });
    expect(r).toMatchObject({ ok: true, output: { level: 'gold', total: 180 } });
    expect(r.evaluatedDecisions.map((d) => [d.decisionId, d.decisionType, d.decisionOutput])).toEqual([
      ['customerLevel', 'LITERAL_EXPRESSION', '"gold"'],
      ['discount', 'DECISION_TABLE', '0.1'],
      ['invoice', 'LITERAL_EXPRESSION', '{"level":"gold","total":180}'],
    ]);
  });

  it('evaluates a required decision alone when asked for it', () => {
    const r = evaluateDecision(definitions, 'discount', { orders: 1 });
    expect(r).toMatchObject({ ok: true, output: 0.05 });
    expect(r.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['customerLevel', 'discount']);
  });

  it('reports a literal expression decision without inputs or rules', () => {
    const r = evaluateDecision(definitions, 'customerLevel', { orders: 3 });
    expect(r).toEqual({
      ok: true,
      output: 'silver',
      evaluatedDecisions: [
        {
          decisionId: 'customerLevel',
          decisionName: 'Customer level',
          decisionType: 'LITERAL_EXPRESSION',
          decisionOutput: '"silver"',
          evaluatedInputs: [],
          matchedRules: [],
        },
      ],
    });
  });

  it('names the decision that failed and keeps those evaluated before it', () => {
    const r = evaluateDecision(definitions, 'checkedInvoice', { orders: 12, amount: 0 });
    expect(r).toMatchObject({
      ok: false,
      failedDecisionId: 'checkedInvoice',
      message:
        "Expected to evaluate decision 'checkedInvoice', but failed to evaluate expression 'assert(invoice, invoice.total > 0, \"the total must be positive\")': Assertion failure: the total must be positive",
    });
    expect(r.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['customerLevel', 'discount', 'invoice']);
  });

  it('fails at the required decision when that one fails', () => {
    const r = evaluateDecision(definitions, 'summary', { orders: 12, amount: 0 });
    expect(r).toMatchObject({ ok: false, failedDecisionId: 'checkedInvoice' });
    expect(r.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['customerLevel', 'discount', 'invoice']);
    expect(evaluateDecision(definitions, 'summary', { orders: 12, amount: 10 })).toMatchObject({
      ok: true,
      output: 'Total: 9',
    });
  });
});
