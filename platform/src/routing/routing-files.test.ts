import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReferenceData } from '../reference';
import { PROVINCE_CODES } from '../reference/provinces';
import { routingFiles, ROUTING_DIR } from './routing-files';
import { generateRoutingTable } from './routing-file';
import { defaultRoutingTests } from './default-routing-tests';

const reference = loadReferenceData();
const files = routingFiles(reference);

/** The `<rule>` elements of decision `id` in a generated file. */
function rulesOf(xml: string, id: string): string[] {
  const start = xml.indexOf(`<decision id="${id}"`);
  const end = xml.indexOf('</decision>', start);
  return [...xml.slice(start, end).matchAll(/<rule id="[^"]+">([\s\S]*?)<\/rule>/g)].map((m) => m[1]!);
}

function entries(rule: string, kind: 'inputEntry' | 'outputEntry'): string[] {
  return [...rule.matchAll(new RegExp(`<${kind} id="[^"]+">\\s*<text>([\\s\\S]*?)</text>`, 'g'))].map(
    (m) => m[1]!,
  );
}

describe('routing files (bpmn/routing/)', () => {
  it('are in step with the reference data (run `npm run routing:generate` after changing them)', () => {
    const committed = readdirSync(ROUTING_DIR).sort();
    expect(committed).toEqual([...files.keys()].sort());
    for (const [name, content] of files) expect(readFileSync(join(ROUTING_DIR, name), 'utf8')).toBe(content);
  });

  it('are one DMN file per province and Brussels, each with the four decisions', () => {
    expect(PROVINCE_CODES).toHaveLength(11);
    for (const province of PROVINCE_CODES) {
      const xml = files.get(`${province}.dmn`)!;
      expect(xml).toContain(`id="routing-${province}"`);
      for (const decision of ['routing', 'routes', 'monitoring', 'rollout']) {
        expect(xml).toContain(`<decision id="${decision}-${province}"`);
      }
      expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
      expect(xml).toContain('<dmndi:DMNDI>');
    }
  });

  it('give every municipality exactly one routes rule per case language, in its own province file', () => {
    const seen = new Map<string, string>();
    for (const province of PROVINCE_CODES) {
      for (const rule of rulesOf(files.get(`${province}.dmn`)!, `routes-${province}`)) {
        const [nis, language] = entries(rule, 'inputEntry');
        const key = `${nis}|${language}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, province);
        expect(reference.municipality(JSON.parse(nis!) as string)?.province).toBe(province);
      }
    }
    // 546 ordinary municipalities + 19 Brussels municipalities × (fr, nl, other)
    expect(seen.size).toBe(546 + 19 * 3);
  });

  it('output null where the reference data have no police zone or justice house, never a guess', () => {
    const rules = rulesOf(files.get('BE-VLI.dmn')!, 'routes-BE-VLI');
    const tongeren = rules.find((r) => entries(r, 'inputEntry')[0] === '"73111"')!;
    expect(entries(tongeren, 'outputEntry')).toEqual(['null', '"JH-TONGEREN"', '"PAR-LIMBURG"', '"Limburg"']);
    expect(tongeren).toContain('no known police zone');
  });

  it('route Comines-Warneton to PZ-5318, MJ-TOURNAI and PAR-MONS-TOURNAI', () => {
    const rules = rulesOf(files.get('BE-WHT.dmn')!, 'routes-BE-WHT');
    const comines = rules.find((r) => entries(r, 'inputEntry')[0] === '"57097"')!;
    expect(entries(comines, 'inputEntry')).toEqual(['"57097"', '-']);
    expect(entries(comines, 'outputEntry')).toEqual([
      '"PZ-5318"',
      '"MJ-TOURNAI"',
      '"PAR-MONS-TOURNAI"',
      '"Hainaut"',
    ]);
    expect(comines).toContain('<description>Comines-Warneton / Komen-Waasten</description>');
  });

  it('route Brussels by the language of the case', () => {
    const rules = rulesOf(files.get('BE-BRU.dmn')!, 'routes-BE-BRU').filter(
      (r) => entries(r, 'inputEntry')[0] === '"21004"',
    );
    expect(rules.map((r) => [entries(r, 'inputEntry')[1], entries(r, 'outputEntry')[1]])).toEqual([
      ['"fr"', '"MJ-BRUXELLES-FR"'],
      ['"nl"', '"JH-BRUSSEL-NL"'],
      ['not("fr", "nl")', 'null'],
    ]);
  });

  it('start with Hainaut live and every other province not live', () => {
    const liveOf = (province: string) =>
      rulesOf(files.get(`${province}.dmn`)!, `rollout-${province}`).map((r) => entries(r, 'outputEntry')[0]);
    expect(liveOf('BE-WHT')).toEqual(['true', 'false']); // Hainaut, then the default row
    for (const province of PROVINCE_CODES.filter((p) => p !== 'BE-WHT')) {
      expect(liveOf(province).every((v) => v === 'false')).toBe(true);
    }
  });

  it('are deterministic', () => {
    expect(generateRoutingTable(reference, 'BE-WLG')).toBe(generateRoutingTable(reference, 'BE-WLG'));
  });
});

describe('default routing tests', () => {
  it('include Comines-Warneton for BE-WHT', () => {
    expect(defaultRoutingTests(reference, 'BE-WHT')).toContainEqual(
      expect.objectContaining({
        nis: '57097',
        measure: 'conditional_release',
        expect: expect.objectContaining({
          policeZoneId: 'PZ-5318',
          justiceHouseId: 'MJ-TOURNAI',
          parquetId: 'PAR-MONS-TOURNAI',
          monitoringCentreId: null,
        }),
      }),
    );
  });

  it('cover every parquet and every gap of each province, and never expect `live`', () => {
    for (const province of PROVINCE_CODES) {
      const tests = defaultRoutingTests(reference, province);
      const municipalities = reference.municipalities().filter((m) => m.province === province);
      const parquets = new Set(municipalities.map((m) => m.parquetId));
      expect(new Set(tests.map((t) => t.expect.parquetId))).toEqual(parquets);
      for (const m of municipalities.filter(
        (x) => x.policeZoneId === null || x.justiceHouseIds.length === 0,
      )) {
        expect(tests.map((t) => t.nis)).toContain(m.nis);
      }
      expect(tests.some((t) => t.expect.monitoringCentreId)).toBe(true);
      expect(tests.every((t) => !('live' in t.expect))).toBe(true);
    }
  });
});
