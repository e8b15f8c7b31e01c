import { diffDecisionTables, diffDefinitions, type DecisionTableModel, type TableRule } from './table-diff';

function rule(
  id: string,
  nis: string,
  measure: string,
  zone: string,
  house: string,
  annotation = '',
): TableRule {
  return {
    id,
    inputs: { nis: `"${nis}"`, measure },
    outputs: { policeZoneId: `"${zone}"`, justiceHouseId: `"${house}"` },
    annotation,
  };
}

function table(rules: TableRule[], extra: Partial<DecisionTableModel> = {}): DecisionTableModel {
  return {
    decisionId: 'routing-BE-WHT',
    name: 'Routing Hainaut',
    hitPolicy: 'FIRST',
    inputColumns: ['nis', 'measure'],
    outputColumns: ['policeZoneId', 'justiceHouseId'],
    rules,
    ...extra,
  };
}

const v1 = table([
  rule('r1', '57097', '-', 'PZ-5318', 'MJ-TOURNAI'),
  rule('r2', '53053', '-', 'PZ-5324', 'MJ-MONS'),
  rule('r3', '52011', '-', 'PZ-5330', 'MJ-CHARLEROI'),
]);

describe('diffDecisionTables', () => {
  it('finds nothing between equal tables, whatever the white space', () => {
    const same = table(
      v1.rules.map((r) => ({ ...r, inputs: { ...r.inputs, measure: ` ${r.inputs.measure}  ` } })),
    );
    const d = diffDecisionTables(v1, same);
    expect(d.changes).toEqual([]);
    expect(d.unchanged).toBe(3);
  });

  it('reports a changed output cell of a rule matched by its inputs, even with a new rule id', () => {
    const v2 = table([
      rule('x1', '57097', '-', 'PZ-5318', 'MJ-MONS'),
      rule('x2', '53053', '-', 'PZ-5324', 'MJ-MONS'),
      rule('x3', '52011', '-', 'PZ-5330', 'MJ-CHARLEROI'),
    ]);
    const d = diffDecisionTables(v1, v2);
    expect(d.unchanged).toBe(2);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]).toMatchObject({
      kind: 'changed',
      cells: [{ column: 'justiceHouseId', side: 'output', before: '"MJ-TOURNAI"', after: '"MJ-MONS"' }],
    });
  });

  it('reports added and removed rules in table order', () => {
    const v2 = table([
      rule('r1', '57097', '-', 'PZ-5318', 'MJ-TOURNAI'),
      rule('r4', '57081', '-', 'PZ-5318', 'MJ-TOURNAI'),
      rule('r3', '52011', '-', 'PZ-5330', 'MJ-CHARLEROI'),
    ]);
    const d = diffDecisionTables(v1, v2);
    expect(d.changes.map((c) => c.kind)).toEqual(['removed', 'added']);
    expect(d.changes[1]).toMatchObject({ kind: 'added', rule: { id: 'r4' } });
  });

  it('matches by rule id when the inputs of a rule were edited', () => {
    const v2 = table([rule('r1', '57096', '-', 'PZ-5318', 'MJ-TOURNAI'), v1.rules[1], v1.rules[2]]);
    const d = diffDecisionTables(v1, v2);
    expect(d.changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        cells: [{ column: 'nis', side: 'input', before: '"57097"', after: '"57096"' }],
      }),
    ]);
  });

  it('reports annotation, hit policy and column changes', () => {
    const v2 = table(
      [
        {
          ...v1.rules[0],
          annotation: 'moved to zone 5318',
          outputs: { ...v1.rules[0].outputs, live: 'true' },
        },
        v1.rules[1],
        v1.rules[2],
      ],
      { hitPolicy: 'UNIQUE', outputColumns: ['policeZoneId', 'justiceHouseId', 'live'] },
    );
    const d = diffDecisionTables(v1, v2);
    expect(d.hitPolicy).toEqual({ before: 'FIRST', after: 'UNIQUE' });
    expect(d.outputColumns).toEqual({ added: ['live'], removed: [] });
    expect(d.changes[0]).toMatchObject({
      kind: 'changed',
      cells: [
        { column: 'live', side: 'output', before: '', after: 'true' },
        { column: '', side: 'annotation', before: '', after: 'moved to zone 5318' },
      ],
    });
  });

  it('handles duplicated input keys one to one', () => {
    const dup = table([v1.rules[0], { ...v1.rules[0], id: 'r1b' }]);
    const d = diffDecisionTables(dup, table([v1.rules[0]]));
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'removed' })]);
    expect(d.unchanged).toBe(1);
  });
});

describe('diffDefinitions', () => {
  it('matches tables by decision id', () => {
    const other = table([], { decisionId: 'rollout-BE-WHT' });
    const d = diffDefinitions([v1, other], [v1, table([], { decisionId: 'new-table' })]);
    expect(d.tables.map((t) => [t.decisionId, t.status])).toEqual([
      ['routing-BE-WHT', 'same'],
      ['new-table', 'added'],
      ['rollout-BE-WHT', 'removed'],
    ]);
  });
});
