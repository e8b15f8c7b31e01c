import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

/**
 * Given the hit-policy tables of the DMN module deployed with a process whose business rule task
 * calls one of them and whose exclusive gateway routes on the result, when an instance is created
 * over gRPC, then it takes the path the table's hit policy dictates and the decision instance
 * records the matched rules.
 */
const tables = path.join(__dirname, '../../dmn/hit-policies');

type Case = [
  hitPolicy: string,
  decision: string,
  input: Record<string, unknown>,
  expected: unknown,
  matched: string[],
];

const cases: Case[] = [
  ['UNIQUE', 'dish', { season: 'Winter', guests: 10 }, 'Roastbeef', ['winter-large']],
  ['FIRST', 'discount', { customer: { type: 'gold' }, total: 2000 }, 0.15, ['gold-big']],
  ['PRIORITY', 'risk', { age: 20, breaches: 3 }, 'high', ['young', 'many-breaches']],
  ['ANY', 'eligible', { age: 30, resident: true }, true, ['adult', 'resident-rule']],
  ['COLLECT', 'points', { level: 'gold' }, [10, 20, 5], ['base', 'gold', 'gold-or-silver']],
  ['COLLECT SUM', 'pointsSum', { level: 'gold' }, 35, ['base-sum', 'gold-sum', 'gold-or-silver-sum']],
  ['COLLECT MIN', 'pointsMin', { level: 'silver' }, 5, ['base-min', 'gold-or-silver-min']],
  ['COLLECT MAX', 'pointsMax', { level: 'gold' }, 20, ['base-max', 'gold-max', 'gold-or-silver-max']],
  ['COLLECT COUNT', 'pointsCount', { level: 'silver' }, 2, ['base-count', 'gold-or-silver-count']],
  [
    'RULE ORDER',
    'notifications',
    { measure: 'probation' },
    [
      { recipient: 'police zone', channel: 'mandate' },
      { recipient: 'justice house', channel: 'mandate' },
    ],
    ['police', 'justice'],
  ],
  [
    'OUTPUT ORDER',
    'actions',
    { days: 6 },
    ['escalate', 'remind', 'remind'],
    ['remind', 'escalate', 'remind-again'],
  ],
];

describe('business rule task routing on each hit policy, over gRPC', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    const files = fs.readdirSync(tables).filter((f) => f.endsWith('.dmn'));
    await t.deploy(tables, ...files);
    await t.deploy(__dirname, 'business-rule-hit-policies.bpmn');
  });
  afterAll(() => t.close());

  it.each(cases)(
    '%s: %s routes to the path its result dictates',
    async (_policy, decision, input, expected, matched) => {
      const r = await t.zbc.createProcessInstanceWithResult({
        bpmnProcessId: 'hit-policy-routing',
        variables: { decision, expected, ...input } as unknown as Record<string, string>,
      });
      expect(r.variables.result).toEqual(expected);
      expect(t.path(r.processInstanceKey)).toContain('expected-path');
      expect(t.path(r.processInstanceKey)).not.toContain('other-path');
      const [row] = t.query<{ decision_id: string; evaluated_decisions: string }>(
        'SELECT decision_id, evaluated_decisions FROM decision_instance WHERE process_instance_key = ?',
        Number(r.processInstanceKey),
      );
      expect(row.decision_id).toBe(decision);
      const evaluated = JSON.parse(row.evaluated_decisions) as Array<{
        matchedRules: Array<{ ruleId: string }>;
      }>;
      expect(evaluated.at(-1)!.matchedRules.map((m) => m.ruleId)).toEqual(matched);
    },
  );

  it('takes the other path when the table gives another result (the gateway really routes)', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'hit-policy-routing',
      variables: { decision: 'dish', expected: 'Roastbeef', season: 'Summer', guests: 40 },
    });
    expect(r.variables.result).toBe('Light salad');
    expect(t.path(r.processInstanceKey)).toContain('other-path');
  });
});
