import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDecision, parseDmn, type DmnDefinitions } from '../../engine/src/dmn';
import { loadReferenceData, PROVINCE_CODES } from '../../platform/src/reference';
import { expectedRouting, withRollout, type RoutingTest } from '../../platform/src/routing';

// The generated routing tables, evaluated by the engine's DMN module, against the oracle computed
// straight from the reference data: every municipality, each measure kind, each case language.
const ROUTING_DIR = join(__dirname, '..', '..', 'bpmn', 'routing');
const reference = loadReferenceData();

function parse(xml: string): DmnDefinitions {
  const parsed = parseDmn(xml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.definitions;
}

function route(definitions: DmnDefinitions, province: string, variables: Record<string, unknown>): unknown {
  const result = evaluateDecision(definitions, `routing-${province}`, variables);
  if (!result.ok) throw new Error(result.message);
  return result.output;
}

describe.each(PROVINCE_CODES)('routing table %s', (province) => {
  const xml = readFileSync(join(ROUTING_DIR, `${province}.dmn`), 'utf8');

  it('is accepted by the engine', () => {
    expect(parseDmn(xml)).toMatchObject({ ok: true });
  });

  it('routes every municipality of the province as the reference data say', () => {
    const definitions = parse(xml);
    const municipalities = reference.municipalities().filter((m) => m.province === province);
    const cases: Array<[string, boolean, string | null]> = [
      ['conditional_release', false, null],
      ['probation', true, null],
      ['electronic_monitoring', true, null],
    ];
    let evaluated = 0;
    for (const m of municipalities) {
      const languages = m.languageArea === 'fr-nl' ? ['fr', 'nl', null] : [m.languageArea];
      for (const language of languages) {
        for (const [measure, electronicMonitoring] of cases) {
          const variables = { nis: m.nis, measure, electronicMonitoring, language };
          expect({ nis: m.nis, language, measure, output: route(definitions, province, variables) }).toEqual({
            nis: m.nis,
            language,
            measure,
            output: expectedRouting(reference, m.nis, measure, language, electronicMonitoring),
          });
          evaluated += 1;
        }
      }
    }
    expect(evaluated).toBeGreaterThanOrEqual(municipalities.length * cases.length);
  });

  it('passes its saved test cases', () => {
    const definitions = parse(xml);
    const tests = JSON.parse(
      readFileSync(join(ROUTING_DIR, `${province}.tests.json`), 'utf8'),
    ) as RoutingTest[];
    for (const test of tests) {
      const output = route(definitions, province, {
        nis: test.nis,
        measure: test.measure,
        electronicMonitoring: test.measure === 'electronic_monitoring',
        language: test.language ?? null,
      });
      expect({ name: test.name, output }).toEqual({
        name: test.name,
        output: expect.objectContaining(test.expect),
      });
    }
  });

  it('answers the rollout decision alone for an arrondissement, and follows withRollout', () => {
    const arrondissements = reference.provinces().find((p) => p.code === province)!.judicialArrondissements;
    const first = arrondissements[0]!;
    const live = (definitions: DmnDefinitions, name: string) => {
      const result = evaluateDecision(definitions, `rollout-${province}`, { judicialArrondissement: name });
      if (!result.ok) throw new Error(result.message);
      return result.output;
    };
    const initially = province === 'BE-WHT';
    expect(live(parse(xml), first)).toBe(initially);
    const switched = parse(withRollout(xml, first, !initially));
    expect(live(switched, first)).toBe(!initially);
    const someone = reference
      .municipalities()
      .find((m) => m.province === province && m.judicialArrondissement === first)!;
    expect(
      route(switched, province, {
        nis: someone.nis,
        measure: 'probation',
        electronicMonitoring: false,
        language: 'fr',
      }),
    ).toMatchObject({
      live: !initially,
    });
  });

  it('routes a NIS code of another province nowhere (null recipients, not live)', () => {
    const stranger = reference.municipalities().find((m) => m.province !== province)!;
    expect(
      route(parse(xml), province, {
        nis: stranger.nis,
        measure: 'probation',
        electronicMonitoring: false,
        language: 'fr',
      }),
    ).toEqual({
      policeZoneId: null,
      justiceHouseId: null,
      monitoringCentreId: null,
      parquetId: null,
      judicialArrondissement: null,
      live: false,
    });
  });
});
