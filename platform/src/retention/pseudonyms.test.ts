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
});

describe('retention policy', () => {
  it('reads days and hours, refuses what is not a duration with its name', () => {
    expect(retentionPolicy({ caseData: 'P10D' }).caseData).toBe(10 * 86_400_000);
    expect(retentionPolicy().engineHistory).toBe(30 * 86_400_000);
    expect(() => retentionPolicy({ sessions: 'P1Y' })).toThrow(/retention sessions 'P1Y'/);
  });
});
