import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown } from './coverage-markdown';
import { loadReferenceData, REFERENCE_DATA_DIR } from './index';

describe('COVERAGE.md', () => {
  const markdown = coverageMarkdown(loadReferenceData().coverage());

  it('is in step with the data (run `npm run reference:coverage` after changing them)', () => {
    expect(readFileSync(join(REFERENCE_DATA_DIR, 'COVERAGE.md'), 'utf8')).toBe(markdown);
  });

  it('lists the municipalities without police zone and the Brussels rule', () => {
    expect(markdown).toContain('## Without police zone (4)');
    expect(markdown).toContain('| 73111 | Tongeren-Borgloon | BE-VLI |');
    expect(markdown).toContain('fr → MJ-BRUXELLES-FR, nl → JH-BRUSSEL-NL');
  });
});
