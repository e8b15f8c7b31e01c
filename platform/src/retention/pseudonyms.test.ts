import { Pseudonyms } from './pseudonyms';
import { retentionPolicy } from './retention-policy';

describe('pseudonyms', () => {
  const p = new Pseudonyms(Buffer.alloc(32, 7));

  it('gives one person one pseudonym whatever the spelling, another key another one', () => {
    expect(p.person('85073003328')).toMatch(/^P-[0-9a-f]{32}$/);
    expect(p.person('85.07.30-033.28')).toBe(p.person('85073003328'));
    expect(p.person('90020199803')).not.toBe(p.person('85073003328'));
    expect(new Pseudonyms(Buffer.alloc(32, 8)).person('85073003328')).not.toBe(p.person('85073003328'));
  });

  it('replaces valid national register numbers in a text, leaves other numbers alone', () => {
    const scrubbed = p.scrub('variables/search {"value":"85.07.30-033.28"} and 85073003328, ref 85073003329');
    expect(scrubbed).not.toMatch(/85\.07\.30-033\.28|85073003328/);
    expect(scrubbed.match(/nrn:P-[0-9a-f]{32}/g)).toHaveLength(2);
    expect(scrubbed).toContain('85073003329'); // fails the mod-97 check: not a number of anyone
    expect(p.scrub('D-000123 M-123-POL')).toBe('D-000123 M-123-POL');
  });

  const dupont = { nrn: '85073003328', lastName: 'Dupont', firstNames: 'Jean Marie' };
  const tag = `person:${p.person('85073003328')}`;

  it("replaces the case's person's names in a free text, however written, by their pseudonym", () => {
    expect(p.scrubPeople('complaint of Jean Marie Dupont about the visit', [dupont])).toBe(
      `complaint of ${tag} about the visit`,
    );
    expect(p.scrubPeople('DUPONT, Jean Marie called; dupont again; Jean came', [dupont])).toBe(
      `${tag} called; ${tag} again; ${tag} came`,
    );
    // accents and case do not matter; a name inside another word is not a name
    const lemaitre = { nrn: '90020199803', lastName: 'Lemaître', firstNames: 'Zoé' };
    const other = `person:${p.person('90020199803')}`;
    expect(p.scrubPeople('LEMAITRE Zoe; lemaître, zoé; Lemaîtrement', [lemaitre])).toBe(
      `${other}; ${other}; Lemaîtrement`,
    );
    expect(p.scrubPeople('Dupontel is not Dupont', [dupont])).toBe(`Dupontel is not ${tag}`);
  });

  it('replaces the parts of a compound name but not its particles alone', () => {
    const vdb = { nrn: '85073003328', lastName: 'Van den Broeck', firstNames: 'Anne-Sophie' };
    expect(p.scrubPeople('visit to Anne-Sophie Van den Broeck, de Broeck family, Sophie', [vdb])).toBe(
      `visit to ${tag}, de ${tag} family, ${tag}`,
    );
  });

  it('leaves a text without the names as it is, and a person without a number as written', () => {
    expect(p.scrubPeople('court order of 2028-12-01', [dupont])).toBe('court order of 2028-12-01');
    expect(p.scrubPeople('Dupont', [{ lastName: 'Dupont' }])).toBe('Dupont');
    expect(p.scrubPeople('Dupont', [])).toBe('Dupont');
  });
});

describe('retention policy', () => {
  it('reads days and hours, refuses what is not a duration with its name', () => {
    expect(retentionPolicy({ caseData: 'P10D' }).caseData).toBe(10 * 86_400_000);
    expect(retentionPolicy().engineHistory).toBe(30 * 86_400_000);
    expect(() => retentionPolicy({ sessions: 'P1Y' })).toThrow(/retention sessions 'P1Y'/);
  });
});
