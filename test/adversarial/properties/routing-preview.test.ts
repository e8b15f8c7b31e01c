import fc from 'fast-check';
import { MEASURES } from '../../../contract/index';
import { loadReferenceData } from '../../../platform/src/reference';
import { expectedPreview } from '../../../platform/src/routing';
import { initialRollout, switchRollout } from '../../../platform/src/routing/rollout-state';

const reference = loadReferenceData();
const municipalities = reference.municipalities();
const AGENCY_KIND = {
  police_check: 'police_zone',
  guidance: 'justice_house',
  monitoring: 'em_centre',
} as const;

/** Any municipality, measure, case language and flag, under a rollout with random regions live. */
const caseArb = fc.record({
  municipality: fc.constantFrom(...municipalities),
  measure: fc.constantFrom(...MEASURES),
  language: fc.constantFrom('fr', 'nl', 'de', undefined, null),
  electronicMonitoring: fc.constantFrom(true, false, undefined, null),
  liveSwitches: fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 6 }),
});

// Issue 8: the routing preview (platform/src/routing) for any municipality × measure.
describe('property: routing preview', () => {
  it('sends every mandate to a known agency of the right kind, or to manual assignment', () => {
    fc.assert(
      fc.property(caseArb, ({ municipality, measure, language, electronicMonitoring, liveSwitches }) => {
        let rollout = initialRollout(reference, municipality.province);
        for (const [i, live] of liveSwitches) {
          const a = rollout.arrondissements[i % Math.max(1, rollout.arrondissements.length)];
          rollout = switchRollout(rollout, a?.name ?? null, live);
        }
        const p = expectedPreview(
          reference,
          { nis: municipality.nis, measure, language, electronicMonitoring },
          rollout,
        )!;
        expect(p).not.toBeNull();
        expect(p.province).toBe(municipality.province);
        for (const r of p.recipients) {
          if (r.agencyId === null) {
            expect(p.manualAssignment).toContain(r.kind);
          } else {
            expect(reference.agency(r.agencyId)?.kind).toBe(AGENCY_KIND[r.kind]);
            expect(p.manualAssignment).not.toContain(r.kind);
          }
        }
        expect(p.manualAssignment.length).toBe(p.recipients.filter((r) => r.agencyId === null).length);
        // electronic monitoring ⇔ a monitoring mandate, and a centre only then
        const monitoring = measure === 'electronic_monitoring' || electronicMonitoring === true;
        expect(p.recipients.some((r) => r.kind === 'monitoring')).toBe(monitoring);
        if (!monitoring) expect(p.monitoringCentreId).toBeNull();
        if (p.monitoringCentreId !== null)
          expect(reference.agency(p.monitoringCentreId)?.kind).toBe('em_centre');
        // the police zone and parquet are the municipality's own
        expect(p.policeZoneId).toBe(municipality.policeZoneId);
        expect(p.parquetId).toBe(municipality.parquetId);
        // not live ⇒ the old channel is said; live exactly as the rollout has the arrondissement
        const listed = rollout.arrondissements.find((a) => a.name === municipality.judicialArrondissement);
        expect(p.live).toBe(listed ? listed.live : rollout.live);
        expect(p.notes.some((n) => n.includes('old channel'))).toBe(!p.live);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers nothing for a NIS code that is not a municipality', () => {
    const known = new Set(municipalities.map((m) => m.nis));
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/).filter((nis) => !known.has(nis)),
        fc.constantFrom(...MEASURES),
        (nis, measure) => expect(expectedPreview(reference, { nis, measure })).toBeNull(),
      ),
    );
  });
});
