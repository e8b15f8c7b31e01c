import { loadReferenceData } from '../reference';
import { expectedRouting, expectedPreview } from './expected-routing';
import { switchRollout, initialRollout } from './rollout-state';

const reference = loadReferenceData();

describe('expectedRouting', () => {
  it('routes Comines-Warneton as the sources say, live in the first rollout region', () => {
    expect(expectedRouting(reference, '57097', 'conditional_release', undefined, false)).toEqual({
      policeZoneId: 'PZ-5318',
      justiceHouseId: 'MJ-TOURNAI',
      monitoringCentreId: null,
      parquetId: 'PAR-MONS-TOURNAI',
      judicialArrondissement: 'Hainaut',
      live: true,
    });
  });

  it('picks the monitoring centre by language area, and by case language in Brussels', () => {
    const centre = (nis: string, language?: string) =>
      expectedRouting(reference, nis, 'electronic_monitoring', language, true)?.monitoringCentreId;
    expect(centre('44021')).toBe('EM-VCET'); // Gent
    expect(centre('57097')).toBe('EM-DSE-FWB');
    expect(centre('63023')).toBe('EM-ZEU-DG'); // Eupen
    expect(centre('21004', 'nl')).toBe('EM-VCET');
    expect(centre('21004', 'fr')).toBe('EM-DSE-FWB');
    expect(centre('21004')).toBeNull();
    expect(expectedRouting(reference, '57097', 'probation', 'fr', true)?.monitoringCentreId).toBe(
      'EM-DSE-FWB',
    );
    expect(expectedRouting(reference, '57097', 'probation', 'fr', false)?.monitoringCentreId).toBeNull();
  });

  it('picks the Brussels justice house by the language of the case', () => {
    expect(expectedRouting(reference, '21004', 'probation', 'fr', false)?.justiceHouseId).toBe(
      'MJ-BRUXELLES-FR',
    );
    expect(expectedRouting(reference, '21004', 'probation', 'nl', false)?.justiceHouseId).toBe(
      'JH-BRUSSEL-NL',
    );
    expect(expectedRouting(reference, '21004', 'probation', null, false)?.justiceHouseId).toBeNull();
  });

  it('follows the rollout state it is given, and is null for an unknown NIS code', () => {
    const on = switchRollout(initialRollout(reference, 'BE-VBR'), 'Leuven', true);
    expect(expectedRouting(reference, '24062', 'probation', 'nl', false, on)?.live).toBe(true);
    expect(expectedRouting(reference, '23088', 'probation', 'nl', false, on)?.live).toBe(false);
    expect(expectedRouting(reference, '99999', 'probation', 'nl', false)).toBeNull();
  });
});

describe('expectedPreview', () => {
  it('lists the mandates, the ones that need manual assignment and why', () => {
    expect(
      expectedPreview(reference, { nis: '73111', measure: 'electronic_monitoring', language: 'nl' }),
    ).toEqual({
      nis: '73111',
      measure: 'electronic_monitoring',
      province: 'BE-VLI',
      policeZoneId: null,
      justiceHouseId: 'JH-TONGEREN',
      monitoringCentreId: 'EM-VCET',
      parquetId: 'PAR-LIMBURG',
      judicialArrondissement: 'Limburg',
      live: false,
      recipients: [
        { kind: 'police_check', agencyId: null },
        { kind: 'guidance', agencyId: 'JH-TONGEREN' },
        { kind: 'monitoring', agencyId: 'EM-VCET' },
      ],
      manualAssignment: ['police_check'],
      notes: [
        'no known police zone for this municipality',
        'Limburg is not live on iplus yet: the case takes the old channel',
      ],
    });
  });

  it('has no monitoring mandate without electronic monitoring', () => {
    const preview = expectedPreview(reference, { nis: '57097', measure: 'conditional_release' });
    expect(preview?.recipients.map((r) => r.kind)).toEqual(['police_check', 'guidance']);
    expect(preview?.manualAssignment).toEqual([]);
    expect(preview?.notes).toEqual([]);
  });
});
