import { UserError } from '../errors';
import { sharedWhileInFlight } from '../in-flight';
import type { ReferenceLookup } from '../reference-port';
import type { EnginePort } from '../engine-port';
import { asRoutingOutput, routingView, type RoutingOutput, type RoutingView } from '../views/routing-view';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/** The DMN decision that routes a case of a province (bpmn/routing/<P>.dmn). */
export const routingDecisionId = (province: string) => `routing-${province}`;

/** Default case language of a municipality's language area (`fr-nl` Brussels: French unless told). */
export function defaultLanguage(languageArea: string): string {
  return languageArea === 'nl' ? 'nl' : languageArea === 'de' ? 'de' : 'fr';
}

/**
 * Evaluates the routing decision of a province in the engine (latest deployed version). Calls made
 * while the same evaluation is in flight share its answer (a decision's two mandate jobs check
 * their recipients at the same moment): one engine call, and no answer is kept after it arrives.
 */
export async function evaluateRouting(
  engine: EnginePort,
  c: { province: string; nis: string; measure: string; electronicMonitoring: boolean; language: string },
): Promise<RoutingOutput> {
  const key = JSON.stringify([c.province, c.nis, c.measure, c.electronicMonitoring, c.language]);
  return evaluating(engine, key, async () => {
    const res = await engine.evaluateDecision(routingDecisionId(c.province), {
      nis: c.nis,
      measure: c.measure,
      electronicMonitoring: c.electronicMonitoring,
      language: c.language,
    });
    return asRoutingOutput(res.output);
  });
}

/** Per engine, the routing evaluations in flight (see evaluateRouting). */
const evaluating = sharedWhileInFlight<RoutingOutput>();

/**
 * "Where would this case go?" — `GET /api/routing/preview`. Resolves a postcode to its municipality
 * (or lists the candidates), evaluates the province's routing decision in the engine, and starts
 * nothing.
 */
export async function previewRouting(
  engine: EnginePort,
  reference: ReferenceLookup,
  q: {
    nis?: string;
    postalCode?: string;
    measure: string;
    electronicMonitoring?: boolean;
    language?: string;
  },
): Promise<RoutingView> {
  let nis = q.nis;
  if (!nis && q.postalCode) {
    const found = reference.municipalitiesByPostalCode(q.postalCode);
    if (found.length !== 1) {
      const detail =
        found.length === 0
          ? `postal code ${q.postalCode} is not known; check it or give nis`
          : `postal code ${q.postalCode} covers ${found.map((m) => `${m.nis} ${m.name.fr ?? m.name.nl ?? m.name.de}`).join(', ')}; give nis`;
      throw new UserError({
        status: 400,
        code: 'validation_failed',
        title: 'Ambiguous postal code',
        detail,
        errors: [
          {
            field: 'postalCode',
            code: found.length === 0 ? 'unknown_postal_code' : 'ambiguous_postal_code',
            message: detail,
          },
        ],
      });
    }
    nis = found[0]!.nis;
  }
  if (!nis) {
    throw new UserError({
      status: 400,
      code: 'validation_failed',
      title: 'Municipality needed',
      detail: 'give nis (5-digit NIS code) or postalCode',
      errors: [{ field: 'nis', code: 'required', message: 'give nis or postalCode' }],
    });
  }
  const m = reference.municipality(nis);
  if (!m) {
    throw new UserError({
      status: 400,
      code: 'validation_failed',
      title: 'Unknown municipality',
      detail: `NIS code ${nis} is not a Belgian municipality (2025 list)`,
      errors: [
        {
          field: 'nis',
          code: 'unknown_nis',
          message: `NIS code ${nis} is not known; search with GET /api/municipalities?q=`,
        },
      ],
    });
  }
  const electronicMonitoring = involvesElectronicMonitoring(q.measure, q.electronicMonitoring);
  const out = await evaluateRouting(engine, {
    province: m.province,
    nis,
    measure: q.measure,
    electronicMonitoring,
    language: q.language ?? defaultLanguage(m.languageArea),
  });
  return routingView(out, { nis, measure: q.measure, electronicMonitoring }, reference);
}
