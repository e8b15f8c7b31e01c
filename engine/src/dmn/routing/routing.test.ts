import { evaluateDecision } from '../index';
import { loadFixture } from '../__fixtures__/load-fixture';

/**
 * The shape of iplus's provincial routing tables: a route table per municipality and measure, a
 * monitoring table, a rollout table keyed by the route's judicial arrondissement, and a top
 * literal expression that puts the three together. Decision ids contain dashes, so the literal
 * expression reads them only because they are declared as required decisions.
 */
const definitions = loadFixture(__dirname, 'routing-BE-WHT.dmn');

describe('routing for a province', () => {
  it('routes a municipality with electronic monitoring to its zone, justice house, parquet and centre', () => {
    const r = evaluateDecision(definitions, 'routing-BE-WHT', { nis: '57081', measure: 'EM' });
    expect(r).toMatchObject({
      ok: true,
      output: {
        route: {
          policeZoneId: 'PZ-5318',
          justiceHouseId: 'MJ-TOURNAI',
          parquetId: 'PAR-HAINAUT',
          judicialArrondissement: 'Hainaut',
        },
        monitoringCentreId: 'EM-DSE-FWB',
        live: true,
      },
    });
    expect(r.evaluatedDecisions.map((d) => d.decisionId)).toEqual([
      'routes-BE-WHT',
      'monitoring-BE-WHT',
      'rollout-BE-WHT',
      'routing-BE-WHT',
    ]);
  });

  it('says a region not yet live is not live, and no centre without monitoring', () => {
    const r = evaluateDecision(definitions, 'routing-BE-WHT', { nis: '52011', measure: 'probation' });
    expect(r).toMatchObject({
      ok: true,
      output: { route: { policeZoneId: 'PZ-5330' }, monitoringCentreId: null, live: false },
    });
  });

  it('gives no route and not live for a municipality outside the province', () => {
    const r = evaluateDecision(definitions, 'routing-BE-WHT', { nis: '11002', measure: 'EM' });
    expect(r).toMatchObject({
      ok: true,
      output: { route: null, monitoringCentreId: 'EM-DSE-FWB', live: false },
    });
  });

  it("reads the decisions with Camunda's backtick names too, as generated tables do", () => {
    const r = evaluateDecision(definitions, 'routing-BE-WHT-backticks', { nis: '57093', measure: 'EM' });
    expect(r).toMatchObject({ ok: true, output: { policeZoneId: 'PZ-5318', live: true } });
  });

  it('reports the matched route rule with its four outputs', () => {
    const r = evaluateDecision(definitions, 'routes-BE-WHT', { nis: '53053', measure: 'EM' });
    expect(r.evaluatedDecisions[0]).toMatchObject({
      decisionId: 'routes-BE-WHT',
      evaluatedInputs: [
        { inputId: 'input-nis', inputName: 'NIS code', inputValue: '"53053"' },
        { inputId: 'input-measure', inputName: 'Measure', inputValue: '"EM"' },
      ],
      matchedRules: [{ ruleId: 'route-53053', ruleIndex: 3 }],
    });
    expect(r.evaluatedDecisions[0].matchedRules[0].evaluatedOutputs.map((o) => o.outputName)).toEqual([
      'policeZoneId',
      'justiceHouseId',
      'parquetId',
      'judicialArrondissement',
    ]);
  });
});
