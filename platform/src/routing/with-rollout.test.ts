import { loadReferenceData } from '../reference';
import { generateRoutingTable } from './routing-file';
import { readRollout, RolloutTableError, withRollout } from './with-rollout';

const reference = loadReferenceData();
const hainaut = generateRoutingTable(reference, 'BE-WHT');
const flemishBrabant = generateRoutingTable(reference, 'BE-VBR');

describe('readRollout', () => {
  it('reads the initial rollout: Hainaut live, Flemish Brabant not', () => {
    expect(readRollout(hainaut)).toEqual({
      province: 'BE-WHT',
      live: false,
      arrondissements: [{ name: 'Hainaut', live: true }],
    });
    expect(readRollout(flemishBrabant)).toEqual({
      province: 'BE-VBR',
      live: false,
      arrondissements: [
        { name: 'Brussel/Bruxelles', live: false },
        { name: 'Leuven', live: false },
      ],
    });
  });

  it('refuses a file without a rollout decision or with a row it cannot read', () => {
    expect(() => readRollout('<definitions/>')).toThrow(RolloutTableError);
    const broken = hainaut.replace(
      /<text>"Hainaut"<\/text>(?![\s\S]*<text>"Hainaut"<\/text>)/,
      '<text>starts with("H")</text>',
    );
    expect(() => readRollout(broken)).toThrow(/must test one arrondissement name/);
  });
});

describe('withRollout', () => {
  it('switches one arrondissement and keeps the rest of the file byte for byte', () => {
    const next = withRollout(flemishBrabant, 'Leuven', true);
    expect(readRollout(next).arrondissements).toEqual([
      { name: 'Brussel/Bruxelles', live: false },
      { name: 'Leuven', live: true },
    ]);
    const before = flemishBrabant.indexOf('<decision id="rollout-BE-VBR"');
    expect(next.slice(0, before)).toBe(flemishBrabant.slice(0, before));
    expect(next.slice(next.indexOf('<dmndi:DMNDI>'))).toBe(
      flemishBrabant.slice(flemishBrabant.indexOf('<dmndi:DMNDI>')),
    );
  });

  it('switches a whole province with null, default row included', () => {
    const off = withRollout(hainaut, null, false);
    expect(readRollout(off)).toEqual({
      province: 'BE-WHT',
      live: false,
      arrondissements: [{ name: 'Hainaut', live: false }],
    });
    // and back: the generator's own output again
    expect(withRollout(off, null, true)).toBe(hainaut);
  });

  it('adds a row for an arrondissement the table does not list yet', () => {
    const next = withRollout(hainaut, 'Eupen', false);
    expect(readRollout(next).arrondissements).toEqual([
      { name: 'Hainaut', live: true },
      { name: 'Eupen', live: false },
    ]);
  });

  it('keeps the information requirement ids the diagram refers to, whatever they were renamed to', () => {
    const renamed = hainaut.replaceAll('ir-rollout-BE-WHT-routes-BE-WHT', 'InformationRequirement_0abc');
    const next = withRollout(renamed, 'Hainaut', false);
    expect(next).toContain('<informationRequirement id="InformationRequirement_0abc">');
    expect(next).not.toContain('ir-rollout-BE-WHT-routes-BE-WHT');
  });

  it('works on a file whose DMN elements carry a namespace prefix', () => {
    const prefixed = hainaut
      .replace(
        'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"',
        'xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/"',
      )
      .replace(
        /<(\/?)(definitions|decision|description|variable|informationRequirement|requiredDecision|literalExpression|text|decisionTable|input|inputExpression|output|rule|inputEntry|outputEntry)\b/g,
        '<$1dmn:$2',
      );
    const next = withRollout(prefixed, 'Hainaut', false);
    expect(readRollout(next).arrondissements).toEqual([{ name: 'Hainaut', live: false }]);
    expect(next).toContain('<dmn:decision id="rollout-BE-WHT"');
    expect(next).not.toMatch(/<decision id="rollout/);
  });
});
