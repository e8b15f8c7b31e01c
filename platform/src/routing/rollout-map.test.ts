import { provinceView, regionCount, type RoutedMunicipality } from './rollout-map';

const m = (nis: string, arrondissement: string, live: boolean): RoutedMunicipality => ({
  nis,
  name: { fr: `M${nis}` },
  arrondissement,
  policeZoneId: null,
  policeZoneName: null,
  justiceHouseId: null,
  monitoringCentreId: null,
  live,
});

describe('regionCount: the state a set of municipalities makes', () => {
  it('is live only when every municipality is, old channel when none is, mixed otherwise', () => {
    expect(regionCount([{ live: true }, { live: true }])).toEqual({
      state: 'live',
      liveMunicipalities: 2,
      oldChannelMunicipalities: 0,
    });
    expect(regionCount([{ live: false }])).toMatchObject({
      state: 'old_channel',
      oldChannelMunicipalities: 1,
    });
    expect(regionCount([{ live: true }, { live: false }])).toMatchObject({ state: 'mixed' });
    // no municipality at all: nothing is live
    expect(regionCount([])).toMatchObject({ state: 'old_channel', liveMunicipalities: 0 });
  });
});

describe('provinceView', () => {
  it('counts from the municipalities, never from the table default row', () => {
    // the default row says not live, the only arrondissement is live: the province is live
    const v = provinceView('BE-VAN', ['Antwerpen'], [{ name: 'Antwerpen', live: true }], false, [
      m('11001', 'Antwerpen', true),
      m('11002', 'Antwerpen', true),
    ]);
    expect(v).toMatchObject({ state: 'live', liveMunicipalities: 2 });
    expect(v.arrondissements).toEqual([
      {
        name: 'Antwerpen',
        switchedLive: true,
        state: 'live',
        liveMunicipalities: 2,
        oldChannelMunicipalities: 0,
      },
    ]);
  });

  it('lists an arrondissement a coordinator’s routes table names, with the default row as its switch', () => {
    const v = provinceView('BE-WLG', ['Eupen', 'Liège'], [{ name: 'Eupen', live: true }], false, [
      m('63001', 'Eupen', true),
      m('62063', 'Liège', false),
      m('62099', 'Elsewhere', false),
    ]);
    expect(v.state).toBe('mixed');
    expect(v.arrondissements.map((a) => [a.name, a.state, a.switchedLive])).toEqual([
      ['Eupen', 'live', true],
      ['Liège', 'old_channel', false],
      ['Elsewhere', 'old_channel', false],
    ]);
  });
});
