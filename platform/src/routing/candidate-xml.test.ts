import { candidateXml } from './candidate-xml';

const xml = `<?xml version="1.0"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="routing-BE-WHT" name="Routing Hainaut">
  <decision id="routes-BE-WHT" name="Routes"/>
  <decision id="rollout-BE-WHT" name="Rollout"/>
  <decision id="routing-BE-WHT-x" name="Other"/>
  <decision id="routing-BE-WHT-top" name="Routing">
    <informationRequirement id="req1"><requiredDecision href="#routes-BE-WHT"/></informationRequirement>
    <literalExpression><text>{ zone: routes-BE-WHT.policeZoneId, live: rollout-BE-WHT }</text></literalExpression>
  </decision>
  <dmndi:DMNShape dmnElementRef="routes-BE-WHT"/>
</definitions>`;

describe('candidateXml', () => {
  it('renames definitions and decision ids everywhere they are referenced, and nothing else', () => {
    const { xml: out, ids } = candidateXml(xml);
    expect(ids.get('routing-BE-WHT')).toBe('routing-BE-WHT--candidate');
    expect(out).toContain('id="routing-BE-WHT--candidate"');
    expect(out).toContain('id="routes-BE-WHT--candidate"');
    expect(out).toContain('href="#routes-BE-WHT--candidate"');
    expect(out).toContain('dmnElementRef="routes-BE-WHT--candidate"');
    expect(out).toContain('zone: routes-BE-WHT--candidate.policeZoneId, live: rollout-BE-WHT--candidate');
    expect(out).toContain('id="routing-BE-WHT-x--candidate"');
    expect(out).not.toContain('routing-BE-WHT--candidate-x');
    expect(out).toContain('id="req1"');
    expect(out).toContain('name="Routes"');
  });
});
