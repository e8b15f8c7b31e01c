import { evaluateDecision } from '../index';
import { loadFixture } from '../__fixtures__/load-fixture';

/** Given the same decisions written in DMN 1.1, 1.2 and 1.3, when parsed, then they read and evaluate alike. */
const files = { '1.1': 'dish-dmn11.dmn', '1.2': 'dish-dmn12.dmn', '1.3': 'dish-dmn13.dmn' } as const;

describe.each(Object.entries(files))('DMN %s (%s)', (version, file) => {
  const definitions = loadFixture(__dirname, file);

  it('is read, remembering the version it was written in', () => {
    expect(definitions).toMatchObject({
      id: 'dishDefinitions',
      name: 'Dish decisions',
      namespace: 'http://camunda.org/schema/1.0/dmn',
      drgId: 'dishDefinitions',
      dmnVersion: version,
    });
    expect(definitions.decisions.map((d) => [d.id, d.type, d.requiredDecisions])).toEqual([
      ['season', 'LITERAL_EXPRESSION', []],
      ['dish', 'DECISION_TABLE', ['season']],
    ]);
  });

  it.each([
    [{ month: 1, guestCount: 4 }, 'Spareribs'],
    [{ month: 12, guestCount: 20 }, 'Pasta'],
    [{ month: 7, guestCount: 100 }, 'Light salad and a nice steak'],
    [{ month: 10, guestCount: 6 }, 'Stew'],
    [{ month: 4, guestCount: 2 }, null],
  ])('evaluates %j to %j', (variables, dish) => {
    expect(evaluateDecision(definitions, 'dish', variables)).toMatchObject({ ok: true, output: dish });
  });
});

describe('version tags', () => {
  it("come from Camunda 7's camunda:versionTag in old files", () => {
    const definitions = loadFixture(__dirname, files['1.1']);
    expect(definitions.decisions.map((d) => d.versionTag)).toEqual(['2019-1', '2019-1']);
  });

  it('come from zeebe:versionTag in Camunda 8 files, and are absent otherwise', () => {
    const definitions = loadFixture(__dirname, files['1.3']);
    expect(definitions.decisions.map((d) => d.versionTag)).toEqual([undefined, 'v2']);
  });
});

describe('plain data', () => {
  it('survives a JSON round trip unchanged', () => {
    const definitions = loadFixture(__dirname, files['1.3']);
    expect(JSON.parse(JSON.stringify(definitions))).toEqual(definitions);
  });
});
