import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ReferenceLookup } from '../reference-port';
import { EngineRejection, type EnginePort } from '../engine-port';
import { defaultLanguage, routingDecisionId } from './preview-routing';
import type { RoutingTest } from './routing-tests';
import { checkDeployedIds, decisionIds } from './table-shape';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/**
 * Deploys a province's table as `routing/<P>.dmn` and makes sure processes now get it. The engine
 * keeps the earlier version when the same file comes again (Zeebe's duplicate check), which would
 * leave a newer `routing-<P>` deployed from elsewhere in force and answer "deployed" while changing
 * nothing. So the table in force is checked, and when it is not this one the table goes again with
 * a marker comment, as a new version. Returns the key of `routing-<P>` in that deployment.
 */
export async function deployRoutingTable(
  engine: EnginePort,
  reference: ReferenceLookup,
  table: { province: string; xml: string; probe: RoutingTest | undefined },
  clock: Clock,
  logger: Logger,
): Promise<string | null> {
  const { province, xml, probe } = table;
  let key = await deployOnce(engine, province, xml);
  if (!(await routingInForce(engine, reference, province, key, probe))) {
    logger.warn('routing table deployed again: the engine ran another version of it', { province });
    key = await deployOnce(
      engine,
      province,
      `${xml}\n<!-- deployed again by iplus at ${clock.now().toISOString()} -->\n`,
    );
  }
  return key;
}

async function deployOnce(engine: EnginePort, province: string, xml: string): Promise<string | null> {
  const deployed = await engine.deploy(`routing/${province}.dmn`, Buffer.from(xml));
  checkDeployedIds(province, decisionIds(deployed), false);
  const top = deployed.find((d) => d.kind === 'decision' && d.decisionId === routingDecisionId(province));
  return top ? top.key : null;
}

/**
 * Whether `routing-<P>` in the engine (its latest version) is the one with this key, found by
 * evaluating it with a saved test case of the province; true when there is nothing to probe with.
 */
export async function routingInForce(
  engine: EnginePort,
  reference: ReferenceLookup,
  province: string,
  key: string | null,
  probe: RoutingTest | undefined,
): Promise<boolean> {
  if (!probe || key === null) return true;
  const m = reference.municipality(probe.nis);
  try {
    const res = await engine.evaluateDecision(routingDecisionId(province), {
      nis: probe.nis,
      measure: probe.measure,
      electronicMonitoring: involvesElectronicMonitoring(probe.measure, probe.electronicMonitoring),
      language: probe.language ?? defaultLanguage(m?.languageArea ?? 'fr'),
    });
    return res.decisionKey === key;
  } catch (e) {
    if (e instanceof EngineRejection) return false;
    throw e;
  }
}
