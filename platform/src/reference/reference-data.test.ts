import { loadReferenceData } from './index';
import { parseCsv } from './csv';

const reference = loadReferenceData();

describe('loadReferenceData', () => {
  it('has the 565 municipalities with unique NIS codes and at least one postcode each', () => {
    const all = reference.municipalities();
    expect(all).toHaveLength(565);
    expect(new Set(all.map((m) => m.nis)).size).toBe(565);
    expect(all.every((m) => m.postalCodes.length > 0)).toBe(true);
    expect(loadReferenceData()).toBe(reference); // cached
  });

  it('spot checks of the sources (Comines-Warneton, Eupen, Vilvoorde, Bruxelles)', () => {
    expect(reference.municipality('57097')).toMatchObject({
      province: 'BE-WHT',
      judicialArrondissement: 'Hainaut',
      judicialDivision: 'Tournai',
      parquetId: 'PAR-MONS-TOURNAI',
      policeZoneId: 'PZ-5318',
      justiceHouseIds: ['MJ-TOURNAI'],
      languageArea: 'fr',
    });
    expect(reference.municipality('63023')).toMatchObject({
      province: 'BE-WLG',
      judicialArrondissement: 'Eupen',
      parquetId: 'PAR-EUPEN',
      policeZoneId: 'PZ-5292',
      justiceHouseIds: ['JH-EUPEN'],
      languageArea: 'de',
    });
    expect(reference.municipality('23088')).toMatchObject({
      parquetId: 'PAR-HALLE-VILVOORDE',
      justiceHouseIds: ['JH-HALLE'],
    });
    expect(reference.municipality('21004')).toMatchObject({
      province: 'BE-BRU',
      parquetId: 'PAR-BRUXELLES',
      policeZoneId: 'PZ-5339',
      justiceHouseIds: ['MJ-BRUXELLES-FR', 'JH-BRUSSEL-NL'],
      languageArea: 'fr-nl',
    });
  });

  it('never guesses a police zone: the unresolved Tongeren group has none, the uncoded zones keep their ids', () => {
    expect(reference.municipality('73111')?.policeZoneId).toBeNull();
    expect(reference.municipality('71016')?.policeZoneId).toBe('PZ-CARMA');
    expect(reference.municipality('46030')?.policeZoneId).toBe('PZ-SCHELDEWAAS');
    expect(reference.municipalities().filter((m) => m.policeZoneId === null)).toHaveLength(4);
  });

  it('resolves postcodes, including the three shared by two Brussels municipalities', () => {
    expect(reference.municipalitiesByPostalCode('7784').map((m) => m.nis)).toEqual(['57097']);
    expect(
      reference
        .municipalitiesByPostalCode('1040')
        .map((m) => m.nis)
        .sort(),
    ).toEqual(['21004', '21005']);
    expect(reference.municipalitiesByPostalCode('0000')).toEqual([]);
  });

  it('every agency a municipality refers to exists', () => {
    for (const m of reference.municipalities()) {
      for (const id of [m.parquetId, m.policeZoneId, ...m.justiceHouseIds]) {
        if (id !== null) expect(reference.agency(id)).toBeDefined();
      }
    }
  });

  it('has the agencies of the sources plus one coordination agency per province', () => {
    expect(reference.agencies('parquet')).toHaveLength(14);
    expect(reference.agencies('justice_house')).toHaveLength(29);
    expect(reference.agencies('police_zone')).toHaveLength(177);
    expect(
      reference
        .agencies('em_centre')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['EM-DSE-FWB', 'EM-VCET', 'EM-ZEU-DG']);
    expect(reference.agencies('prison')).toHaveLength(33);
    const coordination = reference.agencies('coordination');
    expect(coordination.map((a) => a.id)).toEqual(reference.provinces().map((p) => `COORD-${p.code}`));
    expect(reference.agency('COORD-BE-BRU')).toMatchObject({
      province: 'BE-BRU',
      name: { fr: expect.any(String), nl: expect.any(String), de: expect.any(String) },
    });
    expect(reference.agencies()).toHaveLength(256 + 11);
  });

  it('gives agencies serving one province that province', () => {
    expect(reference.agency('PZ-5318')?.province).toBe('BE-WHT');
    expect(reference.agency('PAR-MONS-TOURNAI')?.province).toBe('BE-WHT');
    expect(reference.agency('MJ-BRUXELLES-FR')?.province).toBe('BE-BRU');
    expect(reference.agency('PRISON-HAREN')?.province).toBe('BE-BRU');
    expect(reference.agency('EM-VCET')?.province).toBeUndefined();
  });

  it('lists 10 provinces and Brussels with their judicial arrondissements', () => {
    const provinces = reference.provinces();
    expect(provinces).toHaveLength(11);
    expect(provinces.find((p) => p.code === 'BE-VBR')?.judicialArrondissements).toEqual([
      'Brussel/Bruxelles',
      'Leuven',
    ]);
    expect(provinces.find((p) => p.code === 'BE-WLG')?.judicialArrondissements).toEqual(['Eupen', 'Liège']);
    expect(provinces.find((p) => p.code === 'BE-BRU')?.judicialArrondissements).toEqual([
      'Brussel/Bruxelles',
    ]);
    const total = provinces.reduce(
      (n, p) => n + reference.municipalities().filter((m) => m.province === p.code).length,
      0,
    );
    expect(total).toBe(565);
  });

  it('hands out copies where a caller could otherwise change the shared data', () => {
    reference.provinces()[0]!.judicialArrondissements.push('X');
    expect(reference.provinces()[0]!.judicialArrondissements).not.toContain('X');
    reference.coverage().withoutPoliceZone.pop();
    expect(reference.coverage().withoutPoliceZone).toHaveLength(4);
  });
});

describe('coverage', () => {
  const coverage = reference.coverage();

  it('counts the gaps documented by the sources', () => {
    expect(coverage.counts).toMatchObject({
      municipalities: 565,
      withPoliceZone: 561,
      withPoliceZoneCode: 541,
      withJusticeHouse: 555,
      withJudicialDivision: 561,
      postalCodes: 1143,
    });
    expect(coverage.withoutPoliceZone.map((e) => e.nis).sort()).toEqual(['73022', '73028', '73098', '73111']);
    expect(coverage.withoutJusticeHouse).toHaveLength(10);
    expect(coverage.withoutJudicialDivision.map((e) => e.nis).sort()).toEqual([
      '37022',
      '46029',
      '46030',
      '71072',
    ]);
    expect(coverage.policeZonesWithoutCode.map((z) => [z.id, z.municipalities.length])).toEqual([
      ['PZ-CARMA', 8],
      ['PZ-SCHELDEWAAS', 4],
      ['PZ-VLAAMSE-ARDENNEN', 8],
    ]);
    expect(coverage.twoJusticeHouses.municipalities).toHaveLength(19);
    expect(coverage.twoJusticeHouses.rule).toContain('MJ-BRUXELLES-FR');
  });

  it('lists the doubts with the municipalities they touch', () => {
    const doubt = (id: string) => coverage.doubts.find((d) => d.id === id)!;
    expect(doubt('monitoring-centres').municipalities).toHaveLength(9);
    expect(doubt('noord-limburg-not-applied').municipalities.length).toBeGreaterThan(0);
    expect(doubt('tongeren-zone-unresolved').municipalities).toHaveLength(4);
    expect(doubt('justice-house-territory').municipalities).toHaveLength(6);
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n1,\n')).toEqual([
      { a: 'x, y', b: 'say "hi"\nthere' },
      { a: '1', b: '' },
    ]);
  });

  it('refuses rows of the wrong width and unterminated quotes', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(/row 2 has 1 cells/);
    expect(() => parseCsv('a\n"open\n')).toThrow(/quoted/);
  });
});
