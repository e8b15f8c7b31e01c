import { evaluateDecision } from '../index';
import { loadFixture } from '../__fixtures__/load-fixture';

type Case = [
  fixture: string,
  decisionId: string,
  variables: Record<string, unknown>,
  expected: { output: unknown; matched: string[] } | { failure: string },
];

/** Given a table with this hit policy, when it is evaluated with these variables, then it gives this output. */
const cases: Case[] = [
  ['unique.dmn', 'dish', { season: 'Winter', guests: 5 }, { output: 'Spareribs', matched: ['winter-small'] }],
  [
    'unique.dmn',
    'dish',
    { season: 'Winter', guests: 10 },
    { output: 'Roastbeef', matched: ['winter-large'] },
  ],
  ['unique.dmn', 'dish', { season: 'Summer', guests: 40 }, { output: 'Light salad', matched: ['summer'] }],
  ['unique.dmn', 'dish', { season: 'Spring', guests: 3 }, { output: 'Stew', matched: ['autumn-or-spring'] }],
  ['unique.dmn', 'dish', { season: 'Spring', guests: 12 }, { output: null, matched: [] }],
  ['unique.dmn', 'dish', { season: 'Winter', guests: '5' }, { output: null, matched: [] }],
  ['unique.dmn', 'dish', {}, { output: null, matched: [] }],
  ['unique.dmn', 'dishWithinBudget', { price: 5, budget: 8 }, { output: 'Soup', matched: ['cheap'] }],
  [
    'unique.dmn',
    'dishWithinBudget',
    { price: 12, budget: 20 },
    {
      failure:
        "Expected to evaluate decision 'dishWithinBudget', but hit policy UNIQUE allows one matching rule, but rules 'cheap' (#1), 'any-price' (#2) matched (inputs: Price = 12)",
    },
  ],
  [
    'first.dmn',
    'discount',
    { customer: { type: 'gold' }, total: 2000 },
    { output: 0.15, matched: ['gold-big'] },
  ],
  ['first.dmn', 'discount', { customer: { type: 'gold' }, total: 10 }, { output: 0.1, matched: ['gold'] }],
  [
    'first.dmn',
    'discount',
    { customer: { type: 'silver' }, total: 5000 },
    { output: 0.05, matched: ['anyone-big'] },
  ],
  ['first.dmn', 'discount', { customer: null, total: 5 }, { output: null, matched: [] }],
  ['priority.dmn', 'risk', { age: 20, breaches: 3 }, { output: 'high', matched: ['young', 'many-breaches'] }],
  ['priority.dmn', 'risk', { age: 20, breaches: 0 }, { output: 'medium', matched: ['young', 'no-breach'] }],
  ['priority.dmn', 'risk', { age: 40, breaches: 0 }, { output: 'low', matched: ['no-breach'] }],
  ['priority.dmn', 'risk', { age: 40, breaches: 1 }, { output: null, matched: [] }],
  ['any.dmn', 'eligible', { age: 30, resident: true }, { output: true, matched: ['adult', 'resident-rule'] }],
  [
    'any.dmn',
    'eligible',
    { age: 10, resident: false },
    { output: false, matched: ['minor-foreign', 'child'] },
  ],
  [
    'any.dmn',
    'eligible',
    { age: 10, resident: true },
    {
      failure:
        "Expected to evaluate decision 'eligible', but hit policy ANY needs matching rules to agree, but rules 'resident-rule' (#2), 'child' (#4) give true, false (inputs: Age = 10, Resident = true)",
    },
  ],
  [
    'collect.dmn',
    'points',
    { level: 'gold' },
    { output: [10, 20, 5], matched: ['base', 'gold', 'gold-or-silver'] },
  ],
  ['collect.dmn', 'points', { level: 'bronze' }, { output: [10], matched: ['base'] }],
  [
    'collect.dmn',
    'pointsSum',
    { level: 'gold' },
    { output: 35, matched: ['base-sum', 'gold-sum', 'gold-or-silver-sum'] },
  ],
  [
    'collect.dmn',
    'pointsMin',
    { level: 'silver' },
    { output: 5, matched: ['base-min', 'gold-or-silver-min'] },
  ],
  [
    'collect.dmn',
    'pointsMax',
    { level: 'gold' },
    { output: 20, matched: ['base-max', 'gold-max', 'gold-or-silver-max'] },
  ],
  [
    'collect.dmn',
    'pointsCount',
    { level: 'silver' },
    { output: 2, matched: ['base-count', 'gold-or-silver-count'] },
  ],
  [
    'collect.dmn',
    'badges',
    { level: 'gold' },
    {
      failure:
        'Expected to evaluate decision \'badges\', but COLLECT SUM needs numbers, but rule \'badge-any\' (#1) gives "member" (inputs: Level = "gold")',
    },
  ],
  [
    'rule-order.dmn',
    'notifications',
    { measure: 'EM' },
    {
      output: [
        { recipient: 'police zone', channel: 'mandate' },
        { recipient: 'justice house', channel: 'mandate' },
        { recipient: 'monitoring centre', channel: 'notice' },
      ],
      matched: ['police', 'justice', 'monitoring'],
    },
  ],
  [
    'rule-order.dmn',
    'notifications',
    { measure: 'probation' },
    {
      output: [
        { recipient: 'police zone', channel: 'mandate' },
        { recipient: 'justice house', channel: 'mandate' },
      ],
      matched: ['police', 'justice'],
    },
  ],
  [
    'output-order.dmn',
    'actions',
    { days: 6 },
    { output: ['escalate', 'remind', 'remind'], matched: ['remind', 'escalate', 'remind-again'] },
  ],
  ['output-order.dmn', 'actions', { days: 0 }, { output: ['wait'], matched: ['wait'] }],
];

describe.each(cases)('%s: %s with %j', (fixture, decisionId, variables, expected) => {
  const definitions = loadFixture(__dirname, fixture);
  const result = evaluateDecision(definitions, decisionId, variables);

  if ('failure' in expected) {
    it('fails, naming the decision, the rules and the inputs', () => {
      expect(result).toMatchObject({ ok: false, failedDecisionId: decisionId, message: expected.failure });
    });
  } else {
    it(`gives ${JSON.stringify(expected.output)}`, () => {
      expect(result.ok && result.output).toEqual(expected.output);
    });
    it(`reports the matched rules ${expected.matched.join(', ') || '(none)'}`, () => {
      expect(result.evaluatedDecisions.map((d) => d.matchedRules.map((r) => r.ruleId))).toEqual([
        expected.matched,
      ]);
    });
  }
});

describe('the evaluation report', () => {
  it('mirrors zeebe.proto EvaluatedDecision, with JSON text values and 1-based rule indexes', () => {
    const definitions = loadFixture(__dirname, 'first.dmn');
    const result = evaluateDecision(definitions, 'discount', { customer: { type: 'silver' }, total: 5000 });
    expect(result).toEqual({
      ok: true,
      output: 0.05,
      evaluatedDecisions: [
        {
          decisionId: 'discount',
          decisionName: 'Discount',
          decisionType: 'DECISION_TABLE',
          decisionOutput: '0.05',
          evaluatedInputs: [
            { inputId: 'input-customer', inputName: 'Customer', inputValue: '"silver"' },
            { inputId: 'input-total', inputName: 'Order total', inputValue: '5000' },
          ],
          matchedRules: [
            {
              ruleId: 'anyone-big',
              ruleIndex: 3,
              evaluatedOutputs: [
                { outputId: 'output-discount', outputName: 'discount', outputValue: '0.05' },
              ],
            },
          ],
        },
      ],
    });
  });
});
