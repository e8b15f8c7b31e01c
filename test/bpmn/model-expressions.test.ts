import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModdleElement } from 'bpmn-moddle';
import { evaluateExpression } from '../../engine/src/feel';
import { BPMN_DIR, parseBpmn } from './bpmn-lint';

// The FEEL of conditional-release, read from the model and evaluated by the engine's FEEL: the
// expressions the process depends on give what bpmn/README.md promises.
async function elements(file = 'conditional-release.bpmn'): Promise<Map<string, ModdleElement>> {
  const { root } = await parseBpmn(readFileSync(join(BPMN_DIR, file), 'utf8'));
  const byId = new Map<string, ModdleElement>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object' || !('$type' in value)) return;
    const element = value as ModdleElement;
    if (element.id) byId.set(element.id, element);
    for (const [key, child] of Object.entries(element))
      if (!key.startsWith('$') && !key.endsWith('Ref')) visit(child);
  };
  visit(root);
  return byId;
}

function extension(element: ModdleElement, type: string): ModdleElement {
  return ((element.extensionElements as { values: ModdleElement[] }).values ?? []).find(
    (v) => v.$type === type,
  )!;
}

function evaluate(expression: string, context: Record<string, unknown>): unknown {
  const result = evaluateExpression(expression, context);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('FEEL of conditional-release', () => {
  const routing = {
    policeZoneId: 'PZ-5318',
    justiceHouseId: null,
    monitoringCentreId: 'EM-DSE-FWB',
    live: true,
  };

  it('builds the recipients: police zone and justice house, the monitoring centre only with electronic monitoring', async () => {
    const script = extension((await elements()).get('BuildRecipients')!, 'zeebe:Script').expression as string;
    expect(evaluate(script, { routing, electronicMonitoring: false })).toEqual([
      { kind: 'police_check', agencyId: 'PZ-5318' },
      { kind: 'guidance', agencyId: null },
    ]);
    expect(evaluate(script, { routing, electronicMonitoring: true })).toEqual([
      { kind: 'police_check', agencyId: 'PZ-5318' },
      { kind: 'guidance', agencyId: null },
      { kind: 'monitoring', agencyId: 'EM-DSE-FWB' },
    ]);
  });

  it('calls the province’s routing decision', async () => {
    const call = extension((await elements()).get('Route')!, 'zeebe:CalledDecision').decisionId as string;
    expect(evaluate(call, { province: 'BE-WHT' })).toBe('routing-BE-WHT');
  });

  it('takes the old channel unless routing says live, also when routing has no answer', async () => {
    const condition = ((await elements()).get('Flow_Live_No')!.conditionExpression as ModdleElement)
      .body as string;
    expect(evaluate(condition, { routing })).toBe(false);
    expect(evaluate(condition, { routing: { ...routing, live: false } })).toBe(true);
    expect(evaluate(condition, { routing: { ...routing, live: null } })).toBe(true);
    expect(evaluate(condition, { routing: null })).toBe(true);
  });

  it('reports a breach only when the report says so (mandate-follow-up, called for each mandate)', async () => {
    const condition = (
      (await elements('mandate-follow-up.bpmn')).get('Flow_Breach_Yes')!.conditionExpression as ModdleElement
    ).body as string;
    expect(evaluate(condition, { report: { outcome: 'person_absent', breach: true } })).toBe(true);
    expect(evaluate(condition, { report: { outcome: 'address_verified', breach: false } })).toBe(false);
    expect(evaluate(condition, { report: null })).toBe(false);
  });

  it('waits for a release only when told so, and knows an open-ended measure', async () => {
    const byId = await elements();
    const awaiting = (byId.get('Flow_Release_Yes')!.conditionExpression as ModdleElement).body as string;
    expect(evaluate(awaiting, { awaitingRelease: true })).toBe(true);
    expect(evaluate(awaiting, { awaitingRelease: false })).toBe(false);
    expect(evaluate(awaiting, { awaitingRelease: null })).toBe(false);
    const known = (byId.get('Flow_EndKnown_Yes')!.conditionExpression as ModdleElement).body as string;
    expect(evaluate(known, { measureEnd: '2027-12-01T00:00:00.000Z' })).toBe(true);
    expect(evaluate(known, { measureEnd: null })).toBe(false);
  });

  it('asks for periodic reports only when the mandate has a period', async () => {
    const periodic = (
      (await elements('mandate-follow-up.bpmn')).get('Flow_Periodic_Yes')!
        .conditionExpression as ModdleElement
    ).body as string;
    expect(evaluate(periodic, { reportPeriod: 'P90D' })).toBe(true);
    expect(evaluate(periodic, { reportPeriod: null })).toBe(false);
  });
});
