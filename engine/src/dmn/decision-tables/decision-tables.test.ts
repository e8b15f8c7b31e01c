import { evaluateDecision } from '../index';
import { loadFixture } from '../__fixtures__/load-fixture';

const definitions = loadFixture(__dirname, 'features.dmn');

function evaluate(decisionId: string, variables: Record<string, unknown>, now?: () => Date) {
  return evaluateDecision(definitions, decisionId, variables, now ? { now } : undefined);
}

describe('a table with several outputs', () => {
  it('gives a context by output name, with FEEL output entries and empty ones as null', () => {
    const young = { nis: '57081', measure: 'EM', person: { age: 19 }, court: 'TAP Mons' };
    expect(evaluate('assignment', young)).toMatchObject({
      ok: true,
      output: { zone: 'PZ-5318', deadlineDays: 1, label: 'young, EM: 57081' },
    });
    const older = { ...young, person: { age: 25 } };
    expect(evaluate('assignment', { ...older, measure: 'probation' })).toMatchObject({
      ok: true,
      output: { zone: 'PZ-5318', deadlineDays: 3, label: 'TAP Mons' },
    });
    expect(evaluate('assignment', { nis: '11002', days: 4 })).toMatchObject({
      ok: true,
      output: { zone: 'unknown', deadlineDays: 5, label: null },
    });
  });

  it('reports every output of the matched rule', () => {
    const r = evaluate('assignment', { nis: '11002', days: 4 });
    expect(r.evaluatedDecisions[0].matchedRules).toEqual([
      {
        ruleId: 'other',
        ruleIndex: 3,
        evaluatedOutputs: [
          { outputId: 'output-zone', outputName: 'zone', outputValue: '"unknown"' },
          { outputId: 'output-deadlineDays', outputName: 'deadlineDays', outputValue: '5' },
          { outputId: 'output-label', outputName: 'label', outputValue: 'null' },
        ],
      },
    ]);
  });

  it('names the rule, the output and the inputs when an output entry fails', () => {
    const older = { nis: '57081', measure: 'EM', person: { age: 25 }, court: 'TAP Mons' };
    expect(evaluate('assignment', older)).toEqual({
      ok: false,
      failedDecisionId: 'assignment',
      message:
        `Expected to evaluate decision 'assignment', but rule 'other' (#3), output 'deadlineDays': ` +
        `failed to evaluate expression 'assert(days, days != null, "days is required") + 1': ` +
        `Assertion failure: days is required (inputs: Municipality = "57081", Measure = "EM", Age = 25, Court = "TAP Mons")`,
      evaluatedDecisions: [],
    });
  });
});

describe('input values', () => {
  it('accept an allowed input', () => {
    expect(evaluate('allowedInputs', { measure: 'EM' })).toMatchObject({ ok: true, output: 'monitoring' });
  });

  it('refuse another input, naming it and the allowed values', () => {
    expect(evaluate('allowedInputs', { measure: 'house arrest' })).toEqual({
      ok: false,
      failedDecisionId: 'allowedInputs',
      message: `Expected to evaluate decision 'allowedInputs', but input 'Measure' is "house arrest", which is not one of its input values "EM","probation" (inputs: Measure = "house arrest")`,
      evaluatedDecisions: [],
    });
  });
});

describe('output values', () => {
  it('accept an allowed output', () => {
    expect(evaluate('allowedOutputs', { level: 8 })).toMatchObject({ ok: true, output: 'high' });
  });

  it('refuse another output, naming the rule', () => {
    expect(evaluate('allowedOutputs', { level: 4 })).toMatchObject({
      ok: false,
      message: `Expected to evaluate decision 'allowedOutputs', but rule 'medium' (#2) gives output 'risk' = "medium", which is not one of its output values "low","high" (inputs: Level = 4)`,
    });
  });
});

describe('default output entries', () => {
  it('give the output when no rule matches', () => {
    expect(evaluate('withDefault', { code: 'BE-VAN' })).toMatchObject({
      ok: true,
      output: { channel: 'old channel', live: false },
      evaluatedDecisions: [{ matchedRules: [] }],
    });
    expect(evaluate('withDefault', { code: 'BE-WHT' })).toMatchObject({
      ok: true,
      output: { channel: 'iplus', live: true },
    });
  });
});

describe('temporal inputs and outputs', () => {
  it.each([
    ['2024-12-31', 'before'],
    ['2025-01-01', '2025'],
    ['2025-12-31', '2025'],
    ['2026-01-01', 'after'],
  ])('compares the date %s as a date', (releaseDate, period) => {
    expect(evaluate('byDate', { releaseDate })).toMatchObject({
      ok: true,
      output: period,
      evaluatedDecisions: [{ evaluatedInputs: [{ inputValue: JSON.stringify(releaseDate) }] }],
    });
  });

  it('reads today() from the clock passed in, and gives dates as text', () => {
    const now = () => new Date('2026-02-27T10:00:00Z');
    expect(evaluate('dueDate', { kind: 'urgent' }, now)).toMatchObject({ ok: true, output: '2026-02-28' });
    expect(evaluate('dueDate', { kind: 'normal' }, now)).toMatchObject({ ok: true, output: '2026-03-06' });
  });
});

describe('a table without inputs', () => {
  it('matches every rule', () => {
    expect(evaluate('noInputs', {})).toMatchObject({ ok: true, output: ['a', 'b'] });
  });
});

describe('an unknown decision', () => {
  it('fails, listing the decisions there are', () => {
    expect(evaluate('nope', {})).toMatchObject({
      ok: false,
      failedDecisionId: 'nope',
      message: expect.stringContaining(
        "'features' has no such decision (it has 'assignment', 'allowedInputs'",
      ),
    });
  });
});

describe('definitions that went through JSON', () => {
  it('evaluate the same after compiling again', () => {
    const copy = JSON.parse(JSON.stringify(definitions));
    expect(evaluateDecision(copy, 'allowedOutputs', { level: 1 })).toEqual(
      evaluateDecision(definitions, 'allowedOutputs', { level: 1 }),
    );
  });
});
